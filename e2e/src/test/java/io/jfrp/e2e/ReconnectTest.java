package io.jfrp.e2e;

import io.jfrp.client.FrpClient;
import io.jfrp.config.model.proxy.ProxyBuilder;
import io.jfrp.server.FrpServer;
import ch.qos.logback.classic.Level;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The client survives the server going away: a server restarted on the same bindPort gets the
 * client back (with backoff), proxy and all; after a loss the client retries at once and then backs
 * off on frpc's schedule; a client that is closed takes its public port with it.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ReconnectTest extends E2eCase {
    private static final String TOKEN = "reconnect";

    EchoService echo;

    @BeforeEach
    void setUp() throws Exception {
        echo = closer.add(new EchoService());
    }

    private FrpClient client(int serverPort, int remotePort, boolean tcpMux, boolean loginFailExit) throws Exception {
        return client(serverPort, TOKEN, List.of(ProxyBuilder.tcp("echo", "127.0.0.1", echo.port(), remotePort).build()),
                c -> c.withTcpMux(tcpMux).withLoginFailExit(loginFailExit));
    }

    /** A server, a client logged in to it, and the client's echo proxy up on {@code remotePort}. */
    private record Tunnel(FrpServer server, FrpClient client, int bindPort, int remotePort) {
    }

    private Tunnel tunnelUp(boolean tcpMux) throws Exception {
        FrpServer server = server(TOKEN, c -> c.withTcpMux(tcpMux));
        int bindPort = server.address().getPort();
        int remotePort = E2e.freePort();
        FrpClient client = client(bindPort, remotePort, tcpMux, true);
        client.start().get(10, TimeUnit.SECONDS);
        E2e.awaitProxyUp(client, "echo", remotePort);
        return new Tunnel(server, client, bindPort, remotePort);
    }

    @TcpMuxOnAndOff
    void aServerRestartedOnTheSameBindPortGetsTheClientAndItsProxyBack(boolean tcpMux) throws Exception {
        Tunnel tunnel = tunnelUp(tcpMux);
        FrpServer first = tunnel.server();
        FrpClient client = tunnel.client();
        int bindPort = tunnel.bindPort();
        int remotePort = tunnel.remotePort();
        E2e.assertEchoIntact(remotePort, 1 << 20, 1);
        String runId = client.runId();

        // A public connection open across the restart: the server closes it first, so its side of
        // the connection lingers (TIME_WAIT) on remotePort, which the new server must bind again.
        try (Socket open = new Socket()) {
            open.connect(new InetSocketAddress("127.0.0.1", remotePort), 5000);
            open.setSoTimeout(10_000);
            OutputStream out = open.getOutputStream();
            InputStream in = open.getInputStream();
            out.write(new byte[] {1, 2, 3});
            out.flush();
            assertThat(in.readNBytes(3)).containsExactly(1, 2, 3);

            long t0 = System.nanoTime();
            first.close();
            assertThat(readEndsOrFails(in)).as("the public connection ends with the server").isTrue();
            FrpServer second = server(TOKEN, c -> c.withTcpMux(tcpMux).withBindPort(bindPort));
            assertThat(second.address().getPort()).isEqualTo(bindPort);

            await().atMost(Duration.ofSeconds(15)).until(() -> second.clientCount() == 1
                    && client.proxyResults().containsKey("echo"));
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
            System.out.printf("ReconnectTest tcpMux=%s: client and proxy back %d ms after the restart%n", tcpMux,
                    millis);
            assertThat(client.proxyResults().get("echo").error()).as("proxy error after the restart").isEmpty();
            assertThat(client.runId()).isEqualTo(runId);
            E2e.assertEchoIntact(remotePort, 1 << 20, 2);
        }
    }

    /**
     * frpc's schedule after a lost connection (frp's Chaos spec restarts frps and expects frpc back
     * within seconds): a fast retry (200 ms), then frpc's login loop from 1 s with at most 10%
     * jitter; the attempts are real connections, to a plain listener on the old bindPort.
     */
    @Test
    void afterALossTheClientRetriesAtOnceThenBacksOffAsFrpcDoes() throws Exception {
        Tunnel tunnel = tunnelUp(true);

        List<Long> attempts = new CopyOnWriteArrayList<>();
        try (LogCapture log = new LogCapture("io.jfrp.client");
             ServerSocket listener = new ServerSocket()) {
            tunnel.server().close();
            listener.setReuseAddress(true);
            listener.bind(new InetSocketAddress("127.0.0.1", tunnel.bindPort()));
            Thread acceptor = new Thread(() -> {
                while (!listener.isClosed()) {
                    try (Socket attempt = listener.accept()) {
                        attempts.add(System.nanoTime());
                    } catch (java.io.IOException e) {
                        return;
                    }
                }
            }, "reconnect-attempts");
            acceptor.setDaemon(true);
            acceptor.start();

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(reconnectDelays(log))
                    .hasSizeGreaterThanOrEqualTo(2));
            List<Long> delays = reconnectDelays(log);
            assertThat(delays.get(0)).as("the first retry after the loss").isEqualTo(200L);
            assertThat(delays.get(1)).as("then frpc's login loop, 1 s with at most 10% jitter")
                    .isBetween(1000L, 1100L);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(attempts)
                    .as("the client dials the old bindPort again").isNotEmpty());
        }
        tunnel.client().close();
    }

    /** The delays of "reconnecting in N ms", in order. */
    private static List<Long> reconnectDelays(LogCapture log) {
        return log.messages(Level.INFO).stream()
                .filter(m -> m.contains("reconnecting in "))
                .map(m -> Long.parseLong(m.replaceAll(".*reconnecting in (\\d+) ms.*", "$1")))
                .toList();
    }

    @Test
    void withoutLoginFailExitTheClientKeepsTryingUntilTheServerIsUp() throws Exception {
        int bindPort = E2e.freePort();
        int remotePort = E2e.freePort();
        FrpClient client = client(bindPort, remotePort, true, false);
        assertThatThrownBy(() -> client.start().get(10, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class);
        assertThat(client.terminated()).isNotDone();
        FrpServer server = server(TOKEN, c -> c.withTcpMux(true).withBindPort(bindPort));
        await().atMost(Duration.ofSeconds(15)).until(() -> server.clientCount() == 1
                && client.proxyResults().containsKey("echo"));
        E2e.awaitProxyUp(client, "echo", remotePort);
        E2e.assertEchoIntact(remotePort, 1 << 20, 3);
    }

    @TcpMuxOnAndOff
    void aClosedClientTakesItsPublicPortWithIt(boolean tcpMux) throws Exception {
        Tunnel tunnel = tunnelUp(tcpMux);
        E2e.assertEchoIntact(tunnel.remotePort(), 256 << 10, 4);
        assertThat(tunnel.server().clientCount()).isEqualTo(1);

        tunnel.client().close();
        assertThat(tunnel.client().terminated()).succeedsWithin(Duration.ofSeconds(5));
        await().atMost(Duration.ofSeconds(5)).until(() -> tunnel.server().clientCount() == 0);
        await().atMost(Duration.ofSeconds(5)).until(() -> E2e.refused(tunnel.remotePort()));
    }

    /** True when reading ends (EOF or reset) within the socket's timeout. */
    private static boolean readEndsOrFails(InputStream in) {
        try {
            byte[] buf = new byte[1024];
            for (int i = 0; i < 1000; i++) {
                if (in.read(buf) < 0) {
                    return true;
                }
            }
            return false;
        } catch (java.net.SocketTimeoutException e) {
            return false;
        } catch (java.io.IOException e) {
            return true;
        }
    }
}
