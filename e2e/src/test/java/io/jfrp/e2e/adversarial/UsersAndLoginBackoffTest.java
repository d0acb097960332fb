package io.jfrp.e2e.adversarial;

import io.jfrp.config.model.LoginBackoff;
import io.jfrp.config.model.PortRanges;
import io.jfrp.config.model.ServerUser;
import io.jfrp.config.model.VhostConfig;
import io.jfrp.config.model.proxy.ProxyBuilder;
import io.jfrp.config.model.proxy.ProxyConfig;
import io.jfrp.config.model.proxy.ProxyType;
import io.jfrp.client.FrpClient;
import io.jfrp.e2e.E2e;
import io.jfrp.e2e.E2eCase;
import io.jfrp.e2e.EchoService;
import io.jfrp.protocol.msg.LoginResp;
import io.jfrp.protocol.msg.NewProxyResp;
import io.jfrp.server.FrpServer;
import io.jfrp.server.security.CloseReason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Per-user credentials ({@code jfrp.users}) against real jfrpc clients: one user cannot take another's
 * proxy names, ports, domains or subdomains, nor proxy types it was not given, nor log in as another
 * with its own token, while the first user's tunnel keeps carrying hash-checked echoes; and the login
 * back-off: a wrong token repeated from one address gets that address refused, while a good client
 * from another address keeps logging in.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class UsersAndLoginBackoffTest extends E2eCase {
    private static final String SHARED_TOKEN = "shared";
    private static final String ALICE_TOKEN = "alice's secret";
    private static final String BOB_TOKEN = "bob's secret";

    @Test
    void oneUserCannotTakeAnothersNamesPortsDomainsOrTypes() throws Exception {
        int alicePort = E2e.freePort();
        int bobPort = E2e.freePort();
        int httpPort = E2e.freePort();
        ServerUser alice = new ServerUser("alice", ALICE_TOKEN, "", PortRanges.of(PortRanges.Range.single(alicePort)),
                List.of("alice.example.test", "*.alice.example.test"), Set.of(ProxyType.TCP, ProxyType.HTTP));
        ServerUser bob = new ServerUser("bob", BOB_TOKEN, "", PortRanges.of(PortRanges.Range.single(bobPort)),
                List.of("bob.example.test"), Set.of(ProxyType.TCP, ProxyType.HTTP));
        FrpServer server = server(SHARED_TOKEN, c -> c
                .withVhost(VhostConfig.OFF.withHttpPort(httpPort).withSubDomainHost("example.test"))
                .withSecurity(s -> s.withUsers(List.of(alice, bob))));
        int bindPort = server.address().getPort();

        EchoService aliceEcho = closer.add(new EchoService());
        FrpClient aliceClient = userClient(bindPort, "alice", ALICE_TOKEN,
                List.of(ProxyBuilder.tcp("web", "127.0.0.1", aliceEcho.port(), alicePort).build()));
        E2e.awaitProxyUp(aliceClient, "web", alicePort);
        HealthyTunnel tunnel = HealthyTunnel.start(alicePort, 64 * 1024);

        // bob: the same proxy name (his own, bob.web) on alice's port, alice's domain and subdomain, a type he lacks
        EchoService bobEcho = closer.add(new EchoService());
        FrpClient bobClient = userClient(bindPort, "bob", BOB_TOKEN, List.of(
                ProxyBuilder.tcp("web", "127.0.0.1", bobEcho.port(), alicePort).build(),
                ProxyBuilder.tcp("own", "127.0.0.1", bobEcho.port(), bobPort).build(),
                ProxyBuilder.http("site", "127.0.0.1", bobEcho.port(), "alice.example.test").build(),
                ProxyBuilder.http("wild", "127.0.0.1", bobEcho.port(), "www.alice.example.test").build(),
                ProxyBuilder.http("sub", "127.0.0.1", bobEcho.port()).subdomain("alice").build(),
                ProxyBuilder.udp("dns", "127.0.0.1", bobEcho.port(), bobPort).build()));
        assertRefused(bobClient, "web", "port " + alicePort + " is not among the ports of user bob");
        assertRefused(bobClient, "site", "user bob may not serve the domain alice.example.test");
        assertRefused(bobClient, "wild", "user bob may not serve the domain www.alice.example.test");
        assertRefused(bobClient, "sub", "user bob may not serve the domain alice.example.test");
        assertRefused(bobClient, "dns", "user bob may not create udp proxies");
        E2e.awaitProxyUp(bobClient, "own", bobPort);
        E2e.assertEchoIntact(bobPort, 32 * 1024, 11);

        // a client of the shared token cannot take alice's names (frpc sends its proxy names as they are)
        FrpClient sharedClient = client(bindPort, SHARED_TOKEN, List.of(
                ProxyBuilder.tcp("alice.web", "127.0.0.1", bobEcho.port(), 0).build()), c -> c);
        sharedClient.start().get(10, TimeUnit.SECONDS);
        assertRefused(sharedClient, "alice.web", "names starting with 'alice.' belong to user alice");

        // bob's token does not log in as alice
        FrpClient impostor = client(bindPort, BOB_TOKEN, List.of(), c -> c.withUser("alice").withLoginFailExit(true));
        assertThatThrownBy(() -> impostor.start().get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class);

        int echoes = tunnel.stop();
        System.out.printf("%d intact echoes through alice's tunnel meanwhile%n", echoes);
        E2e.assertEchoIntact(alicePort, 64 * 1024, 12); // still alice's service, not bob's
        assertThat(server.clientCount()).isEqualTo(3);
    }

    @Test
    void aWrongTokenRepeatedFromOneAddressIsBackedOffWhileAGoodClientElsewhereLogsIn() throws Exception {
        FrpServer server = server(SHARED_TOKEN, c -> c.withSecurity(s -> s.withLoginBackoff(
                new LoginBackoff(3, Duration.ofMinutes(1), Duration.ofMinutes(1), Duration.ofMinutes(5)))));
        int bindPort = server.address().getPort();
        for (int i = 0; i < 3; i++) {
            try (HostilePeer p = HostilePeer.connectFrom("127.0.0.5", bindPort)) {
                p.openStream(1);
                p.sendOnStream(1, HostilePeer.login("guessed-" + i, HostilePeer.now(), 0));
                LoginResp resp = (LoginResp) p.readOnStream(1);
                assertThat(resp.error()).as("LoginResp error of guess %d", i).isNotEmpty();
                assertThat(p.closedWithin(10_000)).isTrue();
            }
        }
        // from now on the address is refused before it can send anything, even the right token
        for (int i = 0; i < 5; i++) {
            try (HostilePeer p = HostilePeer.connectFrom("127.0.0.5", bindPort)) {
                assertThat(p.plainClosedWithin(10_000)).as("connection %d of a backed-off address closed", i).isTrue();
            }
        }
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(server.security().closes(CloseReason.LOGIN_REFUSED)).isEqualTo(3);
            assertThat(server.security().closes(CloseReason.ADDRESS_BACKED_OFF)).isEqualTo(5);
        });
        // a good client from 127.0.0.1 logs in and gets its tunnel
        EchoService echo = closer.add(new EchoService());
        int publicPort = E2e.freePort();
        tcpClientUp(bindPort, SHARED_TOKEN, "good", echo.port(), publicPort, c -> c);
        E2e.assertEchoIntact(publicPort, 64 * 1024, 13);
        assertThat(server.clientCount()).isEqualTo(1);
    }

    private FrpClient userClient(int bindPort, String user, String token, List<? extends ProxyConfig> proxies)
            throws Exception {
        FrpClient client = client(bindPort, token, proxies, c -> c.withUser(user));
        client.start().get(10, TimeUnit.SECONDS);
        return client;
    }

    private static void assertRefused(FrpClient client, String proxy, String reason) {
        NewProxyResp resp = E2e.awaitProxy(client, proxy);
        assertThat(resp.error()).as("NewProxyResp error of [%s]", proxy).contains(reason);
    }
}
