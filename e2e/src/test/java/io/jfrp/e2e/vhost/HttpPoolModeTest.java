package io.jfrp.e2e.vhost;

import io.jfrp.client.FrpClient;
import io.jfrp.config.model.VhostConfig;
import io.jfrp.config.model.proxy.ProxyBuilder;
import io.jfrp.e2e.E2e;
import io.jfrp.e2e.E2eCase;
import io.jfrp.server.FrpServer;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The http vhost without tcpMux: each work connection is a TCP connection of its own, which jfrps
 * moves, when it takes it, onto the loop of the public connection it serves (WorkConnBridge), where
 * the exchange stays. Four keep-alive connections at once, each with three POSTs whose bodies the
 * service hashes: every answer comes back on its own connection, naming its own body.
 */
class HttpPoolModeTest extends E2eCase {
    private static final int CONNECTIONS = 4;
    private static final int REQUESTS = 3;
    private static final int BODY = 64 * 1024;

    @Test
    void keepAliveConnectionsAtOnceThroughPooledWorkConnections() throws Exception {
        int httpPort = E2e.freePort();
        HttpEchoBackend backend = closer.add(new HttpEchoBackend("pooled"));
        FrpServer server = server("pool-http", c -> c.withTcpMux(false)
                .withVhost(VhostConfig.OFF.withHttpPort(httpPort)));
        FrpClient client = client(server.address().getPort(), "pool-http",
                List.of(ProxyBuilder.http("site", "127.0.0.1", backend.port(), "site.test").build()),
                c -> c.withTcpMux(false).withPoolCount(2));
        client.start().get(10, TimeUnit.SECONDS);
        assertThat(E2e.awaitProxy(client, "site").error()).isEmpty();

        ExecutorService users = Executors.newFixedThreadPool(CONNECTIONS);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < CONNECTIONS; i++) {
                int connection = i;
                done.add(users.submit(() -> {
                    exchange(httpPort, connection);
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            users.shutdownNow();
        }
        assertThat(backend.seen).hasSize(CONNECTIONS * REQUESTS);
    }

    /** {@value #REQUESTS} POSTs on one keep-alive connection, each answered with its own body's hash. */
    private static void exchange(int port, int connection) throws Exception {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(20_000);
            OutputStream out = s.getOutputStream();
            InputStream in = s.getInputStream();
            for (int r = 0; r < REQUESTS; r++) {
                byte[] body = new byte[BODY];
                new Random(connection * 100L + r).nextBytes(body);
                String uri = "/c" + connection + "/r" + r;
                out.write(("POST " + uri + " HTTP/1.1\r\nHost: site.test\r\nContent-Length: " + BODY + "\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                out.write(body);
                out.flush();
                String response = HttpVhostRequestTest.readResponse(in);
                assertThat(response).startsWith("HTTP/1.1 200").contains("uri: " + uri)
                        .contains("body-bytes: " + BODY)
                        .contains("body-sha256: " + HexFormat.of().formatHex(
                                MessageDigest.getInstance("SHA-256").digest(body)));
            }
        }
    }
}
