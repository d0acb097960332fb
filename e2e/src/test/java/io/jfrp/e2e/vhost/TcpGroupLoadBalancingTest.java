package io.jfrp.e2e.vhost;

import io.jfrp.client.FrpClient;
import io.jfrp.config.model.proxy.ProxyBuilder;
import io.jfrp.config.model.proxy.ProxyConfig;
import io.jfrp.e2e.E2e;
import io.jfrp.e2e.E2eCase;
import io.jfrp.server.FrpServer;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static io.jfrp.e2e.E2e.awaitProxy;
import static io.jfrp.e2e.E2e.freePort;
import static io.jfrp.e2e.vhost.TunnelTestSupport.readName;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * tcp load-balancing groups: proxies of two clients in one group share one public port, connections
 * take turns between them, a client leaving takes only its proxy out, a wrong groupKey is refused.
 */
class TcpGroupLoadBalancingTest extends E2eCase {
    private static ProxyConfig member(String name, int localPort, int remotePort, String key) {
        return ProxyBuilder.tcp(name, "127.0.0.1", localPort, remotePort)
                .loadBalancer("web", key).build();
    }

    @Test
    void twoClientsShareAPortAndOneLeavingLeavesTheOther() throws Exception {
        TunnelTestSupport.NamedTcpService a = closer.add(new TunnelTestSupport.NamedTcpService("a"));
        TunnelTestSupport.NamedTcpService b = closer.add(new TunnelTestSupport.NamedTcpService("b"));
        FrpServer server = server("secret", c -> c);
        int port = freePort();
        int serverPort = server.address().getPort();

        FrpClient clientA = clientLoggedIn(serverPort, "secret", List.of(member("web-a", a.port(), port, "k")));
        FrpClient clientB = clientLoggedIn(serverPort, "secret", List.of(member("web-b", b.port(), port, "k")));
        assertThat(awaitProxy(clientA, "web-a").error()).isEmpty();
        assertThat(awaitProxy(clientA, "web-a").remoteAddr()).isEqualTo(":" + port);
        assertThat(awaitProxy(clientB, "web-b").error()).isEmpty();
        assertThat(awaitProxy(clientB, "web-b").remoteAddr()).isEqualTo(":" + port);

        List<String> names = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            names.add(readName(port));
        }
        assertThat(names).containsOnly("a", "b");
        assertThat(names).filteredOn("a"::equals).hasSize(5);
        assertThat(a.connections()).isEqualTo(5);
        assertThat(b.connections()).isEqualTo(5);

        // A third client with the wrong key is refused, and changes nothing.
        FrpClient intruder = clientLoggedIn(serverPort, "secret",
                List.of(member("web-x", b.port(), port, "guess")));
        assertThat(awaitProxy(intruder, "web-x").error()).isEqualTo("group auth failed"); // frps's text

        clientA.close();
        // Once the server has seen client A go, every connection goes to b.
        await().atMost(Duration.ofSeconds(10)).until(() -> readName(port).equals("b") && readName(port).equals("b"));
        int before = a.connections();
        for (int i = 0; i < 6; i++) {
            assertThat(readName(port)).isEqualTo("b");
        }
        assertThat(a.connections()).isEqualTo(before);

        // The last member leaving closes the port.
        clientB.close();
        await().atMost(Duration.ofSeconds(10)).until(() -> E2e.refused(port));
    }

    @Test
    void aGroupMemberMustAskForTheGroupsPort() throws Exception {
        TunnelTestSupport.NamedTcpService a = closer.add(new TunnelTestSupport.NamedTcpService("a"));
        FrpServer server = server("secret", c -> c);
        int port = freePort();
        int other = freePort();
        FrpClient client = clientLoggedIn(server.address().getPort(), "secret", List.of(
                member("first", a.port(), port, "k")));
        assertThat(awaitProxy(client, "first").error()).isEmpty();
        FrpClient second = clientLoggedIn(server.address().getPort(), "secret", List.of(
                member("second", a.port(), other, "k")));
        assertThat(awaitProxy(second, "second").error()).isEqualTo("group should have same remote port");
        assertThat(readName(port)).isEqualTo("a");
    }
}
