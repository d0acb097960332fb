package io.jfrp.e2e.ops;

import io.jfrp.client.FrpClient;
import io.jfrp.client.admin.ClientService;
import io.jfrp.client.cli.Jfrpc;
import io.jfrp.client.visitor.Visitor;
import io.jfrp.config.model.proxy.ProxyBuilder;
import io.jfrp.e2e.E2e;
import io.jfrp.e2e.E2eCase;
import io.jfrp.server.FrpServer;
import io.jfrp.testkit.CliRun;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Visitors follow a reload and the store as proxies do (frp's visitor manager {@code UpdateAll}): a
 * real jfrps, a jfrpc owning two stcp proxies ({@code a} and {@code b}, each a local service that
 * answers its name), and a jfrpc of visitors run as {@code jfrpc} runs ({@link ClientService}: a file,
 * a store, the admin API). A store visitor present at start-up listens from the start; one made
 * through the store API listens at once and stops listening when deleted; {@code jfrpc reload} after
 * an edit leaves an unchanged visitor alone (same instance, still answering), moves a changed one to
 * its new proxy on the same port, closes a removed one's port and opens an added one's.
 */
class VisitorReloadTest extends E2eCase {
    /** Each visitor's local port, by its name. */
    private final Map<String, Integer> ports = new HashMap<>();

    private int port(String visitor) {
        return ports.computeIfAbsent(visitor, v -> {
            try {
                return E2e.freePort();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private String visitor(String name, String proxy) {
        return """

                [[visitors]]
                name = "%s"
                type = "stcp"
                serverName = "%s"
                secretKey = "k"
                bindPort = %d
                """.formatted(name, proxy, port(name));
    }

    private String storeVisitor(String name, String proxy) {
        return "{\"name\":\"%s\",\"type\":\"stcp\",\"stcp\":{\"serverName\":\"%s\",\"secretKey\":\"k\",\"bindPort\":%d}}"
                .formatted(name, proxy, port(name));
    }

    @Test
    void aReloadAndTheStoreStartChangeAndStopVisitors() throws Exception {
        NamedService a = closer.add(new NamedService("a"));
        NamedService b = closer.add(new NamedService("b"));
        FrpServer server = closer.add(E2e.startServer(dir, "tok", c -> c));
        int serverPort = server.address().getPort();
        FrpClient owner = closer.add(E2e.startClient(serverPort, "tok", List.of(
                ProxyBuilder.stcp("a", "127.0.0.1", a.port(), "k").build(),
                ProxyBuilder.stcp("b", "127.0.0.1", b.port(), "k").build())));
        List.of("a", "b").forEach(proxy -> E2e.awaitProxy(owner, proxy));

        int webPort = E2e.freePort();
        Path store = dir.resolve("store.json");
        Files.writeString(store, ("{\"visitors\":[{\"name\":\"early\",\"type\":\"stcp\",\"serverName\":\"b\","
                + "\"secretKey\":\"k\",\"bindPort\":%d}]}").formatted(port("early"))); // the store file's own form
        String common = AdminService.head(serverPort, "tok", webPort) + "store.path = \"" + store + "\"\n";
        Path file = dir.resolve("frpc.toml");
        Files.writeString(file, common + visitor("keep", "a") + visitor("changed", "a")
                + visitor("removed", "a"));
        ClientService service = AdminService.start(file, closer);
        WebApi api = new WebApi("http://127.0.0.1:" + webPort, AdminService.USER, AdminService.PASSWORD);

        awaitAnswer(port("keep"), "a");
        awaitAnswer(port("changed"), "a");
        awaitAnswer(port("removed"), "a");
        awaitAnswer(port("early"), "b");

        assertThat(api.call("POST", "/api/store/visitors", storeVisitor("made", "b"), true).statusCode())
                .isEqualTo(200);
        awaitAnswer(port("made"), "b");
        assertThat(api.json("/api/visitor/made/config").path("stcp").path("bindPort").asInt()).isEqualTo(port("made"));

        Visitor keep = service.client().visitors().visitor("keep").orElseThrow();
        Files.writeString(file, common + visitor("keep", "a") + visitor("changed", "b")
                + visitor("added", "b"));
        CliRun reload = CliRun.run(Jfrpc.commandLine(), "reload", "-c", file.toString());
        assertThat(reload.exitCode()).as(reload.out()).isZero();

        await().atMost(Duration.ofSeconds(10)).until(() -> E2e.refused(port("removed")));
        awaitAnswer(port("changed"), "b");
        awaitAnswer(port("added"), "b");
        assertThat(NamedService.read(port("keep"))).isEqualTo("a");
        assertThat(service.client().visitors().visitor("keep")).as("an unchanged visitor is left alone").containsSame(keep);
        assertThat(service.client().visitors().visitors()).extracting(v -> v.config().name())
                .containsExactly("keep", "changed", "added", "early", "made");
        assertThat(NamedService.read(port("made"))).as("the store's visitors survive a reload").isEqualTo("b");

        assertThat(api.call("DELETE", "/api/store/visitors/made", null, true).statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> E2e.refused(port("made")));
        assertThat(NamedService.read(port("early"))).isEqualTo("b");
    }

    /**
     * Waits until a connection to {@code port} reads {@code name}. A visitor just started may not listen
     * yet; one whose bind met its port not yet released (a process this test JVM spawns can hold a copy
     * of the old listener for a moment) is tried again by jfrpc after 10 s, as frpc, so the wait covers
     * one retry. Each read gives up after 3 s, so one stuck attempt does not use the whole wait.
     */
    private static void awaitAnswer(int port, String name) {
        await().atMost(Duration.ofSeconds(20)).ignoreExceptions()
                .untilAsserted(() -> assertThat(NamedService.read(port, 3_000)).isEqualTo(name));
    }
}
