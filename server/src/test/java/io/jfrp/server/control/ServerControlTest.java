package io.jfrp.server.control;

import io.jfrp.config.model.proxy.ProxyBuilder;
import io.jfrp.config.model.proxy.ProxyMessages;
import io.jfrp.protocol.auth.AuthScope;
import io.jfrp.protocol.msg.CloseProxy;
import io.jfrp.protocol.msg.LoginResp;
import io.jfrp.protocol.msg.NewProxy;
import io.jfrp.protocol.msg.NewProxyResp;
import io.jfrp.protocol.msg.Ping;
import io.jfrp.protocol.msg.Pong;
import io.jfrp.protocol.msg.ReqWorkConn;
import io.jfrp.server.control.ControlTestSupport.FakeProxy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** A logged-in client's control: its proxies (NewProxy, CloseProxy), heartbeats, and its end. */
class ServerControlTest {
    private final ControlTestSupport server = new ControlTestSupport();

    @AfterEach
    void tearDown() {
        server.close();
    }

    /** The run id of the last {@link #loggedIn} client. */
    private String runId;

    /** A client logged in with no pool; its LoginResp read. */
    private FrpClientPeer loggedIn(ControlTestSupport s) {
        FrpClientPeer client = s.connect().send(ControlTestSupport.login(ControlTestSupport.TOKEN, "", 0));
        assertThat(client.next()).isInstanceOfSatisfying(LoginResp.class, resp -> runId = resp.runId());
        return client;
    }

    private static NewProxy tcp(String name, int remotePort) {
        return ProxyMessages.toNewProxy(ProxyBuilder.tcp(name, "127.0.0.1", 22, remotePort).build(), "");
    }

    @Test
    void aNewProxyBecomesTheModelRecordAndIsAnsweredWithItsRemoteAddress() {
        FrpClientPeer client = loggedIn(server);

        NewProxy request = ProxyMessages.toNewProxy(ProxyBuilder.tcp("ssh", "127.0.0.1", 22, 6000).wrapping(true, false)
                .build(), "alice");
        client.send(request);

        assertThat(client.next()).isEqualTo(new NewProxyResp("alice.ssh", ":6000", ""));
        FakeProxy proxy = server.proxies.get(0);
        assertThat(proxy.config).isEqualTo(ProxyMessages.fromNewProxy(request));
        assertThat(proxy.config.name()).isEqualTo("alice.ssh");
        assertThat(proxy.config.remotePort()).isEqualTo(6000);
        assertThat(proxy.config.base().transport().useEncryption()).isTrue();
        assertThat(proxy.context.bridge().proxyName()).isEqualTo("alice.ssh");
        assertThat(proxy.context.runId()).isEqualTo(runId).isEqualTo(proxy.context.bridge().runId());
    }

    @Test
    void theServerKeepsEachProxysAnnotationsOnItsRecordUntilTheProxyCloses() {
        FrpClientPeer client = loggedIn(server);
        client.send(ProxyMessages.toNewProxy(ProxyBuilder.tcp("p1", "127.0.0.1", 22, 6000)
                .annotations(java.util.Map.of("frp.e2e.test/foo", "value1", "frp.e2e.test/bar", "value2")).build(), ""));
        assertThat(client.next()).isEqualTo(new NewProxyResp("p1", ":6000", ""));

        ServerControl control = server.context.controls().get(runId);
        assertThat(control.proxyRecords()).containsOnlyKeys("p1");
        assertThat(control.proxyRecords().get("p1").base().annotations())
                .containsExactlyInAnyOrderEntriesOf(java.util.Map.of("frp.e2e.test/foo", "value1", "frp.e2e.test/bar", "value2"));

        client.send(new CloseProxy("p1"));
        client.send(Ping.EMPTY); // answered after CloseProxy was handled
        assertThat(client.next()).isInstanceOf(Pong.class);
        assertThat(control.proxyRecords()).isEmpty();
    }

