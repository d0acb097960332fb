package io.jfrp.e2e;

import ch.qos.logback.classic.Level;
import io.jfrp.client.FrpClient;
import io.jfrp.client.LoginRefusedException;
import io.jfrp.config.model.proxy.ProxyBuilder;
import io.jfrp.protocol.auth.AuthKeys;
import io.jfrp.protocol.msg.Login;
import io.jfrp.protocol.msg.LoginResp;
import io.jfrp.protocol.msg.Message;
import io.jfrp.server.FrpServer;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

/**
 * Logins the server must refuse, and say why: a wrong token (through jfrpc), and a Login whose
 * key is right but whose timestamp is an hour old (a replayed or hand-made Login from a raw client,
 * tcpMux off and on). A raw Login with a fresh timestamp is accepted, so the raw client is sound.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class AuthTest extends E2eCase {
    private static final String TOKEN = "the-right-token";

    private FrpServer server(boolean tcpMux) throws Exception {
        return server(TOKEN, c -> c.withTcpMux(tcpMux));
    }

    @TcpMuxOnAndOff
    void aWrongTokenIsRefusedWithAClearReason(boolean tcpMux) throws Exception {
        FrpServer server = server(tcpMux);
        try (LogCapture log = new LogCapture("io.jfrp.server")) {
            FrpClient client = client(server.address().getPort(), "wrong",
                    List.of(ProxyBuilder.tcp("p", "127.0.0.1", 1, E2e.freePort()).build()), c -> c.withTcpMux(tcpMux));
            Throwable failure = catchThrowable(() -> client.start().get(10, TimeUnit.SECONDS));
            assertThat(failure).isInstanceOf(ExecutionException.class);
            assertThat(failure.getCause()).isInstanceOf(LoginRefusedException.class);
            assertThat(failure.getCause().getMessage()).contains("token").containsIgnoringCase("doesn't match");
            assertThat(client.terminated()).failsWithin(Duration.ofSeconds(5));
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(log.messages(Level.WARN))
                    .anySatisfy(m -> assertThat(m).contains("login").contains("refused")
                            .contains("key does not match")));
            assertThat(server.clientCount()).isZero();
        }
    }

    @TcpMuxOnAndOff
    void aLoginAnHourOldIsRefusedAsStale(boolean tcpMux) throws Exception {
        FrpServer server = server(tcpMux);
        long hourAgo = System.currentTimeMillis() / 1000 - 3600;
        try (LogCapture log = new LogCapture("io.jfrp.server"); RawFrpConnection raw = raw(server, tcpMux)) {
            raw.send(login(hourAgo));
            Message m = raw.read();
            assertThat(m).isInstanceOf(LoginResp.class);
            LoginResp resp = (LoginResp) m;
            assertThat(resp.error()).as("LoginResp error").isNotEmpty().containsIgnoringCase("time");
            assertThat(resp.runId()).isEmpty();
            assertThat(raw.awaitClosed(5000, true)).as("refused login is closed").isTrue();
            assertThat(log.messages(Level.WARN)).anySatisfy(w -> assertThat(w).contains("refused")
                    .contains("timestamp " + hourAgo).contains("behind"));
        }
        assertThat(server.clientCount()).isZero();
    }

    @TcpMuxOnAndOff
    void theSameRawLoginWithAFreshTimestampIsAccepted(boolean tcpMux) throws Exception {
        FrpServer server = server(tcpMux);
        try (RawFrpConnection raw = raw(server, tcpMux)) {
            raw.send(login(System.currentTimeMillis() / 1000));
            LoginResp resp = (LoginResp) raw.read();
            assertThat(resp.error()).isEmpty();
            assertThat(resp.runId()).isNotEmpty();
            await().atMost(Duration.ofSeconds(5)).until(() -> server.clientCount() == 1);
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> server.clientCount() == 0);
    }

    /** A raw frp connection to {@code server}: in a yamux session when tcpMux is on, as the server expects. */
    private static RawFrpConnection raw(FrpServer server, boolean tcpMux) throws IOException {
        int port = server.address().getPort();
        return tcpMux ? RawFrpConnection.yamux(port) : RawFrpConnection.plain(port);
    }

    private static Login login(long timestamp) {
        return Login.builder().version("0.61.1").os("linux").arch("amd64").poolCount(0).build()
                .withAuth(AuthKeys.privilegeKey(TOKEN, timestamp), timestamp);
    }
}
