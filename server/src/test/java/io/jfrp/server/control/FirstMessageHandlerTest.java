package io.jfrp.server.control;

import io.jfrp.protocol.FrpPipelines;
import io.jfrp.protocol.FrpVersion;
import io.jfrp.protocol.auth.AuthKeys;
import io.jfrp.protocol.auth.AuthScope;
import io.jfrp.protocol.msg.LoginResp;
import io.jfrp.protocol.msg.Message;
import io.jfrp.protocol.msg.NewVisitorConn;
import io.jfrp.protocol.msg.NewVisitorConnResp;
import io.jfrp.protocol.msg.NewWorkConn;
import io.jfrp.protocol.msg.Ping;
import io.jfrp.protocol.msg.ReqWorkConn;
import io.jfrp.server.proxy.WorkConnBridge;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The first message of a connection or stream: a Login, a NewWorkConn, or a refusal; and its deadline. */
class FirstMessageHandlerTest {
    private final ControlTestSupport server = new ControlTestSupport();

    @AfterEach
    void tearDown() {
        server.close();
    }

    @Test
    void aLoginMakesAControlAndAsksForThePreOpenedWorkConnections() {
        FrpClientPeer client = server.connect().send(ControlTestSupport.login(ControlTestSupport.TOKEN, "", 3));

        Message first = client.next();
        assertThat(first).isInstanceOfSatisfying(LoginResp.class, resp -> {
            assertThat(resp.error()).isEmpty();
            assertThat(resp.version()).isEqualTo(FrpVersion.SPOKEN);
            assertThat(resp.runId()).matches("[0-9a-f]{16}");
        });
        // Encrypted from here on: the peer decrypts them, so they also prove the switch happened.
        assertThat(client.drain()).containsExactly(ReqWorkConn.INSTANCE, ReqWorkConn.INSTANCE, ReqWorkConn.INSTANCE);
        assertThat(server.context.controls().size()).isEqualTo(1);
        assertThat(server.context.controls().get(((LoginResp) first).runId())).isNotNull();
        assertThat(server.lastServer().pipeline().get("control")).as("the control reads on").isNotNull();
        assertThat(server.lastServer().pipeline().get("first-message")).isNull();
    }

    @Test
    void thePoolAskedForIsCappedByMaxPoolCount() {
        FrpClientPeer client = server.connect().send(ControlTestSupport.login(ControlTestSupport.TOKEN, "", 50));

        assertThat(client.next()).isInstanceOf(LoginResp.class);
        assertThat(client.drain()).hasSize(5); // transport.maxPoolCount
    }

    @Test
    void aLoginWithTheWrongTokenIsRefusedWithTheReasonAndClosed() {
        FrpClientPeer client = server.connect().send(ControlTestSupport.login("wrong", "", 1));

        assertThat(client.next()).isInstanceOfSatisfying(LoginResp.class, resp -> {
            assertThat(resp.runId()).isEmpty();
            assertThat(resp.error()).contains("token");
        });
        assertThat(server.lastServer().isOpen()).isFalse();
        assertThat(server.context.controls().size()).isZero();
    }

    @Test
    void aLoginWithTheRunIdOfALoggedInClientReplacesIt() {
        FrpClientPeer first = server.connect().send(ControlTestSupport.login(ControlTestSupport.TOKEN, "", 1));
        EmbeddedChannel firstServer = server.lastServer();
        String runId = ((LoginResp) first.next()).runId();

        FrpClientPeer again = server.connect().send(ControlTestSupport.login(ControlTestSupport.TOKEN, runId, 1));

        assertThat(((LoginResp) again.next()).runId()).isEqualTo(runId);
        assertThat(firstServer.isOpen()).as("the old control is closed").isFalse();
        firstServer.runPendingTasks();
        assertThat(server.context.controls().size()).isEqualTo(1);
    }

    @Test
    void aNewWorkConnJoinsItsClientsPool() {
        FrpClientPeer control = server.connect().send(ControlTestSupport.login(ControlTestSupport.TOKEN, "", 0));
        String runId = ((LoginResp) control.next()).runId();

        server.connect().send(NewWorkConn.of(runId));
        EmbeddedChannel work = server.lastServer();

        assertThat(work.isOpen()).isTrue();
        assertThat(work.pipeline().get("first-message")).isNull();
        assertThat(work.pipeline().get(WorkConnBridge.IDLE_HANDLER)).as("nothing may come before StartWorkConn")
                .isNotNull();
        Future<Channel> taken = server.context.controls().get(runId).takeWorkConn();
        assertThat(taken.getNow()).isSameAs(work);
    }

