package io.jfrp.e2e.adversarial;

import io.jfrp.client.FrpClient;
import io.jfrp.config.model.LoginBackoff;
import io.jfrp.e2e.E2e;
import io.jfrp.e2e.E2eCase;
import io.jfrp.e2e.EchoService;
import io.jfrp.e2e.RawYamux;
import io.jfrp.e2e.TcpMuxOnAndOff;
import io.jfrp.protocol.auth.AuthKeys;
import io.jfrp.protocol.msg.Login;
import io.jfrp.protocol.msg.LoginResp;
import io.jfrp.protocol.msg.Message;
import io.jfrp.protocol.msg.NewWorkConn;
import io.jfrp.protocol.msg.StartWorkConn;
import io.jfrp.server.FrpServer;
import io.jfrp.server.security.CloseReason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * No client can act for another: a run id learnt by an attacker does not get it the victim's public
 * connections (tcpMux: only the session that logged in may offer work streams; pool mode: only the
 * control's address), a Login copied off the wire is refused the second time (one that only ever
 * travelled under TLS cannot be copied: its twins are other clients), while the victim's
 * tunnel keeps carrying hash-checked echoes. What frpc 0.46.1 sends (its Login and its unsigned
 * NewWorkConn carrying only a run id, written here byte for byte) keeps working in both modes.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class WorkConnAndReplayTest extends E2eCase {
    private static final String TOKEN = "bound-work-conns";

    private FrpServer server(boolean tcpMux) throws Exception {
        return server(TOKEN, c -> c.withTcpMux(tcpMux).withSecurity(s -> s.withLoginReplayGrace(Duration.ZERO)
                .withLoginBackoff(new LoginBackoff(0, Duration.ofMinutes(1), Duration.ofMinutes(1),
                        Duration.ofMinutes(1)))));
    }

    @TcpMuxOnAndOff
    void aStolenRunIdGetsNoWorkConnection(boolean tcpMux) throws Exception {
        FrpServer server = server(tcpMux);
        int bindPort = server.address().getPort();
        EchoService echo = closer.add(new EchoService());
        int publicPort = E2e.freePort();
        FrpClient victim = tcpClientUp(bindPort, TOKEN, "victim", echo.port(), publicPort, c -> c.withTcpMux(tcpMux));
        String runId = victim.runId();
        HealthyTunnel tunnel = HealthyTunnel.start(publicPort, 256 * 1024);

        int attempts = 0;
        if (tcpMux) {
            // An unauthenticated session offering a work stream for the victim's run id.
            try (HostilePeer thief = HostilePeer.connect(bindPort)) {
                thief.openStream(1);
                thief.sendOnStream(1, NewWorkConn.of(runId));
                assertRefused((StartWorkConn) thief.readOnStream(1));
                assertThat(thief.closedWithin(5000)).as("unauthenticated thief's session closed").isTrue();
                attempts++;
            }
            // A session that logged in with the token itself, offering a work stream for the victim.
            try (HostilePeer thief = HostilePeer.connect(bindPort)) {
                thief.openStream(1);
                // A second later than the victim's Login at least: the same token and second would be
                // the victim's key, refused as a replay (the replay grace is off here).
                thief.sendOnStream(1, HostilePeer.login(TOKEN, HostilePeer.now() + 1, 0));
                assertThat(((LoginResp) thief.readOnStream(1)).error()).isEmpty();
                thief.openStream(3);
                thief.sendOnStream(3, NewWorkConn.of(runId));
                assertRefused((StartWorkConn) thief.readOnStream(3));
                attempts++;
            }
        } else {
            // Pool mode: the same unsigned NewWorkConn a stock frpc sends, from another address.
            for (String from : new String[] {"127.0.0.2", "127.0.0.3"}) {
                try (HostilePeer thief = HostilePeer.connectFrom(from, bindPort)) {
                    thief.send(NewWorkConn.of(runId));
                    assertRefused((StartWorkConn) thief.read());
                    assertThat(thief.plainClosedWithin(5000)).as("thief's connection closed").isTrue();
                    attempts++;
                }
            }
        }
        int refused = attempts;
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(server.security().closes(CloseReason.WORK_CONN_REFUSED)).isEqualTo(refused));
        System.out.printf("stolen run id (tcpMux=%s): %d attempts refused; %d intact echoes meanwhile%n", tcpMux,
                attempts, tunnel.stop());
        // Every public connection still reaches the victim's service.
        int before = echo.connections();
        for (int i = 0; i < 5; i++) {
            E2e.assertEchoIntact(publicPort, 64 * 1024, i);
        }
        assertThat(echo.connections() - before).isEqualTo(5);
    }

    private static void assertRefused(StartWorkConn answer) {
        assertThat(answer.error()).as("StartWorkConn error").isNotEmpty();
        assertThat(answer.proxyName()).isEmpty();
    }

    @TcpMuxOnAndOff
    void whatFrpc0461SendsKeepsWorking(boolean tcpMux) throws Exception {
        FrpServer server = server(tcpMux);
        int bindPort = server.address().getPort();
        long ts = HostilePeer.now();
        // frpc 0.46.1's Login and NewWorkConn: omitempty fields, so no user, run id or metas; the
        // NewWorkConn unsigned (auth.additionalScopes not set), only the run id.
        byte[] login = frame('o', "{\"version\":\"0.46.1\",\"hostname\":\"\",\"os\":\"linux\",\"arch\":\"amd64\","
                + "\"privilege_key\":\"" + AuthKeys.privilegeKey(TOKEN, ts) + "\",\"timestamp\":" + ts
                + ",\"pool_count\":1}");
        try (HostilePeer control = HostilePeer.connect(bindPort)) {
            LoginResp resp;
            if (tcpMux) {
                control.openStream(1);
                control.raw(ByteBuffer.allocate(12 + login.length)
                        .put(RawYamux.header(RawYamux.DATA, 0, 1, login.length)).put(login).array());
                resp = (LoginResp) control.readOnStream(1);
            } else {
                control.raw(login);
                resp = (LoginResp) control.read();
            }
            assertThat(resp.error()).isEmpty();
            byte[] workConn = frame('w', "{\"run_id\":\"" + resp.runId() + "\"}");
            if (tcpMux) {
                control.openStream(3);
                control.raw(ByteBuffer.allocate(12 + workConn.length)
                        .put(RawYamux.header(RawYamux.DATA, 0, 3, workConn.length)).put(workConn).array());
                assertThat(control.closedWithin(2000)).isFalse();
                assertThat(control.resetStreams()).as("work stream reset").doesNotContain(3);
                assertThat(control.acceptedStreams()).contains(3);
            } else {
                // frpc opens a pool work connection when the (encrypted) ReqWorkConn arrives.
                control.awaitAnyByte();
                try (HostilePeer work = HostilePeer.connect(bindPort)) {
                    work.raw(workConn);
                    assertThat(work.plainClosedWithin(2000)).as("0.46.1's work connection closed").isFalse();
                }
            }
        }
        assertThat(server.security().closes(CloseReason.WORK_CONN_REFUSED)).isZero();
    }

    private static byte[] frame(char type, String json) {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(9 + body.length).put((byte) type).putLong(body.length).put(body).array();
    }

    @Test
    void aLoginCopiedOffTheWireIsRefusedTheSecondTime() throws Exception {
        FrpServer server = server(false);
        int bindPort = server.address().getPort();
        Login login = HostilePeer.login(TOKEN, HostilePeer.now(), 0);
        try (HostilePeer first = HostilePeer.connect(bindPort)) {
            first.send(login);
            assertThat(((LoginResp) first.read()).error()).isEmpty();
            try (HostilePeer replay = HostilePeer.connectFrom("127.0.0.2", bindPort)) {
                replay.send(login);
                Message m = replay.read();
                assertThat(((LoginResp) m).error()).as("LoginResp error of the replay").isNotEmpty();
                assertThat(((LoginResp) m).runId()).isEmpty();
                assertThat(replay.plainClosedWithin(5000)).as("replay's connection closed").isTrue();
            }
        }
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(server.security().closes(CloseReason.LOGIN_REPLAYED)).isEqualTo(1));
        // A fresh Login (a new timestamp) of the same token is accepted.
        long later = HostilePeer.now() + 1;
        try (HostilePeer fresh = HostilePeer.connect(bindPort)) {
            fresh.send(HostilePeer.login(TOKEN, later, 0));
            assertThat(((LoginResp) fresh.read()).error()).isEmpty();
        }
    }

    @Test
    void loginsOfOneSecondUnderTlsAreClientsNotCopiesUntilOneCameInTheClear() throws Exception {
        FrpServer server = server(false); // no replay grace
        int bindPort = server.address().getPort();
        // What two clients of the token send in the same second (or one reconnecting at once).
        Login login = HostilePeer.login(TOKEN, HostilePeer.now(), 0);
        String[] runIds = new String[2];
        for (int i = 0; i < 2; i++) {
            try (HostilePeer client = HostilePeer.connectTlsFrom("127.0.0." + (i + 1), bindPort)) {
                client.send(login);
                LoginResp resp = (LoginResp) client.read();
                assertThat(resp.error()).as("LoginResp error of TLS login %d", i + 1).isEmpty();
                runIds[i] = resp.runId();
            }
        }
        assertThat(runIds[1]).isNotEqualTo(runIds[0]);
        // Nobody could copy those; the same Login in the clear is a third client, but can be copied.
        try (HostilePeer clear = HostilePeer.connectFrom("127.0.0.3", bindPort)) {
            clear.send(login);
            assertThat(((LoginResp) clear.read()).error()).as("LoginResp error of the clear login").isEmpty();
        }
        try (HostilePeer copy = HostilePeer.connectTlsFrom("127.0.0.4", bindPort)) {
            copy.send(login);
            assertThat(((LoginResp) copy.read()).error()).as("LoginResp error of a copy, under TLS").isNotEmpty();
        }
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(server.security().closes(CloseReason.LOGIN_REPLAYED)).isEqualTo(1));
    }
}
