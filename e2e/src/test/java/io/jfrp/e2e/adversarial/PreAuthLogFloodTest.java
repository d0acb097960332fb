package io.jfrp.e2e.adversarial;

import ch.qos.logback.classic.Level;
import io.jfrp.config.model.LoginBackoff;
import io.jfrp.e2e.E2e;
import io.jfrp.e2e.E2eCase;
import io.jfrp.e2e.EchoService;
import io.jfrp.e2e.LogCapture;
import io.jfrp.server.FrpServer;
import io.jfrp.mux.LogBudget;
import io.jfrp.protocol.auth.AuthKeys;
import io.jfrp.protocol.msg.Message;
import io.jfrp.protocol.msg.NewVisitorConn;
import io.jfrp.protocol.msg.NewWorkConn;
import io.jfrp.server.security.PreAuthLog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Log lines are something an unauthenticated peer can cause: every connection to bindPort that fails
 * its TLS handshake, sends bytes that are not frp, or asks bindPort for an HTTP page is closed with a
 * line saying who and why. A peer that opens such connections one after another (each closed at once,
 * so no connection limit holds it back) must not write a line per connection: the lines are bounded
 * per window (the server's {@link PreAuthLog}, {@link LogBudget#PROTOCOL_ERRORS}), while a logged-in jfrpc's tunnel keeps carrying
 * hash-checked echoes.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class PreAuthLogFloodTest extends E2eCase {
    private static final String TOKEN = "log-flood";
    private static final int PER_KIND = 60;
    /** Refused first messages per kind: enough that one per connection would pass any bound below. */
    private static final int REFUSED_PER_KIND = 25;

    /** A TLS record header then bytes that are no TLS: the handshake fails. */
    private static final byte[] BAD_TLS = {0x16, 'G', 'A', 'R', 'B', 'A', 'G', 'E', '!', '!'};
    /** A plain connection whose first bytes are no frp message. */
    private static final byte[] NOT_FRP = "not frp at all, not yamux either\n".getBytes(StandardCharsets.US_ASCII);
    /** An HTTP request for a page on bindPort (frps answers 404). */
    private static final byte[] HTTP_PAGE = "GET /~!frp-not HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    @Test
    void badConnectionsOneAfterAnotherWriteABoundedNumberOfLines() throws Exception {
        EchoService echo = closer.add(new EchoService());
        // Every bad connection here is from 127.0.0.2; the back-off of failed logins has a test of its own.
        FrpServer server = server(TOKEN, c -> c.withSecurity(s -> s.withLoginBackoff(
                new LoginBackoff(0, Duration.ofMinutes(1), Duration.ofMinutes(1), Duration.ofMinutes(1)))));
        int bindPort = server.address().getPort();
        int publicPort = E2e.freePort();
        tcpClientUp(bindPort, TOKEN, "healthy", echo.port(), publicPort, c -> c);
        HealthyTunnel tunnel = HealthyTunnel.start(publicPort, 64 * 1024);

        int closed = 0;
        long start = System.nanoTime();
        try (LogCapture lines = new LogCapture("io.jfrp")) {
            for (byte[] bad : List.of(BAD_TLS, NOT_FRP, HTTP_PAGE)) {
                for (int i = 0; i < PER_KIND; i++) {
                    try (HostilePeer peer = HostilePeer.connectFrom("127.0.0.2", bindPort)) {
                        try {
                            peer.raw(bad);
                        } catch (java.io.IOException reset) {
                            closed++;
                            continue;
                        }
                        if (peer.plainClosedWithin(10_000)) {
                            closed++;
                        }
                    }
                }
            }
            long windows = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) / LogBudget.DEFAULT_WINDOW_MILLIS;
            List<String> written = lines.messages(Level.INFO);
            System.out.printf("%s: %d bad connections closed, %d lines logged (%d windows)%n",
                    getClass().getSimpleName(), closed, written.size(), windows + 1);
            assertThat(closed).as("every bad connection closed").isEqualTo(3 * PER_KIND);
            // Two budgets; for each a window begun before the flood may end in it, another may begin:
            // windows + 2, each with its lines and one saying how many were left out.
            assertThat(written).as("lines logged for %d bad connections", 3 * PER_KIND)
                    .hasSizeLessThanOrEqualTo(2 * (int) (windows + 2) * (LogBudget.DEFAULT_LINES + 1))
                    .anyMatch(l -> l.contains("TLS handshake with /127.0.0.2"));
        }
        int echoes = tunnel.stop();
        System.out.printf("%s: %d intact echoes through the healthy tunnel during the flood%n",
                getClass().getSimpleName(), echoes);
        assertThat(server.clientCount()).isEqualTo(1);
    }

    /**
     * frp messages that are refused, each on its own connection (tcpMux off: the peer speaks frp
     * straight away): a Login with a wrong token, a NewWorkConn naming no client, a NewVisitorConn for
     * a proxy that does not exist. Each refusal is answered and closed with a line saying who and
     * why; the back-off of failed logins is off here, as a peer with many addresses would have it.
     */
    @Test
    void refusedFirstMessagesOneAfterAnotherWriteABoundedNumberOfLines() throws Exception {
        EchoService echo = closer.add(new EchoService());
        FrpServer server = server(TOKEN, c -> c.withTcpMux(false).withSecurity(s -> s.withLoginBackoff(
                new LoginBackoff(0, Duration.ofMinutes(1), Duration.ofMinutes(1), Duration.ofMinutes(1)))));
        int bindPort = server.address().getPort();
        int publicPort = E2e.freePort();
        tcpClientUp(bindPort, TOKEN, "healthy", echo.port(), publicPort, c -> c.withTcpMux(false));
        HealthyTunnel tunnel = HealthyTunnel.start(publicPort, 64 * 1024);

        List<Supplier<Message>> refused = List.of(
                () -> HostilePeer.login("not-the-token", HostilePeer.now(), 0),
                () -> new NewWorkConn("no-such-run-id", AuthKeys.privilegeKey(TOKEN, HostilePeer.now()), HostilePeer.now()),
                () -> new NewVisitorConn("", "no-such-proxy", AuthKeys.signKey("s", HostilePeer.now()),
                        HostilePeer.now(), false, false));
        int answered = 0;
        long start = System.nanoTime();
        try (LogCapture lines = new LogCapture("io.jfrp")) {
            for (Supplier<Message> message : refused) {
                for (int i = 0; i < REFUSED_PER_KIND; i++) {
                    try (HostilePeer peer = HostilePeer.connectFrom("127.0.0.2", bindPort)) {
                        peer.send(message.get());
                        peer.read(); // the refusal's answer (LoginResp, StartWorkConn, NewVisitorConnResp)
                        if (peer.plainClosedWithin(10_000)) {
                            answered++;
                        }
                    }
                }
            }
            long windows = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) / LogBudget.DEFAULT_WINDOW_MILLIS;
            List<String> written = lines.messages(Level.INFO).stream().filter(l -> l.contains("127.0.0.2")).toList();
            System.out.printf("%s: %d refused connections answered and closed, %d lines logged about them (%d windows)%n",
                    getClass().getSimpleName(), answered, written.size(), windows + 1);
            assertThat(answered).as("every refused connection answered and closed").isEqualTo(refused.size() * REFUSED_PER_KIND);
            assertThat(written).as("lines logged for %d refused connections", refused.size() * REFUSED_PER_KIND)
                    .hasSizeLessThanOrEqualTo((int) (windows + 2) * (LogBudget.DEFAULT_LINES + 1))
                    .anyMatch(l -> l.contains("login from /127.0.0.2"));
        }
        tunnel.stop();
        assertThat(server.clientCount()).isEqualTo(1);
    }
}
