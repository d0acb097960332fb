package io.jfrp.server.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.typesafe.config.ConfigFactory;
import io.jfrp.config.ConfigLoader;
import io.jfrp.server.FrpServer;
import io.jfrp.testkit.FreePorts;
import io.jfrp.testkit.RequiredTools;
import io.jfrp.web.Json;
import io.jfrp.testkit.JsonShape;
import io.jfrp.testkit.TestFiles;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Differential test against the real thing: stock frps 0.70.0 and jfrps, both from the same frps.toml
 * with the dashboard API and Prometheus on, each with a stock frpc 0.70.0 (user, clientID, a tcp, an
 * http and a tcpmux proxy) logged in. Every API route is asked of both: the JSON must have the same
 * shape (field names in order, value types, array lengths), each proxy's {@code conf}, the v2 specs
 * and the users must be equal, error bodies identical, and the {@code frp_server_*} metric lines the
 * same. Then both frpc stop and the offline shapes are compared.
 */
class StockFrpsParityTest {
    private static final String PEERS = "shared/peers/frp-0.70.0";
    private static final String AUTH = "Basic " + Base64.getEncoder().encodeToString("admin:pw".getBytes(StandardCharsets.UTF_8));

    @TempDir
    Path dir;
    private final List<Process> processes = new ArrayList<>();
    private FrpServer ours;
    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void stop() throws InterruptedException {
        for (Process p : processes) {
            p.destroy();
            if (!p.waitFor(5, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
        if (ours != null) {
            ours.close();
        }
    }

    private static Path peers() {
        String env = System.getenv("FRP_HOME");
        if (env != null && !env.isBlank() && Files.isExecutable(Path.of(env, "frps"))) {
            return Path.of(env);
        }
        for (Path d = Path.of(System.getProperty("user.dir")).toAbsolutePath(); d != null; d = d.getParent()) {
            if (Files.isExecutable(d.resolve(PEERS).resolve("frps"))) {
                return d.resolve(PEERS);
            }
        }
        RequiredTools.missing("stock frp 0.70.0 not found at ../" + PEERS + " (or FRP_HOME)");
        throw new AssertionError("unreachable");
    }

    private static int freePort() throws IOException {
        return FreePorts.next();
    }

    /** Starts stock {@code frps} or {@code frpc} (from the name's first word) with {@code config}. */
    private void run(String name, String config) throws IOException {
        Path file = dir.resolve(name + ".toml");
        Files.writeString(file, config);
        String program = name.startsWith("frps") ? "frps" : "frpc";
        processes.add(new ProcessBuilder(peers().resolve(program).toString(), "-c", file.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve(name + ".log").toFile()).start());
    }

    private HttpResponse<String> call(String base, String method, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10))
                .header("Authorization", AUTH).method(method, HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode json(String base, String path) throws Exception {
        HttpResponse<String> r = call(base, "GET", path);
        assertThat(r.statusCode()).as("%s%s: %s", base, path, r.body()).isEqualTo(200);
        return Json.MAPPER.readTree(r.body());
    }

    private void await(String what, ThrowingCheck check) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!check.ok()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what + "; frps log:\n"
                        + Files.readString(dir.resolve("frps.log")) + "\nfrpc log:\n" + readOrEmpty(dir.resolve("frpc.log"))
                        + "\nfrpc-to-jfrps log:\n" + readOrEmpty(dir.resolve("frpc-to-jfrps.log")));
            }
            Thread.sleep(100);
        }
    }

    private static String readOrEmpty(Path p) throws IOException {
        return Files.exists(p) ? Files.readString(p) : "";
    }

    @FunctionalInterface
    interface ThrowingCheck {
        boolean ok() throws Exception;
    }

    private static final String FRPS_TOML = TestFiles.resource(StockFrpsParityTest.class, "stock-parity-frps.toml");
    private static final String FRPC_TOML = TestFiles.resource(StockFrpsParityTest.class, "stock-parity-frpc.toml");

    /**
     * The same stock frpc configuration logged in to stock frps and to a real jfrps, each with its
     * dashboard API and Prometheus on (remote ports on two loopback addresses, so both get the same
     * port): every route answers the same shapes, the v2 specs and users are equal, error bodies
     * identical, the frp_server_* series the same; then after both frpc leave, the offline shapes.
     */
    @Test
    void jfrpsAnswersAsStockFrpsDoes() throws Exception {
        int remotePort = freePort();
        int stockWeb = freePort();
        int stockBind = freePort();
        run("frps", FRPS_TOML.formatted(stockBind, "127.0.0.2", freePort(), freePort(), remotePort, remotePort, stockWeb));
        String stock = "http://127.0.0.1:" + stockWeb;
        await("stock frps web server", () -> {
            try {
                return call(stock, "GET", "/healthz").statusCode() == 200;
            } catch (IOException e) {
                return false;
            }
        });
        int ourWeb = freePort();
        Path ourConfig = dir.resolve("jfrps.toml");
        Files.writeString(ourConfig, FRPS_TOML.formatted(0, "127.0.0.3", freePort(), freePort(), remotePort, remotePort, ourWeb)
                .replace("bindAddr = \"127.0.0.1\"", "bindAddr = \"127.0.0.1\"\njfrp.selfSignedDir = \"tls\""));
        ours = new FrpServer(ConfigLoader.forServer(ConfigFactory.defaultReference()).load(ourConfig).serverConfig());
        ours.start();
        String mine = "http://127.0.0.1:" + ourWeb;
        run("frpc", FRPC_TOML.formatted(stockBind, remotePort));
        run("frpc-to-jfrps", FRPC_TOML.formatted(ours.address().getPort(), remotePort));
        await("three proxies on stock frps", () -> json(stock, "/api/v2/proxies").path("data").path("total").asInt() == 3);
        await("three proxies on jfrps", () -> json(mine, "/api/v2/proxies").path("data").path("total").asInt() == 3);

        JsonNode stockInfo = json(stock, "/api/serverinfo");
        JsonNode ourInfo = json(mine, "/api/serverinfo");
        assertThat(JsonShape.of(ourInfo)).isEqualTo(JsonShape.of(stockInfo));
        for (String field : List.of("subdomainHost", "maxPoolCount", "maxPortsPerClient", "heartbeatTimeout",
                "allowPortsStr", "totalTrafficIn", "totalTrafficOut", "curConns", "clientCounts", "proxyTypeCount")) {
            assertThat(ourInfo.get(field)).as("serverinfo %s", field).isEqualTo(stockInfo.get(field));
        }
        assertThat(ourInfo.path("bindPort").asInt()).isEqualTo(ours.address().getPort());
        assertThat(JsonShape.of(json(mine, "/api/v2/system/info"))).isEqualTo(JsonShape.of(json(stock, "/api/v2/system/info")));
        for (String path : List.of("/api/proxy/tcp", "/api/proxy/http", "/api/proxy/tcpmux", "/api/proxy/udp",
                "/api/proxy/tcp/alice.ssh", "/api/proxies/alice.web", "/api/traffic/alice.ssh", "/api/clients",
                "/api/clients/alice.laptop", "/api/v2/users", "/api/v2/clients", "/api/v2/clients/alice.laptop",
                "/api/v2/proxies", "/api/v2/proxies?type=http&q=example", "/api/v2/proxies/alice.ssh",
                "/api/v2/proxies/alice%2Eweb", "/api/v2/proxies/alice.web/traffic", "/api/v2/proxies?pageSize=2&page=2")) {
            JsonNode s = json(stock, path);
            JsonNode m = json(mine, path);
            assertThat(JsonShape.of(m)).as("shape of %s%nstock: %s%nours:  %s", path, s, m).isEqualTo(JsonShape.of(s));
        }
        for (String type : List.of("tcp", "http", "tcpmux")) {
            assertThat(json(mine, "/api/proxy/" + type).findValues("conf")).as("conf of the %s proxy", type)
                    .isEqualTo(json(stock, "/api/proxy/" + type).findValues("conf"));
        }
        assertThat(json(mine, "/api/v2/proxies").path("data").path("items").findValues("spec"))
                .as("v2 specs").isEqualTo(json(stock, "/api/v2/proxies").path("data").path("items").findValues("spec"));
        assertThat(json(mine, "/api/v2/users")).isEqualTo(json(stock, "/api/v2/users"));

        for (String[] call : List.of(new String[]{"GET", "/api/proxies/nobody"}, new String[]{"GET", "/api/clients/nobody"},
                new String[]{"GET", "/api/traffic/nobody"}, new String[]{"GET", "/api/proxy/http/alice.ssh"},
                new String[]{"DELETE", "/api/proxies?status=online"}, new String[]{"GET", "/api/v2/proxies/nobody"},
                new String[]{"GET", "/api/v2/clients/nobody"}, new String[]{"GET", "/api/v2/proxies?page=0"},
                new String[]{"GET", "/api/v2/proxies?pageSize=201"}, new String[]{"GET", "/api/v2/clients?status=x"},
                new String[]{"GET", "/api/v2/proxies?type=ftp"}, new String[]{"POST", "/api/v2/system/prune"},
                new String[]{"POST", "/api/v2/system/prune?type=x"}, new String[]{"GET", "/api/nothing/here"},
                new String[]{"GET", "/healthz"}, new String[]{"POST", "/api/serverinfo"})) {
            HttpResponse<String> s = call(stock, call[0], call[1]);
            HttpResponse<String> m = call(mine, call[0], call[1]);
            assertThat(m.statusCode()).as("%s %s", call[0], call[1]).isEqualTo(s.statusCode());
            assertThat(m.body()).as("%s %s", call[0], call[1]).isEqualTo(s.body());
            assertThat(m.headers().firstValue("Content-Type")).as("%s %s", call[0], call[1])
                    .isEqualTo(s.headers().firstValue("Content-Type"));
        }
        HttpResponse<String> stock401 = http.send(HttpRequest.newBuilder(URI.create(stock + "/api/serverinfo")).build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> our401 = http.send(HttpRequest.newBuilder(URI.create(mine + "/api/serverinfo")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(our401.statusCode()).isEqualTo(stock401.statusCode()).isEqualTo(401);
        assertThat(our401.body()).isEqualTo(stock401.body());
        assertThat(our401.headers().firstValue("WWW-Authenticate")).isEqualTo(stock401.headers().firstValue("WWW-Authenticate"));
        assertThat(frpLines(call(mine, "GET", "/metrics").body())).isEqualTo(frpLines(call(stock, "GET", "/metrics").body()));

        // Both frpc leave: the client goes offline (it has a clientID, so it is kept), its proxies too.
        for (Process frpc : List.of(processes.remove(2), processes.remove(1))) {
            frpc.destroy();
            assertThat(frpc.waitFor(10, TimeUnit.SECONDS)).isTrue();
        }
        await("stock frps to see the client go", () -> !json(stock, "/api/clients/alice.laptop").path("online").asBoolean());
        await("jfrps to see the client go", () -> !json(mine, "/api/clients/alice.laptop").path("online").asBoolean());
        for (String path : List.of("/api/clients", "/api/proxy/tcp", "/api/v2/proxies", "/api/v2/clients/alice.laptop",
                "/api/v2/users")) {
            JsonNode s = json(stock, path);
            JsonNode m = json(mine, path);
            assertThat(JsonShape.of(m)).as("offline shape of %s%nstock: %s%nours:  %s", path, s, m).isEqualTo(JsonShape.of(s));
        }
        assertThat(frpLines(call(mine, "GET", "/metrics").body())).isEqualTo(frpLines(call(stock, "GET", "/metrics").body()));
    }

    /** The frp_server_* HELP, TYPE and sample lines, sorted (the two writers order families differently). */
    private static TreeSet<String> frpLines(String exposition) {
        TreeSet<String> lines = new TreeSet<>();
        for (String line : exposition.split("\n")) {
            if (line.startsWith("frp_server_") || line.startsWith("# HELP frp_server_") || line.startsWith("# TYPE frp_server_")) {
                lines.add(line.replaceAll(" ([0-9.e+]+)$", " =$1").replace("=1.0", "=1").replace("=0.0", "=0"));
            }
        }
        return lines;
    }
}
