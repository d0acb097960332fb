package io.jfrp.e2e.adversarial;

import io.jfrp.config.model.PreAuthLimits;
import io.jfrp.config.model.SshTunnelGatewayConfig;
import io.jfrp.e2e.E2e;
import io.jfrp.e2e.E2eCase;
import io.jfrp.server.FrpServer;
import io.jfrp.server.security.CloseReason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The SSH gateway's public port against raw sockets that never authenticate: past
 * jfrp.security.maxUnauthenticatedPerAddress a new session from the same address is closed at once,
 * past maxUnauthenticatedConnections the oldest is closed to admit the newest, and every session
 * still not authenticated at jfrp.security.loginTimeout (here 3 s) is closed by it; then a new session
 * is admitted again.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class SshGatewayFloodTest extends E2eCase {
    private static final int PER_ADDRESS = 8;
    private static final int TOTAL = 16;

    private FrpServer server;
    private int sshPort;

    private void start() throws Exception {
        sshPort = E2e.freePort();
        server = server("ssh-flood", c -> c
                .withSshTunnelGateway(new SshTunnelGatewayConfig(sshPort, null, dir.resolve("host_key"), null))
                .withSecurity(s -> s.withPreAuth(new PreAuthLimits(Duration.ofSeconds(10), Duration.ofSeconds(10),
                        Duration.ofSeconds(10), Duration.ofSeconds(3), TOTAL, PER_ADDRESS, 4))));
    }

    /** A raw TCP connection to the SSH port that sends nothing: what it got, and whether the server closed it. */
    private final class SilentPeer implements AutoCloseable {
        final Socket socket = new Socket();
        final StringBuilder got = new StringBuilder();
        boolean closed;

        SilentPeer(String from) throws IOException {
            socket.bind(new InetSocketAddress(InetAddress.getByName(from), 0));
            socket.connect(new InetSocketAddress("127.0.0.1", sshPort), 5000);
        }

        /** Reads what has come; true once the server has closed the connection. */
        boolean closedByServer() {
            if (closed) {
                return true;
            }
            byte[] buf = new byte[512];
            try {
                socket.setSoTimeout(20);
                for (int n; (n = socket.getInputStream().read(buf)) > 0; ) {
                    got.append(new String(buf, 0, n, StandardCharsets.ISO_8859_1));
                }
                closed = true; // EOF
            } catch (SocketTimeoutException stillOpen) {
                return false;
            } catch (IOException reset) {
                closed = true;
            }
            return closed;
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    private List<SilentPeer> connect(String from, int count) throws IOException {
        List<SilentPeer> peers = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            peers.add(closer.add(new SilentPeer(from)));
        }
        return peers;
    }

    private static long closed(List<SilentPeer> peers) {
        return peers.stream().filter(SilentPeer::closedByServer).count();
    }

    @Test
    void sessionsPastTheLimitPerAddressAreClosedAtOnceAndTheRestAtTheLoginDeadline() throws Exception {
        start();
        List<SilentPeer> peers = connect("127.0.0.2", 20);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(server.security().closes(CloseReason.SSH_PER_ADDRESS)).isEqualTo(20 - PER_ADDRESS));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(closed(peers)).as("sessions closed by the limit, then by loginTimeout").isEqualTo(20));
        assertThat(peers.get(0).got.toString()).as("the SSH server's identification").startsWith("SSH-2.0-");
        assertThat(server.security().closes(CloseReason.SSH_PER_ADDRESS)).isEqualTo(20 - PER_ADDRESS);

        // the address is admitted again: its sessions are gone
        SilentPeer again = closer.add(new SilentPeer("127.0.0.2"));
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            again.closedByServer();
            return again.got.toString().startsWith("SSH-2.0-");
        });
        assertThat(server.security().closes(CloseReason.SSH_PER_ADDRESS)).as("not refused").isEqualTo(20 - PER_ADDRESS);
    }

    @Test
    void pastTheTotalLimitTheOldestSessionIsClosedToAdmitTheNewest() throws Exception {
        start();
        List<SilentPeer> first = connect("127.0.0.3", PER_ADDRESS);
        List<SilentPeer> second = connect("127.0.0.4", PER_ADDRESS);
        List<SilentPeer> third = connect("127.0.0.5", PER_ADDRESS);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(server.security().closes(CloseReason.SSH_EVICTED)).isEqualTo(3 * PER_ADDRESS - TOTAL));
        assertThat(server.security().closes(CloseReason.SSH_PER_ADDRESS)).isZero();
        List<SilentPeer> all = new ArrayList<>(first);
        all.addAll(second);
        all.addAll(third);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(closed(all)).isEqualTo(all.size()));
    }
}
