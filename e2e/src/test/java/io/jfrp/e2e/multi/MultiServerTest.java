package io.jfrp.e2e.multi;

import io.jfrp.client.FrpClient;
import io.jfrp.client.servers.LinkState;
import io.jfrp.client.MultiServerClient;
import io.jfrp.client.servers.ServerLinkStatus;
import io.jfrp.client.servers.ServerStatusView;
import io.jfrp.config.model.ClientConfig;
import io.jfrp.config.model.ServerAddress;
import io.jfrp.config.model.proxy.ProxyBuilder;
import io.jfrp.config.model.proxy.ProxyConfig;
import io.jfrp.e2e.E2e;
import io.jfrp.e2e.E2eCase;
import io.jfrp.protocol.msg.NewProxyResp;
import io.jfrp.server.FrpServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * jfrpc on two jfrps at once (in this JVM): every proxy on each, each connection on its own, losing
 * one server changes nothing on the other, the lost one comes back by itself; load-balancing groups
 * behave the same on each server; the status of each connection; where a visitor goes.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class MultiServerTest extends E2eCase {
    private static final String TOKEN = "multi";
    private static final String ADDR_A = "127.0.0.2";
    private static final String ADDR_B = "127.0.0.3";

    private FrpServer jfrps(String name, String proxyBindAddr, int bindPort) throws Exception {
        return closer.add(new FrpServer(JfrpsFile.write(dir, name, TOKEN, proxyBindAddr, bindPort, 0).config()).start());
    }

    private MultiServerClient jfrpc(List<ServerAddress> servers, List<? extends ProxyConfig> proxies,
                                    boolean loginFailExit) throws Exception {
        ClientConfig config = ClientConfig.loopback(servers.get(0).port(), TOKEN, proxies).withServers(servers)
                .withLoginFailExit(loginFailExit);
        return closer.add(new MultiServerClient(config));
    }

    private static ServerAddress at(int bindPort) {
        return new ServerAddress("127.0.0.1", bindPort, "");
    }

    private static void awaitProxyOnEveryServer(MultiServerClient client, String proxy, int remotePort) {
        await().atMost(Duration.ofSeconds(15)).until(() -> client.proxyResults().values().stream()
                .allMatch(r -> r.containsKey(proxy)));
        for (Map<String, NewProxyResp> perServer : client.proxyResults().values()) {
            assertThat(perServer.get(proxy).error()).isEmpty();
            assertThat(perServer.get(proxy).remoteAddr()).isEqualTo(":" + remotePort);
        }
    }

    private static void assertRequestsIntact(String host, int port, int count, int expectedId) {
        for (int i = 0; i < count; i++) {
            HashedRequest.Outcome o = HashedRequest.run(host, port, 64 << 10, i, 5000);
            assertThat(o.error()).as("request %d to %s:%d", i, host, port).isEmpty();
            assertThat(o.intact()).isTrue();
            if (expectedId >= 0) {
                assertThat(o.serviceId()).isEqualTo(expectedId);
            }
        }
    }

    @Test
    void everyProxyIsOnEveryServerAndLosingOneChangesNothingOnTheOther() throws Exception {
        IdEchoService service = closer.add(new IdEchoService(7));
        int bindA = E2e.freePort();
        int bindB = E2e.freePort();
        int remote = E2e.freePort();
        FrpServer a = jfrps("a", ADDR_A, bindA);
        FrpServer b = jfrps("b", ADDR_B, bindB);
        MultiServerClient client = jfrpc(List.of(at(bindA), at(bindB)),
                List.of(ProxyBuilder.tcp("echo", "127.0.0.1", service.port(), remote).build()), true);

        client.start().get(10, TimeUnit.SECONDS);
        awaitProxyOnEveryServer(client, "echo", remote);
        assertThat(a.clientCount()).isEqualTo(1);
        assertThat(b.clientCount()).isEqualTo(1);
        assertThat(client.serverStatuses()).extracting(ServerLinkStatus::state)
                .containsExactly(LinkState.ONLINE, LinkState.ONLINE);
        assertThat(client.members().get(0).runId()).isNotEqualTo(client.members().get(1).runId());
        assertRequestsIntact(ADDR_A, remote, 10, 7);
        assertRequestsIntact(ADDR_B, remote, 10, 7);
        assertThat(client.firstOnline()).contains(client.members().get(0));

        // A public connection through B stays open while A goes away.
        try (java.net.Socket throughB = new java.net.Socket(ADDR_B, remote)) {
            throughB.setSoTimeout(5000);
            assertThat(throughB.getInputStream().read()).isEqualTo(7);
            a.close();
            await().atMost(Duration.ofSeconds(10)).until(() -> client.serverStatuses().get(0).state() == LinkState.RETRYING);
            assertThat(client.serverStatuses().get(1).state()).isEqualTo(LinkState.ONLINE);
            assertThat(client.serverStatuses().get(0).failures()).isGreaterThanOrEqualTo(1);
            assertThat(client.firstOnline()).as("a visitor goes through the first server online")
                    .contains(client.members().get(1));
            assertThat(E2e.refused(remote)).isTrue();
            assertRequestsIntact(ADDR_B, remote, 10, 7);
            throughB.getOutputStream().write(new byte[] {1, 2, 3});
            assertThat(throughB.getInputStream().readNBytes(3)).containsExactly(1, 2, 3);
        }

        // A is back on the same bindPort: its connection comes back by itself, the proxy with it.
        FrpServer aAgain = jfrps("a2", ADDR_A, bindA);
        await().atMost(Duration.ofSeconds(30)).until(() -> client.serverStatuses().get(0).state() == LinkState.ONLINE
                && aAgain.clientCount() == 1 && client.proxyResults().get(at(bindA)).containsKey("echo"));
        assertThat(client.serverStatuses().get(0).logins()).isEqualTo(2);
        assertThat(client.serverStatuses().get(1).logins()).as("B was never touched").isEqualTo(1);
        assertRequestsIntact(ADDR_A, remote, 10, 7);
        assertThat(client.firstOnline()).contains(client.members().get(0));

        List<Map<String, Object>> json = ServerStatusView.json(client.serverStatuses());
        assertThat(json).extracting(m -> m.get("addr")).containsExactly("127.0.0.1:" + bindA, "127.0.0.1:" + bindB);
        assertThat(json).extracting(m -> m.get("status")).containsExactly("online", "online");
        // the last error is kept after the recovery: the loss itself, or a retry refused while A was down
        assertThat(String.valueOf(json.get(0).get("err")))
                .matches("connection lost|(finishConnect.* )?Connection refused: .*:" + bindA);
        StringWriter table = new StringWriter();
        ServerStatusView.printTable(json, new PrintWriter(table));
        assertThat(table.toString()).startsWith("Server Status...\n\nServer").contains("127.0.0.1:" + bindB + "  online");
    }

    @Test
    void aLoadBalancingGroupIsTheSameOnEveryServer() throws Exception {
        IdEchoService one = closer.add(new IdEchoService(1));
        IdEchoService two = closer.add(new IdEchoService(2));
        int bindA = E2e.freePort();
        int bindB = E2e.freePort();
        int remote = E2e.freePort();
        jfrps("a", ADDR_A, bindA);
        jfrps("b", ADDR_B, bindB);
        List<ServerAddress> both = List.of(at(bindA), at(bindB));
        MultiServerClient c1 = jfrpc(both, List.of(ProxyBuilder.tcp("web-1", "127.0.0.1", one.port(), remote)
                .loadBalancer("web", "k").build()), true);
        MultiServerClient c2 = jfrpc(both, List.of(ProxyBuilder.tcp("web-2", "127.0.0.1", two.port(), remote)
                .loadBalancer("web", "k").build()), true);
        c1.start().get(10, TimeUnit.SECONDS);
        c2.start().get(10, TimeUnit.SECONDS);
        awaitProxyOnEveryServer(c1, "web-1", remote);
        awaitProxyOnEveryServer(c2, "web-2", remote);

        for (String server : List.of(ADDR_A, ADDR_B)) {
            List<Integer> ids = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                HashedRequest.Outcome o = HashedRequest.run(server, remote, 4096, i, 5000);
                assertThat(o.ok()).as("request %d to %s: %s", i, server, o.error()).isTrue();
                ids.add(o.serviceId());
            }
            assertThat(ids).as("round robin on %s", server).filteredOn(id -> id == 1).hasSize(5);
            assertThat(ids).filteredOn(id -> id == 2).hasSize(5);
        }

        // One member leaving leaves the group on every server to the other.
        c1.close();
        for (String server : List.of(ADDR_A, ADDR_B)) {
            await().atMost(Duration.ofSeconds(10)).until(() -> HashedRequest.run(server, remote, 16, 0, 5000)
                    .serviceId() == 2 && HashedRequest.run(server, remote, 16, 1, 5000).serviceId() == 2);
            assertRequestsIntact(server, remote, 6, 2);
        }
    }

    @Test
    void withLoginFailExitTheClientStopsOnlyWhenNoServerTakesItsFirstLogin() throws Exception {
        int bindA = E2e.freePort();
        int deadB = E2e.freePort();
        jfrps("a", ADDR_A, bindA);
        MultiServerClient oneUp = jfrpc(List.of(at(deadB), at(bindA)), List.of(), true);
        oneUp.start().get(10, TimeUnit.SECONDS);
        assertThat(oneUp.terminated()).isNotDone();
        await().atMost(Duration.ofSeconds(5)).until(() -> oneUp.serverStatuses().get(0).state() == LinkState.RETRYING);
        assertThat(oneUp.serverStatuses().get(0).lastError()).isNotEmpty();
        assertThat(oneUp.firstOnline()).contains(oneUp.members().get(1));

        MultiServerClient noneUp = jfrpc(List.of(at(deadB), at(E2e.freePort())), List.of(), true);
        assertThatThrownBy(() -> noneUp.start().get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class);
        assertThat(noneUp.terminated()).failsWithin(Duration.ofSeconds(5));
        // terminated fails before close() has moved each server's link to CLOSED: wait for it.
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(noneUp.serverStatuses())
                .extracting(ServerLinkStatus::state).containsExactly(LinkState.CLOSED, LinkState.CLOSED));
        assertThat(noneUp.firstOnline()).isEmpty();

        MultiServerClient keepsTrying = jfrpc(List.of(at(deadB)), List.of(), false);
        assertThatThrownBy(() -> keepsTrying.start().get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class);
        assertThat(keepsTrying.terminated()).isNotDone();
    }
}
