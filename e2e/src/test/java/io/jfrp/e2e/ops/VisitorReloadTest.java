package io.jfrp.e2e.ops;

import com.typesafe.config.ConfigFactory;
import io.jfrp.client.FrpClient;
import io.jfrp.client.admin.ClientService;
import io.jfrp.client.cli.Jfrpc;
import io.jfrp.client.visitor.Visitor;
import io.jfrp.config.ConfigLoader;
import io.jfrp.config.model.ClientConfig;
import io.jfrp.config.model.proxy.ProxyBuilder;
import io.jfrp.e2e.E2e;
import io.jfrp.e2e.E2eCase;
import io.jfrp.server.FrpServer;
import io.jfrp.testkit.CliRun;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

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
    private static String visitor(String name, String proxy, int port) {
        return """

                [[visitors]]
                name = "%s"
                type = "stcp"
                serverName = "%s"
                secretKey = "k"
                bindPort = %d
                """.formatted(name, proxy, port);
    }

    private static String storeVisitor(String name, String proxy, int port) {
        return "{\"name\":\"%s\",\"type\":\"stcp\",\"stcp\":{\"serverName\":\"%s\",\"secretKey\":\"k\",\"bindPort\":%d}}"
                .formatted(name, proxy, port);
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
        E2e.awaitProxy(owner, "a");
        E2e.awaitProxy(owner, "b");

        int keepPort = E2e.freePort();
        int changedPort = E2e.freePort();
        int removedPort = E2e.freePort();
        int addedPort = E2e.freePort();
        int earlyPort = E2e.freePort();
        int madePort = E2e.freePort();
        int webPort = E2e.freePort();
        Path store = dir.resolve("store.json");
        Files.writeString(store, ("{\"visitors\":[{\"name\":\"early\",\"type\":\"stcp\",\"serverName\":\"b\","
                + "\"secretKey\":\"k\",\"bindPort\":%d}]}").formatted(earlyPort)); // the store file's own form
        String common = """
                serverAddr = "127.0.0.1"
                serverPort = %d
                auth.token = "tok"
                webServer.port = %d
                webServer.user = "admin"
                webServer.password = "pw"
                store.path = "%s"
                """.formatted(serverPort, webPort, store);
        Path file = dir.resolve("frpc.toml");
        Files.writeString(file, common + visitor("keep", "a", keepPort) + visitor("changed", "a", changedPort)
                + visitor("removed", "a", removedPort));
        ClientConfig config = ConfigLoader.forClient(ConfigFactory.defaultReference()).load(file).clientConfig();
        ClientService service = ClientService.create(file, config);
        closer.add(() -> {
            service.client().close();
            service.close();
        });
        service.client().start().get(10, TimeUnit.SECONDS);
        WebApi api = new WebApi("http://127.0.0.1:" + webPort, "admin", "pw");

        awaitAnswer(keepPort, "a");
        awaitAnswer(changedPort, "a");
        awaitAnswer(removedPort, "a");
        awaitAnswer(earlyPort, "b");

        assertThat(api.call("POST", "/api/store/visitors", storeVisitor("made", "b", madePort), true).statusCode())
                .isEqualTo(200);
        awaitAnswer(madePort, "b");
        assertThat(api.json("/api/visitor/made/config").path("stcp").path("bindPort").asInt()).isEqualTo(madePort);

        Visitor keep = service.client().visitors().visitor("keep").orElseThrow();
        Files.writeString(file, common + visitor("keep", "a", keepPort) + visitor("changed", "b", changedPort)
                + visitor("added", "b", addedPort));
        CliRun reload = CliRun.run(Jfrpc.commandLine(), "reload", "-c", file.toString());
        assertThat(reload.exitCode()).as(reload.out()).isZero();

        await().atMost(Duration.ofSeconds(10)).until(() -> E2e.refused(removedPort));
        awaitAnswer(changedPort, "b");
        awaitAnswer(addedPort, "b");
        assertThat(NamedService.read(keepPort)).isEqualTo("a");
        assertThat(service.client().visitors().visitor("keep")).as("an unchanged visitor is left alone").containsSame(keep);
        assertThat(service.client().visitors().visitors()).extracting(v -> v.config().name())
                .containsExactly("keep", "changed", "added", "early", "made");
        assertThat(NamedService.read(madePort)).as("the store's visitors survive a reload").isEqualTo("b");

        assertThat(api.call("DELETE", "/api/store/visitors/made", null, true).statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> E2e.refused(madePort));
        assertThat(NamedService.read(earlyPort)).isEqualTo("b");
    }

    /** Waits until a connection to {@code port} reads {@code name} (a visitor just started may not listen yet). */
    private static void awaitAnswer(int port, String name) {
        await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() -> NamedService.read(port).equals(name));
    }
}