    @Test
    void aNewWorkConnForAnUnknownClientIsClosed() {
        server.connect().send(NewWorkConn.of("no-such-run-id"));

        assertThat(server.lastServer().isOpen()).isFalse();
    }

    @Test
    void anUnsignedNewWorkConnIsClosedWhenTheServerAuthenticatesThem() {
        try (ControlTestSupport strict = new ControlTestSupport(Set.of(AuthScope.NEW_WORK_CONNS))) {
            FrpClientPeer control = strict.connect().send(ControlTestSupport.login(ControlTestSupport.TOKEN, "", 0));
            String runId = ((LoginResp) control.next()).runId();

            strict.connect().send(NewWorkConn.of(runId));
            assertThat(strict.lastServer().isOpen()).isFalse();

            long now = System.currentTimeMillis() / 1000;
            strict.connect().send(NewWorkConn.of(runId).withAuth(AuthKeys.privilegeKey(ControlTestSupport.TOKEN, now), now));
            assertThat(strict.lastServer().isOpen()).as("signed: accepted").isTrue();
        }
    }

    @Test
    void aVisitorOfAProxyNoOneOffersIsRefusedAndClosed() {
        FrpClientPeer visitor = server.connect().send(new NewVisitorConn("", "secret", "", 0, false, false));

        assertThat(visitor.next()).isEqualTo(new NewVisitorConnResp("secret", "custom listener for [secret] doesn't exist"));
        assertThat(server.lastServer().isOpen()).isFalse();
    }

    @Test
    void anyOtherFirstMessageClosesTheConnection() {
        FrpClientPeer peer = server.connect().send(Ping.EMPTY);

        assertThat(peer.drain()).isEmpty();
        assertThat(server.lastServer().isOpen()).isFalse();
    }

    @Test
    void bytesThatAreNotAFrameCloseTheConnection() {
        server.connect();
        EmbeddedChannel ch = server.lastServer();

        ch.writeInbound(Unpooled.wrappedBuffer(new byte[] {'#', 0, 0, 0, 0, 0, 0, 0, 2, '{', '}'}));

        assertThat(ch.isOpen()).isFalse();
    }

    @Test
    void nothingWithinTheDeadlineClosesTheConnection() {
        EmbeddedChannel ch = withFirstMessageDeadline(2_000);

        ch.advanceTimeBy(1_999, TimeUnit.MILLISECONDS);
        ch.runScheduledPendingTasks();
        assertThat(ch.isOpen()).isTrue();
        ch.advanceTimeBy(1, TimeUnit.MILLISECONDS);
        ch.runScheduledPendingTasks();
        assertThat(ch.isOpen()).isFalse();
        ch.finishAndReleaseAll();
    }

    @Test
    void theDeadlineIsCancelledOnceTheFirstMessageCame() {
        EmbeddedChannel ch = withFirstMessageDeadline(2_000);
        FrpClientPeer peer = new FrpClientPeer(ch, server.context.tokenKey());
        peer.send(ControlTestSupport.login(ControlTestSupport.TOKEN, "", 0));

        // Well past the first-message deadline, within the heartbeat timeout of a connection without
        // tcpMux (90 s), which takes over once logged in.
        ch.advanceTimeBy(60, TimeUnit.SECONDS);
        ch.runScheduledPendingTasks();

        assertThat(ch.isOpen()).isTrue();
        assertThat(List.of(peer.next())).singleElement().isInstanceOf(LoginResp.class);
        peer.close();
        ch.finishAndReleaseAll();
    }

    /** A connection with frozen time, framing and a {@link FirstMessageHandler} of {@code millis}. */
    private EmbeddedChannel withFirstMessageDeadline(long millis) {
        EmbeddedChannel ch = new EmbeddedChannel();
        ch.freezeTime();
        FrpPipelines.addMessageCodec(ch.pipeline());
        ch.pipeline().addLast(new FirstMessageHandler(server.context, millis));
        return ch;
    }
}
