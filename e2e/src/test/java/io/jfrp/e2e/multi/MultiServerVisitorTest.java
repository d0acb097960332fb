package io.jfrp.e2e.multi;

import io.jfrp.client.MultiServerClient;
import io.jfrp.client.servers.LinkState;
import io.jfrp.config.model.ClientConfig;
import io.jfrp.config.model.ServerAddress;
import io.jfrp.config.model.proxy.ProxyBuilder;
import io.jfrp.config.model.visitor.VisitorBuilder;
import io.jfrp.e2e.E2e;
import io.jfrp.e2e.E2eCase;
import io.jfrp.server.FrpServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A visitor of a jfrpc on several servers: one listener, each visitor connection through the first
 * server of the list that is online. An stcp proxy on two jfrps (its client on both), an stcp
 * visitor on both: the visits go through A; B's loss changes nothing; A's loss moves them to B.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class MultiServerVisitorTest extends E2eCase {
    private static final String TOKEN = "visit";

    private FrpServer jfrps(String name, int bindPort) throws Exception {
        return closer.add(new FrpServer(JfrpsFile.write(dir, name, TOKEN, "127.0.0.1", bindPort, 0).config()).start());
    }

    private MultiServerClient jfrpc(List<ServerAddress> servers, ClientConfig config) throws Exception {
        return closer.add(new MultiServerClient(config.withServers(servers)));
    }

    private static void assertVisitIntact(int visitorPort, long seed) {
        HashedRequest.Outcome o = HashedRequest.run("127.0.0.1", visitorPort, 64 << 10, seed, 5000);
        assertThat(o.error()).as("visit %d", seed).isEmpty();
        assertThat(o.intact()).isTrue();
        assertThat(o.serviceId()).isEqualTo(9);
    }

    @Test
    void visitsGoThroughTheFirstServerOnline() throws Exception {
        IdEchoService service = closer.add(new IdEchoService(9));
        int bindA = E2e.freePort();
        int bindB = E2e.freePort();
        FrpServer a = jfrps("a", bindA);
        FrpServer b = jfrps("b", bindB);
        List<ServerAddress> both = List.of(new ServerAddress("127.0.0.1", bindA, ""),
                new ServerAddress("127.0.0.1", bindB, ""));
        MultiServerClient provider = jfrpc(both, ClientConfig.loopback(bindA, TOKEN,
                List.of(ProxyBuilder.stcp("secret", "127.0.0.1", service.port(), "k").build())));
        provider.start().get(10, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(10)).until(() -> provider.proxyResults().values().stream()
                .allMatch(r -> r.containsKey("secret") && r.get("secret").error().isEmpty()));
        int visitorPort = E2e.freePort();
        MultiServerClient visitor = jfrpc(both, ClientConfig.loopback(bindA, TOKEN, List.of())
                .withVisitors(List.of(VisitorBuilder.stcp("v", "secret", "k", visitorPort).build())));
        visitor.start().get(10, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(10)).until(() -> visitor.serverStatuses().stream()
                .allMatch(s -> s.state() == LinkState.ONLINE));
        assertThat(visitor.visitors().visitors()).hasSize(1);
        for (int i = 0; i < 3; i++) {
            assertVisitIntact(visitorPort, i);
        }

        // The visits go through A: B's loss does not interrupt them.
        b.close();
        await().atMost(Duration.ofSeconds(10)).until(() -> visitor.serverStatuses().get(1).state() != LinkState.ONLINE);
        for (int i = 3; i < 6; i++) {
            assertVisitIntact(visitorPort, i);
        }

        // B back, then A lost: the visits move to B.
        FrpServer bAgain = jfrps("b2", bindB);
        await().atMost(Duration.ofSeconds(30)).until(() -> visitor.serverStatuses().get(1).state() == LinkState.ONLINE
                && provider.serverStatuses().get(1).state() == LinkState.ONLINE
                && provider.proxyResults().get(both.get(1)).containsKey("secret"));
        a.close();
        await().atMost(Duration.ofSeconds(10)).until(() -> visitor.serverStatuses().get(0).state() != LinkState.ONLINE);
        assertThat(bAgain.clientCount()).isEqualTo(2);
        for (int i = 6; i < 9; i++) {
            assertVisitIntact(visitorPort, i);
        }
    }
}
