package io.jfrp.e2e.adversarial;

import io.jfrp.config.model.LoginBackoff;
import io.jfrp.config.model.PreAuthLimits;
import io.jfrp.config.model.ServerConfig;
import io.jfrp.e2e.E2eCase;
import io.jfrp.e2e.EchoService;
import io.jfrp.e2e.E2e;
import io.jfrp.e2e.RawYamux;
import io.jfrp.mux.YamuxFlags;
import io.jfrp.protocol.msg.LoginResp;
import io.jfrp.server.FrpServer;
import io.jfrp.server.security.CloseReason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What a peer that never authenticates can do to bindPort, each attack with raw sockets against a
 * jfrps with short deadlines (1 s before the first byte, 2 s to the first message, 4 s to log in), while
 * a logged-in jfrpc's tunnel keeps carrying hash-checked echoes: silent, trickling and ping-only
 * connections are closed by their deadlines, a refused Login takes its whole session with it, and a
 * flood of streams before Login leaves at most jfrp.security.maxStreamsBeforeLogin open.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class PreAuthAttacksTest extends E2eCase {
    private static final String TOKEN = "pre-auth";
    private static final Duration DEADLINE = Duration.ofSeconds(1);
    private static final Duration FIRST_MESSAGE_DEADLINE = Duration.ofSeconds(2);
    private static final Duration LOGIN_DEADLINE = Duration.ofSeconds(4);

    private FrpServer server;
    private int bindPort;
    private HealthyTunnel tunnel;

    private void start(boolean tcpMux) throws Exception {
        EchoService echo = closer.add(new EchoService());
        server = server(TOKEN, c -> shortDeadlines(c.withTcpMux(tcpMux)));
        bindPort = server.address().getPort();
        int publicPort = E2e.freePort();
        // The healthy client is held to the same short deadlines: on a very busy machine its login
        // may miss them, and it tries again as a real frpc would.
        for (int attempt = 1; ; attempt++) {
            try {
                tcpClientUp(bindPort, TOKEN, "healthy", echo.port(), publicPort, c -> c.withTcpMux(tcpMux));
                break;
            } catch (java.util.concurrent.ExecutionException e) {
                if (attempt == 5) {
                    throw e;
                }
            }
        }
        tunnel = HealthyTunnel.start(publicPort, 256 * 1024);
    }

    private static ServerConfig shortDeadlines(ServerConfig c) {
        // The TLS handshake keeps its default: the healthy jfrpc's handshake on a busy CI machine may be slow.
        return c.withSecurity(s -> s.withPreAuth(new PreAuthLimits(DEADLINE, Duration.ofSeconds(10), FIRST_MESSAGE_DEADLINE,
                        LOGIN_DEADLINE, 0, 64, 4))
                // these tests refuse many logins from 127.0.0.1; the back-off has a test of its own
                .withLoginBackoff(new LoginBackoff(0, Duration.ofMinutes(1), Duration.ofMinutes(1),
                        Duration.ofMinutes(1))));
    }

    private void assertTunnelHealthy() throws Exception {
        int echoes = tunnel.stop();
        System.out.printf("%s: %d intact echoes through the healthy tunnel during the attack%n",
                getClass().getSimpleName(), echoes);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(server.security().unauthenticatedConnections()).isZero());
        assertThat(server.clientCount()).isEqualTo(1);
    }

    @Test
    void silentConnectionsAreClosedByTheFirstByteDeadlineAndTheLimitPerAddress() throws Exception {
        start(true);
        List<HostilePeer> silent = new ArrayList<>();
        try {
            for (int i = 0; i < 50; i++) {
                silent.add(closer.add(HostilePeer.connectFrom("127.0.0.2", bindPort)));
            }
            for (int i = 0; i < 100; i++) { // 64 (maxUnauthenticatedPerAddress) held, 36 closed at once
                silent.add(closer.add(HostilePeer.connectFrom("127.0.0.3", bindPort)));
            }
            List<Integer> open = new ArrayList<>();
            for (int i = 0; i < silent.size(); i++) {
                if (!silent.get(i).plainClosedWithin(i == 0 ? 4000 : 200)) {
                    open.add(i);
                }
            }
            assertThat(open).as("silent connections still open after the first-byte deadline").isEmpty();
        } finally {
            for (HostilePeer p : silent) {
                p.close();
            }
        }
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            assertThat(server.security().closes(CloseReason.FIRST_BYTE_TIMEOUT)).isEqualTo(50 + 64);
            assertThat(server.security().closes(CloseReason.UNAUTHENTICATED_PER_ADDRESS)).isEqualTo(36);
        });
        assertTunnelHealthy();
    }

    @Test
    void aTricklingConnectionIsClosedByItsDeadlineWhateverItSends() throws Exception {
        start(false);
        try (HostilePeer trickle = HostilePeer.connectFrom("127.0.0.2", bindPort)) {
            byte[] frame = io.jfrp.protocol.codec.MessageCodec.encode(HostilePeer.login(TOKEN, HostilePeer.now(), 0));
            long start = System.nanoTime();
            boolean closed = false;
            for (int i = 0; i < frame.length - 1 && !closed; i++) { // one byte each 200 ms, never the last
                try {
                    trickle.raw(new byte[] {frame[i]});
                } catch (java.io.IOException reset) {
                    closed = true;
                    break;
                }
                closed = trickle.plainClosedWithin(200);
            }
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertThat(closed).as("trickling connection closed").isTrue();
            assertThat(millis).as("closed after its deadline, not before").isBetween(FIRST_MESSAGE_DEADLINE.toMillis() - 100,
                    LOGIN_DEADLINE.toMillis() + 2000);
        }
        awaitDeadlineCloses(1);
        assertTunnelHealthy();
    }

    @Test
    void aSessionThatOnlyAnswersPingsIsClosedByTheLoginDeadline() throws Exception {
        start(true);
        List<HostilePeer> sessions = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            HostilePeer p = closer.add(HostilePeer.connectFrom("127.0.0.2", bindPort));
            p.raw(RawYamux.header(RawYamux.PING, YamuxFlags.SYN, 0, i)); // a valid yamux frame
            sessions.add(p);
        }
        for (HostilePeer p : sessions) {
            assertThat(p.closedWithin(LOGIN_DEADLINE.toMillis() + 3000)).as("ping-only session closed").isTrue();
        }
        awaitDeadlineCloses(20);
        assertTunnelHealthy();
    }

    /**
     * Waits until the server has counted {@code count} closes for a missed first-message or login deadline;
     * it counts a close in the channel's close listener, which may run just after the peer sees EOF.
     */
    private void awaitDeadlineCloses(int count) {
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(server.security().closes(CloseReason.FIRST_MESSAGE_TIMEOUT)
                        + server.security().closes(CloseReason.LOGIN_TIMEOUT)).isEqualTo(count));
    }

    @Test
    void aRefusedLoginClosesTheWholeSessionNotOnlyItsStream() throws Exception {
        start(true);
        for (int i = 0; i < 20; i++) {
            try (HostilePeer p = HostilePeer.connectFrom("127.0.0.2", bindPort)) {
                p.openStream(1);
                p.sendOnStream(1, HostilePeer.login("wrong-token", HostilePeer.now(), 0));
                LoginResp resp = (LoginResp) p.readOnStream(1);
                assertThat(resp.error()).as("LoginResp error").isNotEmpty();
                assertThat(resp.runId()).isEmpty();
                assertThat(p.closedWithin(3000)).as("session of a refused login closed").isTrue();
            }
        }
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(server.security().closes(CloseReason.LOGIN_REFUSED)).isEqualTo(20));
        assertTunnelHealthy();
    }

    @Test
    void aFloodOfStreamsBeforeLoginKeepsAtMostAFewAndEndsWithTheLoginDeadline() throws Exception {
        start(true);
        int maxBefore = 4; // jfrp.security.maxStreamsBeforeLogin's default
        int streams = 20_000;
        try (HostilePeer flood = HostilePeer.connectFrom("127.0.0.2", bindPort)) {
            flood.openStreams(streams);
            long start = System.nanoTime();
            boolean closed = flood.closedWithin(LOGIN_DEADLINE.toMillis() + 20_000);
            System.out.printf("stream flood: closed=%s after %d ms%n", closed,
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
            assertThat(closed).as("flooding session closed").isTrue();
            int kept = flood.acceptedStreams().size();
            int reset = flood.resetStreams().size();
            System.out.printf("stream flood: %d SYNs before Login, %d accepted, %d reset before the deadline closed"
                    + " the session (the rest unread)%n", streams, kept, reset);
            assertThat(kept).as("streams the server accepted before Login").isBetween(1, maxBefore);
            assertThat(reset).as("streams refused with RST").isGreaterThan(100);
            // counted in the server's close listener, which may run just after the peer sees EOF
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                    assertThat(server.security().closes(CloseReason.STREAM_BEFORE_LOGIN)).isGreaterThanOrEqualTo(reset));
        }
        assertTunnelHealthy();
    }
}
