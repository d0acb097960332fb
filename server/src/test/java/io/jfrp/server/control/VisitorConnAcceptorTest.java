package io.jfrp.server.control;

import io.jfrp.protocol.FrpVersion;
import io.jfrp.protocol.StreamWrapping;
import io.jfrp.protocol.auth.AuthKeys;
import io.jfrp.protocol.auth.TokenAuthenticator;
import io.jfrp.protocol.crypto.CryptoKey;
import io.jfrp.protocol.msg.Login;
import io.jfrp.protocol.msg.LoginResp;
import io.jfrp.protocol.msg.NewVisitorConn;
import io.jfrp.protocol.msg.NewVisitorConnResp;
import io.jfrp.server.proxy.VisitorTargets;
import io.jfrp.server.proxy.WorkConnBridge;
import io.jfrp.server.proxy.WorkConnSource;
import io.netty.channel.Channel;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.ImmediateEventExecutor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * NewVisitorConn as the first message: frps' checks in frps' order (run id, proxy, sign key, allow
 * list), each refusal answered with stock frps' text and the connection closed; an admitted visitor
 * gets an empty answer and its connection goes to the proxy's bridge.
 */
class VisitorConnAcceptorTest {
    private static final String SK = "sk-of-ssh";

    private final ControlTestSupport server = new ControlTestSupport();
    /** Work connections asked for by the target's bridge: one per admitted visitor. */
    private int workConnsTaken;

    @BeforeEach
    void openTarget() {
        WorkConnSource source = new WorkConnSource() {
            @Override
            public String runId() {
                return "owner";
            }

            @Override
            public EventExecutor executor() {
                return ImmediateEventExecutor.INSTANCE;
            }

            @Override
            public Future<Channel> takeWorkConn() {
                workConnsTaken++;
                return ImmediateEventExecutor.INSTANCE.newPromise(); // never comes: the visitor waits
            }
        };
        server.context.visitorTargets().register(new VisitorTargets.Target("alice.ssh", "stcp", SK, List.of("bob"),
                new WorkConnBridge(source, "alice.ssh", StreamWrapping.NONE, CryptoKey.fromSecret("t"))));
    }

    @AfterEach
    void tearDown() {
        server.close();
    }

    private String loginAs(String user) {
        Login login = new TokenAuthenticator(ControlTestSupport.TOKEN, Set.of(), Duration.ZERO).sign(Login.builder()
                .version(FrpVersion.SPOKEN).os("linux").arch("amd64").user(user).poolCount(0).build());
        return ((LoginResp) server.connect().send(login).next()).runId();
    }

    private static NewVisitorConn visit(String runId, String proxy, String secret) {
        long now = System.currentTimeMillis() / 1000;
        return new NewVisitorConn(runId, proxy, AuthKeys.signKey(secret, now), now, false, false);
    }

    @Test
    void anAdmittedVisitorIsAnsweredAndRelayedThroughTheProxysBridge() {
        String bob = loginAs("bob");
        FrpClientPeer visitor = server.connect().send(visit(bob, "alice.ssh", SK));

        assertThat(visitor.next()).isEqualTo(new NewVisitorConnResp("alice.ssh", ""));
        assertThat(server.lastServer().isOpen()).isTrue();
        assertThat(server.lastServer().pipeline().get("first-message")).isNull();
        assertThat(server.lastServer().config().isAutoRead()).as("held until joined to a work connection").isFalse();
        assertThat(workConnsTaken).isEqualTo(1);
    }

    @Test
    void anUnknownRunIdIsRefused() {
        FrpClientPeer visitor = server.connect().send(visit("0123456789abcdef", "alice.ssh", SK));

        assertThat(visitor.next()).isEqualTo(new NewVisitorConnResp("alice.ssh",
                "no client control found for run id [0123456789abcdef]"));
        assertThat(server.lastServer().isOpen()).isFalse();
        assertThat(workConnsTaken).isZero();
    }

    @Test
    void aWrongSecretKeyIsRefused() {
        String bob = loginAs("bob");
        FrpClientPeer visitor = server.connect().send(visit(bob, "alice.ssh", "not-the-sk"));

        assertThat(visitor.next()).isEqualTo(new NewVisitorConnResp("alice.ssh",
                "visitor connection of [alice.ssh] auth failed"));
        assertThat(server.lastServer().isOpen()).isFalse();
    }

    @Test
    void aStaleSignatureIsRefused() {
        String bob = loginAs("bob");
        long old = System.currentTimeMillis() / 1000 - 3600;
        FrpClientPeer visitor = server.connect().send(new NewVisitorConn(bob, "alice.ssh", AuthKeys.signKey(SK, old),
                old, false, false));

        assertThat(((NewVisitorConnResp) visitor.next()).error()).contains("timestamp is too far");
        assertThat(server.lastServer().isOpen()).isFalse();
    }

    @Test
    void aUserOutsideTheAllowListIsRefusedAndAnEmptyRunIdIsTheEmptyUser() {
        String eve = loginAs("eve");
        FrpClientPeer visitor = server.connect().send(visit(eve, "alice.ssh", SK));
        assertThat(visitor.next()).isEqualTo(new NewVisitorConnResp("alice.ssh",
                "visitor connection of [alice.ssh] user [eve] not allowed"));
        assertThat(server.lastServer().isOpen()).isFalse();

        FrpClientPeer old = server.connect().send(visit("", "alice.ssh", SK));
        assertThat(old.next()).isEqualTo(new NewVisitorConnResp("alice.ssh",
                "visitor connection of [alice.ssh] user [] not allowed"));
        assertThat(workConnsTaken).isZero();
    }

    @Test
    void aRunIdBorrowedFromAnotherAddressIsRefusedLikeAStolenWorkConnection() {
        Login login = new TokenAuthenticator(ControlTestSupport.TOKEN, Set.of(), Duration.ZERO).sign(Login.builder()
                .version(FrpVersion.SPOKEN).os("linux").arch("amd64").user("bob").poolCount(0).build());
        String bob = ((LoginResp) server.connectFrom(new java.net.InetSocketAddress("203.0.113.5", 40000))
                .send(login).next()).runId();

        // eve, elsewhere, names bob's run id to pass bob's place in the allow list
        FrpClientPeer eve = server.connectFrom(new java.net.InetSocketAddress("198.51.100.7", 40001))
                .send(visit(bob, "alice.ssh", SK));
        assertThat(eve.next()).isEqualTo(new NewVisitorConnResp("alice.ssh",
                "visitor connection not from the address of its control"));
        assertThat(server.lastServer().isOpen()).isFalse();
        assertThat(workConnsTaken).isZero();

        // bob's own visitor, a new connection from bob's address, is admitted
        FrpClientPeer visitor = server.connectFrom(new java.net.InetSocketAddress("203.0.113.5", 40002))
                .send(visit(bob, "alice.ssh", SK));
        assertThat(visitor.next()).isEqualTo(new NewVisitorConnResp("alice.ssh", ""));
        assertThat(workConnsTaken).isEqualTo(1);
    }
}
