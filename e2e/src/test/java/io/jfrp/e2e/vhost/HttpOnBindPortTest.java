package io.jfrp.e2e.vhost;

import io.jfrp.client.FrpClient;
import io.jfrp.config.model.VhostConfig;
import io.jfrp.config.model.proxy.ProxyBuilder;
import io.jfrp.e2e.E2e;
import io.jfrp.e2e.E2eClassCase;
import io.jfrp.server.FrpServer;
import io.jfrp.testkit.RequiredTools;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static io.jfrp.e2e.E2e.awaitProxy;
import static io.jfrp.e2e.E2e.freePort;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * frp's {@code vhostHTTPPort = bindPort} (frp's e2e "Port Reuse" and "healthz"): one port for frp
 * clients and the http proxies. A connection that starts with an HTTP request line is the http
 * vhost's and is routed by its Host header to the proxy's backend (curl, the backend's echo of what
 * arrived); an unknown host gets the vhost's 404; frp clients log in on the same port, and the
 * server does not bind a port of its own for the vhost.
 */
class HttpOnBindPortTest extends E2eClassCase {
    private static int port;
    private static HttpEchoBackend backend;
    private static FrpServer server;

    @BeforeAll
    static void start() throws Exception {
        backend = closer.add(new HttpEchoBackend("backend a"));
        port = freePort();
        server = closer.add(E2e.startServer(dir, "secret",
                c -> c.withBindPort(port).withVhost(VhostConfig.OFF.withHttpPort(port))));
        assertThat(server.address().getPort()).isEqualTo(port);
        FrpClient client = closer.add(E2e.startClient(port, "secret", List.of(
                ProxyBuilder.http("site-a", "127.0.0.1", backend.port(), "a.test").build())));
        assertThat(awaitProxy(client, "site-a").error()).isEmpty();
    }

    private static HttpVhostFixture.Response curl(String host, String path) throws Exception {
        RequiredTools.requireOnPath("curl");
        ExternalCommand.Result r = ExternalCommand.run(Duration.ofSeconds(30), List.of("curl", "-sS", "-i",
                "--max-time", "20", "--resolve", host + ":" + port + ":127.0.0.1",
                "http://" + host + ":" + port + path));
        assertThat(r.exitCode()).as(r.toString()).isZero();
        return HttpVhostFixture.parseResponse(r.stdout());
    }

    @Test
    void anHttpRequestToBindPortReachesTheProxysBackend() throws Exception {
        for (int i = 0; i < 3; i++) {
            HttpVhostFixture.Response r = curl("a.test", "/path/" + i + "?q=1");
            assertThat(r.status()).isEqualTo(200);
            Map<String, String> echo = r.echo();
            assertThat(echo).containsEntry("backend", "backend a").containsEntry("method", "GET")
                    .containsEntry("uri", "/path/" + i + "?q=1").containsEntry("h-host", "a.test:" + port);
        }
        assertThat(server.httpVhostAddress()).as("no listener of its own").isNull();
    }

    @Test
    void anUnknownHostGetsTheVhosts404() throws Exception {
        assertThat(curl("nobody.test", "/").status()).isEqualTo(404);
    }

    @Test
    void aPostWithABodyArrivesWhole() throws Exception {
        // A raw request whose method is split from the rest of its bytes: the step waits for them.
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            s.setSoTimeout(20_000);
            OutputStream out = s.getOutputStream();
            out.write("PO".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            Thread.sleep(100); // two TCP segments (not a timing check: any delay gives the same answer)
            out.write(("ST /form HTTP/1.1\r\nHost: a.test\r\nContent-Length: 5\r\nConnection: close\r\n\r\nhello")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            String response = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            HttpVhostFixture.Response r = HttpVhostFixture.parseResponse(response);
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.echo()).containsEntry("method", "POST").containsEntry("uri", "/form")
                    .containsEntry("body-bytes", "5")
                    .containsEntry("body-sha256", HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                            .digest("hello".getBytes(StandardCharsets.US_ASCII))));
        }
    }

    @Test
    void aSecondFrpClientLogsInOnTheSharedPortToo() throws Exception {
        try (FrpClient other = E2e.startClient(port, "secret", List.of())) {
            assertThat(other.runId()).isNotNull();
        }
    }
}