    @Test
    void aNameInUseATypeNotServedAndATypeFrpDoesNotHaveAreRefused() {
        FrpClientPeer client = loggedIn(server);
        assertThat(client.send(tcp("web", 6000)).next()).isEqualTo(new NewProxyResp("web", ":6000", ""));

        client.send(tcp("web", 6001));
        client.send(NewProxy.builder("dns", "udp").remotePort(53).build());
        client.send(NewProxy.builder("odd", "ftp").build());
        client.send(NewProxy.builder("", "tcp").build());

        assertThat(client.drain()).containsExactly(
                new NewProxyResp("web", "", "proxy [web] already exists"),
                new NewProxyResp("dns", "", "proxy type [udp] is not supported by jfrp yet"),
                new NewProxyResp("odd", "", "proxy type [ftp] is not a type of frp"),
                new NewProxyResp("", "", "proxy_name is empty"));
        assertThat(server.proxies).hasSize(1);
    }

    @Test
    void aNameIsTakenAcrossClients() {
        loggedIn(server).send(tcp("shared", 6000));
        FrpClientPeer other = loggedIn(server);

        assertThat(other.send(tcp("shared", 6001)).next())
                .isEqualTo(new NewProxyResp("shared", "", "proxy [shared] already exists"));
    }

    @Test
    void aProxyThatFailsToStartIsAnsweredWithFrpsErrorAndGivesItsNameBack() {
        FrpClientPeer client = loggedIn(server);

        // the refusal's frp text for the client (its detail is for jfrps's log)
        assertThat(client.send(tcp("p", 1)).next())
                .isEqualTo(new NewProxyResp("p", "", "port not allowed"));
        assertThat(server.proxies.get(0).closed).isEqualTo(1);

        assertThat(client.send(tcp("p", 6000)).next()).isEqualTo(new NewProxyResp("p", ":6000", ""));
    }

    @Test
    void closeProxyClosesItAndFreesItsName() {
        FrpClientPeer client = loggedIn(server);
        client.send(tcp("p", 6000));
        client.drain();

        client.send(new CloseProxy("p"));
        assertThat(server.proxies.get(0).closed).isEqualTo(1);

        assertThat(client.send(tcp("p", 6001)).next()).isEqualTo(new NewProxyResp("p", ":6001", ""));
    }

    @Test
    void whenTheControlConnectionEndsEveryProxyClosesAndTheClientIsGone() {
        FrpClientPeer client = loggedIn(server);
        client.send(tcp("a", 6000)).send(tcp("b", 6001));

        server.lastServer().close();
        server.lastServer().runPendingTasks();

        assertThat(server.proxies).extracting(p -> p.closed).containsExactly(1, 1);
        assertThat(server.context.controls().size()).isZero();
        FrpClientPeer next = loggedIn(server);
        assertThat(next.send(tcp("a", 6000)).next())
                .as("names given back").isEqualTo(new NewProxyResp("a", ":6000", ""));
    }

    @Test
    void aPingIsAnsweredAndAPingWithoutItsKeyIsRefusedWhenHeartbeatsAreAuthenticated() {
        FrpClientPeer client = loggedIn(server);
        assertThat(client.send(Ping.EMPTY).next()).isEqualTo(Pong.OK);

        try (ControlTestSupport strict = new ControlTestSupport(Set.of(AuthScope.HEARTBEATS))) {
            FrpClientPeer peer = loggedIn(strict);
            assertThat(peer.send(Ping.EMPTY).next())
                    .isInstanceOfSatisfying(Pong.class, pong -> assertThat(pong.error()).isNotEmpty());
        }
    }

    @Test
    void takingAWorkConnectionAsksTheClientForAnother() {
        FrpClientPeer client = loggedIn(server);

        server.context.controls().get(runId).takeWorkConn();
        client.pump();

        assertThat(client.drain()).containsExactly(ReqWorkConn.INSTANCE);
    }
}
