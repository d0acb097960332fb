package io.jfrp.e2e;

import io.jfrp.client.FrpClient;
import io.jfrp.config.model.proxy.ProxyBuilder;
import io.jfrp.config.model.proxy.ProxyType;
import io.jfrp.config.model.visitor.VisitorBuilder;
import io.jfrp.protocol.msg.NewProxyResp;
import io.jfrp.server.FrpServer;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A client whose connection died without the server noticing (a NAT or middlebox dropped it) logs in
 * again with its old run id while the server still holds its old control. As frps does, the server
 * closes the old control and waits for it to give back its proxies before it answers: the tcp, stcp
 * and xtcp proxies register again under the same names (no "proxy already exists"), the tcp proxy on
 * the same port, and hash-checked bytes flow through the tcp proxy and an stcp visitor again.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SameRunIdReloginTest extends E2eCase {
    private static final String TOKEN = "relogin";
    private static final List<String> PROXIES = List.of("echo", "secret", "p2p");

    @TcpMuxOnAndOff
    void aClientBackWithItsRunIdGetsEveryProxyBackWhileTheServerStillHoldsTheOldConnection(boolean tcpMux)
            throws Exception {
        EchoService echo = closer.add(new EchoService());
        FrpServer server = server(TOKEN, c -> c.withTcpMux(tcpMux));
        SilentDropRelay relay = closer.add(new SilentDropRelay(
                new InetSocketAddress("127.0.0.1", server.address().getPort())));
        int remotePort = E2e.freePort();
        FrpClient provider = client(relay.port(), TOKEN, List.of(
                ProxyBuilder.tcp("echo", "127.0.0.1", echo.port(), remotePort).build(),
                ProxyBuilder.stcp("secret", "127.0.0.1", echo.port(), "k").build(),
                ProxyBuilder.of(ProxyType.XTCP, "p2p").local("127.0.0.1", echo.port()).secretKey("k").build()),
                c -> c.withTcpMux(tcpMux));
        provider.start().get(10, TimeUnit.SECONDS);
        Map<String, NewProxyResp> first = awaitAllProxiesUp(provider, Map.of());
        int visitorPort = E2e.freePort();
        FrpClient visitor = client(server.address().getPort(), TOKEN, List.of(), c -> c.withTcpMux(tcpMux)
                .withVisitors(List.of(VisitorBuilder.stcp("v", "secret", "k", visitorPort).build())));
        visitor.start().get(10, TimeUnit.SECONDS);
        E2e.assertEchoIntact(remotePort, 256 << 10, 1);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> E2e.assertEchoIntact(visitorPort, 256 << 10, 2));
        String runId = provider.runId();

        // A public connection uploading when the connection drops: nobody reads the server's side of
        // the old connection any more, its send buffer fills and its TLS close waits for the
        // close_notify flush timeout, so the old control outlives the client's new login.
        Thread upload = busyUpload(remotePort);
        await().atMost(Duration.ofSeconds(10)).until(() -> relay.bytesTowardClient() > 4 << 20);
        relay.dropClientSides();
        await().atMost(Duration.ofSeconds(20)).until(() -> provider.linkStatus().logins() == 2 && provider.isOnline());
        awaitAllProxiesUp(provider, first);
        assertThat(provider.runId()).as("the client logged in again with its run id").isEqualTo(runId);
        assertThat(server.clientCount()).as("the old control was replaced, not kept beside the new one")
                .isEqualTo(2);
        E2e.assertEchoIntact(remotePort, 256 << 10, 3);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> E2e.assertEchoIntact(visitorPort, 256 << 10, 4));
        upload.interrupt();
    }

    /** Writes to {@code port} (the echo discarded) until the connection fails or 64 MiB are written. */
    private Thread busyUpload(int port) {
        Thread t = new Thread(() -> {
            try (Socket s = new Socket("127.0.0.1", port)) {
                Thread drain = new Thread(() -> {
                    try {
                        s.getInputStream().transferTo(OutputStream.nullOutputStream());
                    } catch (IOException e) {
                        // ends with the connection
                    }
                }, "busy-upload-drain");
                drain.setDaemon(true);
                drain.start();
                OutputStream out = s.getOutputStream();
                byte[] chunk = E2e.seeded(64 << 10, 7);
                for (int i = 0; i < 1024 && !Thread.currentThread().isInterrupted(); i++) {
                    out.write(chunk);
                }
            } catch (IOException e) {
                // the public connection ends with the old control
            }
        }, "busy-upload");
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** Waits for a new answer (not one of {@code before}) to each proxy, and asserts it is a success. */
    private static Map<String, NewProxyResp> awaitAllProxiesUp(FrpClient client, Map<String, NewProxyResp> before) {
        await().atMost(Duration.ofSeconds(15)).until(() -> PROXIES.stream().allMatch(name -> {
            NewProxyResp resp = client.proxyResults().get(name);
            return resp != null && resp != before.get(name);
        }));
        Map<String, NewProxyResp> now = client.proxyResults();
        for (String name : PROXIES) {
            assertThat(now.get(name).error()).as("NewProxyResp error for [%s]", name).isEmpty();
        }
        return now;
    }
}
