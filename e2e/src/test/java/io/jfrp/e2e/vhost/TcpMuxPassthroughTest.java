package io.jfrp.e2e.vhost;

import io.jfrp.client.FrpClient;
import io.jfrp.config.model.proxy.ProxyBuilder;
import io.jfrp.e2e.E2e;
import io.jfrp.server.FrpServer;
import io.jfrp.config.model.VhostConfig;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static io.jfrp.e2e.E2e.awaitProxy;
import static io.jfrp.e2e.E2e.freePort;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * tcpmuxPassthrough: jfrps does not answer the CONNECT; the request, exactly as the client wrote it,
 * goes on to the backend, which answers itself.
 */
class TcpMuxPassthroughTest {
    @TempDir
    Path dir;

    @Test
    void theConnectRequestReachesTheBackendUnchanged() throws Exception {
        int muxPort = freePort();
        String request = "CONNECT svc.test:443 HTTP/1.1\r\nHost: svc.test:443\r\nX-Mixed-Case: Yes\r\n\r\n";
        try (ServerSocket backend = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
             FrpServer server = E2e.startServer(dir, "secret",
                     c -> c.withVhost(VhostConfig.OFF.withTcpmuxHttpConnectPort(muxPort, true)))) {
            // The backend reads the request head plus "ping", then answers as a proxy would.
            CompletableFuture<String> seen = CompletableFuture.supplyAsync(() -> {
                try (Socket s = backend.accept()) {
                    s.setSoTimeout(5000);
                    InputStream in = s.getInputStream();
                    ByteArrayOutputStream got = new ByteArrayOutputStream();
                    while (!got.toString(StandardCharsets.ISO_8859_1).endsWith("ping")) {
                        int b = in.read();
                        if (b < 0) {
                            break;
                        }
                        got.write(b);
                    }
                    s.getOutputStream().write("HTTP/1.1 200 Connection established\r\n\r\npong".getBytes(StandardCharsets.US_ASCII));
                    return got.toString(StandardCharsets.ISO_8859_1);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            try (FrpClient client = E2e.startClient(server.address().getPort(), "secret", List.of(
                    ProxyBuilder.tcpmux("svc", "127.0.0.1", backend.getLocalPort())
                            .multiplexer("httpconnect").customDomains(List.of("svc.test")).build()))) {
                assertThat(awaitProxy(client, "svc").error()).isEmpty();
                try (Socket s = new Socket("127.0.0.1", muxPort)) {
                    s.setSoTimeout(5000);
                    OutputStream out = s.getOutputStream();
                    out.write((request + "ping").getBytes(StandardCharsets.ISO_8859_1));
                    out.flush();
                    byte[] answer = s.getInputStream().readAllBytes();
                    assertThat(new String(answer, StandardCharsets.ISO_8859_1))
                            .isEqualTo("HTTP/1.1 200 Connection established\r\n\r\npong");
                }
                assertThat(seen.get(5, TimeUnit.SECONDS)).isEqualTo(request + "ping");
            }
        }
    }
}
