package io.jfrp.e2e.ops;

import io.jfrp.client.FrpClient;
import io.jfrp.client.manage.ProxyPhase;
import io.jfrp.config.model.ClientConfig;
import io.jfrp.config.model.proxy.HealthCheck;
import io.jfrp.config.model.proxy.ProxyBuilder;
import io.jfrp.e2e.E2e;
import io.jfrp.server.FrpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Health checks in a load-balancing group of two clients (OPERATIONS.md section 6): each client has
 * a tcp proxy in group "web" on the same public port, checked every second, withdrawn after two
 * failures. Both serve; the service behind one dies and its proxy leaves the group within interval
 * x maxFailed (plus one check's time), after which every new connection goes to the other; the
 * service comes back and so does its proxy.
 */
class HealthCheckFailoverTest {
    private static final int INTERVAL_SECONDS = 1;
    private static final int MAX_FAILED = 2;

    @TempDir
    Path dir;
    private final E2e.Closer closer = new E2e.Closer();

    @AfterEach
    void stop() throws Exception {
        closer.close();
    }

    private FrpClient member(int serverPort, String name, NamedService service, int port) throws Exception {
        FrpClient client = closer.add(new FrpClient(ClientConfig.loopback(serverPort, "tok", List.of(
                ProxyBuilder.tcp(name, "127.0.0.1", service.port(), port).loadBalancer("web", "k")
                        .healthCheck(new HealthCheck("tcp", 1, MAX_FAILED, INTERVAL_SECONDS, "", List.of())).build()))));
        client.start().get(10, TimeUnit.SECONDS);
        return client;
    }

    private static boolean running(FrpClient client, String name) {
        return client.proxies().status(name).map(s -> s.phase() == ProxyPhase.RUNNING).orElse(false);
    }

    private static List<String> answers(int port, int n) throws Exception {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            names.add(NamedService.read(port));
        }
        return names;
    }

    @Test
    void aMemberWhoseServiceDiesLeavesTheGroupAndComesBack() throws Exception {
        NamedService a = closer.add(new NamedService("a"));
        NamedService b = closer.add(new NamedService("b"));
        FrpServer server = closer.add(E2e.startServer(dir, "tok", c -> c));
        int port = E2e.freePort();
        FrpClient clientA = member(server.address().getPort(), "web-a", a, port);
        FrpClient clientB = member(server.address().getPort(), "web-b", b, port);
        await().atMost(Duration.ofSeconds(10)).until(() -> running(clientA, "web-a") && running(clientB, "web-b"));
        assertThat(answers(port, 10)).containsOnly("a", "b").contains("a", "b");

        b.stop();
        long died = System.nanoTime();
        await().atMost(Duration.ofSeconds(10)).until(() -> clientB.proxies().status("web-b")
                .map(s -> s.phase() == ProxyPhase.CHECK_FAILED).orElse(false));
        Duration withdrawn = Duration.ofNanos(System.nanoTime() - died);
        System.out.printf("[HealthCheckFailoverTest] service stopped -> proxy withdrawn in %d ms (interval %d s x maxFailed %d)%n",
                withdrawn.toMillis(), INTERVAL_SECONDS, MAX_FAILED);
        // The failures are counted at the checks, each at most interval + timeout after the last.
        assertThat(withdrawn).isLessThanOrEqualTo(Duration.ofSeconds((long) INTERVAL_SECONDS * MAX_FAILED + 2));
        // The server takes the member out as it reads the CloseProxy; from then on only a answers.
        await().atMost(Duration.ofSeconds(5)).until(() -> answers(port, 4).stream().allMatch("a"::equals));
        int bBefore = b.connections.get();
        assertThat(answers(port, 10)).containsOnly("a");
        assertThat(b.connections.get()).isEqualTo(bBefore);
        assertThat(running(clientA, "web-a")).isTrue();

        b.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> running(clientB, "web-b"));
        await().atMost(Duration.ofSeconds(5)).until(() -> answers(port, 4).contains("b"));
        assertThat(answers(port, 10)).containsOnly("a", "b").contains("a", "b");
    }
}
