package io.jfrp.e2e.adversarial;

import ch.qos.logback.classic.Level;
import io.jfrp.client.FrpClient;
import io.jfrp.config.model.ClientConfig;
import io.jfrp.config.model.visitor.VisitorBuilder;
import io.jfrp.e2e.E2e;
import io.jfrp.e2e.E2eCase;
import io.jfrp.e2e.EchoService;
import io.jfrp.e2e.LogCapture;
import io.jfrp.e2e.SocketPump;
import io.jfrp.mux.LogBudget;
import io.jfrp.server.FrpServer;
import io.jfrp.server.proxy.WorkConnBridge;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A public peer cannot make jfrps (nor jfrpc) log a line per connection to a proxy jfrpc cannot
 * serve, nor jfrpc a line per connection to a visitor whose visits are refused. Each such line goes through a budget of its proxy's ({@link WorkConnBridge} in jfrps,
 * {@code LocalServiceDial} in jfrpc): at most {@link LogBudget#DEFAULT_LINES} lines per window, the
 * first ones saying who and why, then how many were left out. A healthy tunnel of another jfrpc keeps
 * carrying hash-checked echoes meanwhile.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class WorkConnFailureLogTest extends E2eCase {
    private static final String TOKEN = "work-conn-failures";
    private static final byte[] HELLO = "hello, is anybody there?\n".getBytes(StandardCharsets.US_ASCII);

    /**
     * A jfrpc whose work connections fail (a relay in front of bindPort carries its control and closes
     * every later connection): each public connection waits userConnTimeout for a work connection, is
     * closed, and jfrps would log a line for it, jfrpc another for the work connection it could not open.
     */
    @Test
    void publicConnectionsThatGetNoWorkConnectionWriteABoundedNumberOfLines() throws Exception {
        int connections = 60;
        EchoService echo = closer.add(new EchoService());
        FrpServer server = server(TOKEN, c -> c.withTcpMux(false).withUserConnTimeout(Duration.ofMillis(300)));
        int bindPort = server.address().getPort();
        int healthyPort = E2e.freePort();
        tcpClientUp(bindPort, TOKEN, "healthy", echo.port(), healthyPort, c -> c.withTcpMux(false));
        ControlOnlyRelay relay = closer.add(new ControlOnlyRelay(bindPort));
        int downPort = E2e.freePort();
        tcpClientUp(relay.port(), TOKEN, "down", echo.port(), downPort, c -> c.withTcpMux(false));
        HealthyTunnel tunnel = HealthyTunnel.start(healthyPort, 64 * 1024);

        long start = System.nanoTime();
        try (LogCapture lines = new LogCapture("io.jfrp")) {
            int closed = closedOfAtOnce(downPort, connections);
            List<String> all = lines.messages(Level.INFO);
            List<String> bridge = all.stream().filter(l -> l.startsWith(WorkConnBridge.class.getName())).toList();
            List<String> client = all.stream().filter(l -> l.contains("could not open a work connection")).toList();
            long windows = windowsSince(start);
            System.out.printf("%s: %d public connections closed, %d lines from jfrps and %d from jfrpc about them"
                            + " (%d windows), %d work connections refused%n", getClass().getSimpleName(), closed,
                    bridge.size(), client.size(), windows + 1, relay.refused());
            assertThat(closed).as("every public connection closed").isEqualTo(connections);
            assertThat(bridge).as("jfrps's lines for %d public connections", connections)
                    .hasSizeLessThanOrEqualTo(bound(windows))
                    .anyMatch(l -> l.contains("proxy [down]: public connection from /127.0.0.1"));
            // jfrpc asked for a work connection per public connection (ReqWorkConn)
            assertThat(client).as("jfrpc's lines for %d failed work connections", relay.refused())
                    .hasSizeLessThanOrEqualTo(bound(windows));
        }
        assertHealthy(tunnel);
        assertThat(server.clientCount()).isEqualTo(2);
    }

    /**
     * A tcp proxy whose local service is down: jfrpc's dial of it fails for each work connection and
     * it closes the connection. jfrps has no line to write (the work connection was had and joined);
     * jfrpc would write one per public connection.
     */
    @Test
    void connectionsToAProxyWhoseServiceIsDownWriteABoundedNumberOfLines() throws Exception {
        int connections = 150;
        EchoService echo = closer.add(new EchoService());
        FrpServer server = server(TOKEN, c -> c);
        int bindPort = server.address().getPort();
        int healthyPort = E2e.freePort();
        tcpClientUp(bindPort, TOKEN, "healthy", echo.port(), healthyPort, c -> c);
        int downPort = E2e.freePort();
        tcpClientUp(bindPort, TOKEN, "down", E2e.freePort(), downPort, c -> c); // nothing listens there
        HealthyTunnel tunnel = HealthyTunnel.start(healthyPort, 64 * 1024);

        long start = System.nanoTime();
        try (LogCapture lines = new LogCapture("io.jfrp")) {
            int closed = 0;
            for (int i = 0; i < connections; i++) {
                closed += closedOfAtOnce(downPort, 1);
            }
            List<String> written = lines.messages(Level.INFO).stream().filter(l -> l.contains("[down]")).toList();
            long windows = windowsSince(start);
            System.out.printf("%s: %d public connections closed, %d lines about them logged (%d windows)%n",
                    getClass().getSimpleName(), closed, written.size(), windows + 1);
            assertThat(closed).as("every public connection closed").isEqualTo(connections);
            // jfrps's bridge and jfrpc's dial: two budgets
            assertThat(written).as("lines for %d public connections", connections)
                    .hasSizeLessThanOrEqualTo(2 * bound(windows))
                    .anyMatch(l -> l.contains("[down] connect to local service"));
        }
        assertHealthy(tunnel);
        assertThat(server.clientCount()).isEqualTo(2);
    }

    /**
     * An stcp visitor whose proxy does not exist: jfrps refuses each visitor connection and jfrpc
     * closes the user's connection with a line, one per connection accepted on the visitor's port
     * (which a user may bind beyond loopback). The visitor's lines share one budget.
     */
    @Test
    void connectionsToAVisitorWhoseProxyIsMissingWriteABoundedNumberOfLines() throws Exception {
        int connections = 60;
        EchoService echo = closer.add(new EchoService());
        FrpServer server = server(TOKEN, c -> c);
        int bindPort = server.address().getPort();
        int healthyPort = E2e.freePort();
        tcpClientUp(bindPort, TOKEN, "healthy", echo.port(), healthyPort, c -> c);
        int visitorPort = E2e.freePort();
        closer.add(new FrpClient(ClientConfig.loopback(bindPort, TOKEN, List.of()).withVisitors(List.of(
                VisitorBuilder.stcp("lost-visitor", "no-such-proxy", "secret", visitorPort).build()))))
                .start().get(10, TimeUnit.SECONDS);
        HealthyTunnel tunnel = HealthyTunnel.start(healthyPort, 64 * 1024);

        long start = System.nanoTime();
        try (LogCapture lines = new LogCapture("io.jfrp.client")) {
            int closed = closedOfAtOnce(visitorPort, connections);
            List<String> written = lines.messages(Level.INFO).stream().filter(l -> l.contains("[lost-visitor]")).toList();
            long windows = windowsSince(start);
            System.out.printf("%s: %d visitor connections closed, %d lines from jfrpc about them (%d windows)%n",
                    getClass().getSimpleName(), closed, written.size(), windows + 1);
            assertThat(closed).as("every connection to the visitor closed").isEqualTo(connections);
            assertThat(written).as("jfrpc's lines for %d refused visits", connections)
                    .hasSizeLessThanOrEqualTo(bound(windows))
                    .anyMatch(l -> l.contains("visitor connection to [no-such-proxy] failed"));
        }
        assertHealthy(tunnel);
    }

    /**
     * Lines one budget may write over {@code windows} whole windows: a window begun before the flood
     * may end in it and another begin, each with its lines and one saying how many were left out.
     */
    private static int bound(long windows) {
        return (int) (windows + 2) * (LogBudget.DEFAULT_LINES + 1);
    }

    private static long windowsSince(long start) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) / LogBudget.DEFAULT_WINDOW_MILLIS;
    }

    /** Opens {@code n} public connections, each sending a line, then waits for each to be closed; how many were. */
    private static int closedOfAtOnce(int port, int n) throws IOException {
        List<HostilePeer> peers = new ArrayList<>();
        int closed = 0;
        try {
            for (int i = 0; i < n; i++) {
                HostilePeer peer = HostilePeer.connect(port);
                peers.add(peer);
                try {
                    peer.raw(HELLO);
                } catch (IOException reset) {
                    // closed already; counted below
                }
            }
            for (HostilePeer peer : peers) {
                try {
                    if (peer.plainClosedWithin(10_000)) {
                        closed++;
                    }
                } catch (IOException reset) {
                    closed++;
                }
            }
        } finally {
            for (HostilePeer peer : peers) {
                peer.close();
            }
        }
        return closed;
    }

    private void assertHealthy(HealthyTunnel tunnel) throws Exception {
        int echoes = tunnel.stop();
        System.out.printf("%s: %d intact echoes through the healthy tunnel during the flood%n",
                getClass().getSimpleName(), echoes);
    }

    /**
     * A TCP relay on loopback in front of jfrps's bindPort that carries the first connection (jfrpc's
     * control, tcpMux off) both ways and resets every later one at once (its work connections).
     */
    private static final class ControlOnlyRelay implements AutoCloseable {
        private final ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        private final List<Socket> sockets = new CopyOnWriteArrayList<>();
        private final AtomicInteger refused = new AtomicInteger();
        private final int target;

        ControlOnlyRelay(int target) throws IOException {
            this.target = target;
            Thread acceptor = new Thread(this::acceptLoop, "control-only-relay");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        int port() {
            return listener.getLocalPort();
        }

        int refused() {
            return refused.get();
        }

        private void acceptLoop() {
            boolean first = true;
            while (!listener.isClosed()) {
                try {
                    Socket client = listener.accept();
                    sockets.add(client);
                    if (!first) {
                        refused.incrementAndGet();
                        client.setSoLinger(true, 0);
                        client.close();
                        continue;
                    }
                    first = false;
                    Socket server = new Socket();
                    sockets.add(server);
                    server.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), target), 5000);
                    SocketPump.start("relay-up", client, server, SocketPump.Gate.OPEN, new AtomicLong(), true);
                    SocketPump.start("relay-down", server, client, SocketPump.Gate.OPEN, new AtomicLong(), true);
                } catch (IOException e) {
                    // closed, or jfrps refused: the client sees its connection end
                }
            }
        }

        @Override
        public void close() throws IOException {
            listener.close();
            for (Socket s : sockets) {
                SocketPump.closeQuietly(s);
            }
        }
    }
}
