package io.jfrp.client.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.typesafe.config.ConfigFactory;
import io.jfrp.client.MultiServerClient;
import io.jfrp.config.ConfigLoader;
import io.jfrp.config.model.ClientConfig;
import io.jfrp.testkit.FreePorts;
import io.jfrp.testkit.Patience;
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
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * jfrpc's admin API on a client that is not connected (every proxy "new"): the routes, their JSON
 * and status codes and frp's error texts, the basic auth (401 without credentials, /healthz open),
 * /api/config read and written, the store's routes with their file, and no store routes without
 * store.path.
 */
class AdminApiTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String AUTH = "Basic " + Base64.getEncoder().encodeToString("admin:pw".getBytes(StandardCharsets.UTF_8));

    @TempDir
    Path dir;
    private ClientService service;
    private HttpClient http = HttpClient.newHttpClient();
    /** Written by {@link #start} on whichever thread runs it, read by the test's. */
    private volatile String base;

    @AfterEach
    void stop() {
        if (service != null) {
            service.client().close();
            service.close();
        }
    }

    private static int freePort() throws IOException {
        return FreePorts.next();
    }

    private Path start(String extra) throws Exception {
        return start(extra, MultiServerClient::new);
    }

    private Path start(String extra, ClientService.ClientFactory clients) throws Exception {
        int web = freePort();
        Path file = dir.resolve("frpc.toml");
        Files.writeString(file, """
                serverAddr = "127.0.0.1"
                serverPort = %d
                user = "alice"
                loginFailExit = false
                webServer.port = %d
                webServer.user = "admin"
                webServer.password = "pw"
                %s

                [[proxies]]
                name = "ssh"
                type = "tcp"
                localPort = 22
                remotePort = 6000

                [[proxies]]
                name = "web"
                type = "http"
                localIP = "::1"
                localPort = 8080
                customDomains = ["www.example.com"]
                """.formatted(freePort(), web, extra));
        ClientConfig config = ConfigLoader.forClient(ConfigFactory.defaultReference()).load(file).clientConfig();
        base = "http://127.0.0.1:" + web;
        service = ClientService.create(file, config, clients);
        return file;
    }

    private HttpResponse<String> call(String method, String path, String body, boolean auth) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Patience.WAIT)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (auth) {
            b.header("Authorization", AUTH);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> call(String method, String path, String body) throws Exception {
        return call(method, path, body, true);
    }

    private JsonNode json(HttpResponse<String> r) throws IOException {
        return MAPPER.readTree(r.body());
    }

    @Test
    void everyRouteButHealthzNeedsTheCredentials() throws Exception {
        start("");
        assertThat(call("GET", "/healthz", null, false).statusCode()).isEqualTo(200);
        assertThat(call("GET", "/healthz", null, false).body()).isEmpty();
        for (String[] c : new String[][]{{"GET", "/api/status"}, {"GET", "/api/reload"}, {"POST", "/api/stop"},
                {"GET", "/api/config"}, {"PUT", "/api/config"}, {"GET", "/api/proxy/ssh/config"}, {"GET", "/"}}) {
            HttpResponse<String> r = call(c[0], c[1], null, false);
            assertThat(r.statusCode()).as("%s %s", c[0], c[1]).isEqualTo(401);
            assertThat(r.headers().firstValue("WWW-Authenticate")).hasValue("Basic realm=\"Restricted\"");
            assertThat(r.body()).isEqualTo("Unauthorized\n");
        }
        assertThat(service.client().terminated()).isNotDone();
    }

    @Test
    void statusListsEachTypesProxiesAsFrpcDoes() throws Exception {
        start("");
        HttpResponse<String> r = call("GET", "/api/status", null);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json");
        // Not connected: nothing asked for yet. tcp's remote_addr is serverAddr + the (empty) answer.
        assertThat(r.body()).startsWith("{\"http\":[{\"name\":\"web\",\"type\":\"http\",\"status\":\"new\",\"err\":\"\","
                + "\"local_addr\":\"[::1]:8080\",\"plugin\":\"\",\"remote_addr\":\"\"}],"
                + "\"tcp\":[{\"name\":\"ssh\",\"type\":\"tcp\",\"status\":\"new\",\"err\":\"\","
                + "\"local_addr\":\"127.0.0.1:22\",\"plugin\":\"\",\"remote_addr\":\"127.0.0.1\"}],"
                + "\"servers\":[{\"addr\":\"127.0.0.1:");
        // jfrp's one addition after frp's fields: the server connection (not started: connecting).
        JsonNode server = json(r).path("servers").get(0);
        assertThat(server.path("status").asText()).isEqualTo("connecting");
        assertThat(server.path("run_id").asText()).isEmpty();
        assertThat(server.path("logins").asLong()).isZero();
        assertThat(json(r).path("servers")).hasSize(1);
    }

    @Test
    void proxyAndVisitorConfigs() throws Exception {
        start("");
        JsonNode ssh = json(call("GET", "/api/proxy/ssh/config", null));
        assertThat(ssh.path("name").asText()).isEqualTo("ssh");
        assertThat(ssh.path("type").asText()).isEqualTo("tcp");
        assertThat(ssh.path("tcp").path("remotePort").asInt()).isEqualTo(6000);
        assertThat(ssh.path("tcp").path("localPort").asInt()).isEqualTo(22);
        HttpResponse<String> missing = call("GET", "/api/proxy/nope/config", null);
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.body()).isEqualTo("{\"Code\":404,\"Msg\":\"proxy \\\"nope\\\" not found\"}\n");
        assertThat(call("GET", "/api/visitor/nope/config", null).body())
                .isEqualTo("{\"Code\":404,\"Msg\":\"visitor \\\"nope\\\" not found\"}\n");
        assertThat(call("GET", "/api/store/proxies", null).statusCode()).as("no store.path, no store routes")
                .isEqualTo(404);
    }

    @Test
    void configIsReadAndWrittenAndAReloadAppliesIt() throws Exception {
        Path file = start("");
        HttpResponse<String> got = call("GET", "/api/config", null);
        assertThat(got.statusCode()).isEqualTo(200);
        assertThat(got.body()).isEqualTo(Files.readString(file));
        assertThat(call("PUT", "/api/config", "").body()).isEqualTo("{\"Code\":400,\"Msg\":\"invalid argument: body can't be empty\"}\n");

        String edited = got.body().replace("remotePort = 6000", "remotePort = 6001");
        HttpResponse<String> put = call("PUT", "/api/config", edited);
        assertThat(put.statusCode()).isEqualTo(200);
        assertThat(put.body()).isEmpty();
        assertThat(Files.readString(file)).isEqualTo(edited);
        assertThat(json(call("GET", "/api/proxy/ssh/config", null)).path("tcp").path("remotePort").asInt())
                .as("no reload yet").isEqualTo(6000);

        HttpResponse<String> reload = call("GET", "/api/reload?strictConfig=true", null);
        assertThat(reload.statusCode()).isEqualTo(200);
        assertThat(reload.body()).isEmpty();
        assertThat(json(call("GET", "/api/proxy/ssh/config", null)).path("tcp").path("remotePort").asInt()).isEqualTo(6001);

        Files.writeString(file, edited + "\n[[proxies]]\nname = \"bad\"\ntype = \"tcp\"\nlocalPort = 70000\n");
        HttpResponse<String> bad = call("GET", "/api/reload", null);
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(json(bad).path("Code").asInt()).isEqualTo(400);
        assertThat(json(bad).path("Msg").asText()).startsWith("invalid argument: ").contains("localPort");
        assertThat(json(call("GET", "/api/status", null)).path("tcp")).hasSize(1);
    }

    @Test
    void theStoreCreatesReadsReplacesAndDeletesWithFrpsErrors() throws Exception {
        Path store = dir.resolve("store/store.json");
        start("store.path = \"" + store + "\"");
        String definition = "{\"name\":\"db\",\"type\":\"tcp\",\"tcp\":{\"localPort\":5432,\"remotePort\":6010}}";
        HttpResponse<String> created = call("POST", "/api/store/proxies", definition);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
        // As written (frp's store keeps what it was given), while it runs completed with frp's defaults.
        assertThat(json(created).path("tcp").has("localIP")).isFalse();
        assertThat(json(call("GET", "/api/proxy/db/config", null)).path("tcp").path("localIP").asText())
                .isEqualTo("127.0.0.1");
        assertThat(Files.readString(store)).contains("\"name\": \"db\"").contains("\"remotePort\": 6010");
        JsonNode status = json(call("GET", "/api/status", null)).path("tcp");
        assertThat(status.findValuesAsText("name")).containsExactly("db", "ssh");
        assertThat(status.get(0).path("source").asText()).isEqualTo("store");
        assertThat(status.get(1).has("source")).isFalse();

        assertThat(call("POST", "/api/store/proxies", definition).body())
                .isEqualTo("{\"Code\":409,\"Msg\":\"conflict: already exists: proxy \\\"db\\\"\"}\n");
        assertThat(call("POST", "/api/store/proxies", "{\"name\":\"x\",\"type\":\"tcp\",\"udp\":{}}").statusCode())
                .isEqualTo(400);
        assertThat(call("POST", "/api/store/proxies", "{\"name\":\"x\",\"type\":\"tcp\"}").body())
                .isEqualTo("{\"Code\":400,\"Msg\":\"invalid argument: exactly one proxy type block is required\"}\n");
        assertThat(call("POST", "/api/store/proxies", "{\"name\":\"x\",\"type\":\"ftp\",\"tcp\":{}}").body())
                .isEqualTo("{\"Code\":400,\"Msg\":\"invalid argument: invalid proxy type: ftp\"}\n");
        assertThat(call("POST", "/api/store/proxies", "not json").statusCode()).isEqualTo(400);
        assertThat(call("PUT", "/api/store/proxies/other", definition).body())
                .isEqualTo("{\"Code\":400,\"Msg\":\"invalid argument: proxy name in URL must match name in body\"}\n");
        assertThat(call("PUT", "/api/store/proxies/zz", "{\"name\":\"zz\",\"type\":\"tcp\",\"tcp\":{\"localPort\":1}}")
                .statusCode()).isEqualTo(404);

        HttpResponse<String> replaced = call("PUT", "/api/store/proxies/db", definition.replace("6010", "6011"));
        assertThat(replaced.statusCode()).isEqualTo(200);
        assertThat(json(call("GET", "/api/store/proxies/db", null)).path("tcp").path("remotePort").asInt()).isEqualTo(6011);
        assertThat(json(call("GET", "/api/store/proxies", null)).path("proxies")).hasSize(1);

        assertThat(call("DELETE", "/api/store/proxies/db", null).statusCode()).isEqualTo(200);
        assertThat(call("DELETE", "/api/store/proxies/db", null).body())
                .isEqualTo("{\"Code\":404,\"Msg\":\"not found: proxy \\\"db\\\"\"}\n");
        assertThat(Files.readString(store)).isEqualTo("{ }");
        assertThat(json(call("GET", "/api/status", null)).path("tcp").findValuesAsText("name")).containsExactly("ssh");
        assertThat(json(call("GET", "/api/store/visitors", null)).path("visitors")).isEmpty();
        assertThat(call("POST", "/api/store/visitors",
                "{\"name\":\"v\",\"type\":\"xtcp\",\"xtcp\":{\"serverName\":\"s\",\"secretKey\":\"k\",\"bindPort\":-1}}")
                .statusCode()).as("an xtcp visitor is a type jfrp runs").isEqualTo(200);
        assertThat(call("POST", "/api/store/visitors",
                "{\"name\":\"v2\",\"type\":\"stcp\",\"stcp\":{\"serverName\":\"s\",\"secretKey\":\"k\",\"bindPort\":-1,"
                        + "\"plugin\":{\"type\":\"virtual_net\"}}}")
                .statusCode()).as("a key jfrp does not implement yet is refused as in a file").isEqualTo(400);
    }

    /**
     * frp's e2e suite uses the store API as soon as the admin port accepts: every route is there
     * from the port's first connection, a store change made before the client exists is written at
     * once and runs when the client joins, and a route that needs the client waits for it.
     */
    @Test
    void theStoreServesWhileTheClientIsStillBeingSetUp() throws Exception {
        Path store = dir.resolve("store.json");
        CountDownLatch clientMayCome = new CountDownLatch(1);
        CompletableFuture<Path> started = CompletableFuture.supplyAsync(() -> {
            try {
                return start("store.path = \"" + store + "\"", config -> {
                    try {
                        if (!clientMayCome.await(Patience.WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                            throw new IOException("the test did not let the client come");
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IOException(e);
                    }
                    return new MultiServerClient(config);
                });
            } catch (Exception e) {
                throw new CompletionException(e);
            }
        });
        try {
            // A cold JVM on a loaded machine takes long to bring the admin server up: wait for it (or
            // for the start to fail), not for a fixed time.
            await().atMost(Patience.WAIT)
                    .failFast("the client service failed to start", started::isCompletedExceptionally)
                    .ignoreExceptions().untilAsserted(() ->
                            assertThat(call("GET", "/healthz", null, false).statusCode()).isEqualTo(200));
            String definition = "{\"name\":\"db\",\"type\":\"tcp\",\"tcp\":{\"localPort\":5432,\"remotePort\":6010}}";
            HttpResponse<String> created = call("POST", "/api/store/proxies", definition);
            assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
            assertThat(json(created).path("name").asText()).isEqualTo("db");
            JsonNode listed = json(call("GET", "/api/store/proxies", null)).path("proxies");
            assertThat(listed).hasSize(1);
            assertThat(listed.get(0).path("name").asText()).isEqualTo("db");
            assertThat(listed.get(0).path("tcp").path("remotePort").asInt()).isEqualTo(6010);
            assertThat(json(call("GET", "/api/store/proxies/db", null))).isEqualTo(listed.get(0));
            assertThat(call("GET", "/api/store/proxies/nonexistent", null).body())
                    .isEqualTo("{\"Code\":404,\"Msg\":\"not found: proxy \\\"nonexistent\\\"\"}\n");
            assertThat(call("POST", "/api/store/proxies", "{\"name\":\"x\",\"type\":\"tcp\",\"udp\":{}}")
                    .statusCode()).isEqualTo(400);
            assertThat(call("PUT", "/api/store/proxies/db", definition.replace("\"db\"", "\"other\"")).statusCode())
                    .isEqualTo(400);
            assertThat(Files.readString(store)).contains("\"name\": \"db\"");
            assertThat(started).as("the client is still held back").isNotDone();
            CompletableFuture<HttpResponse<String>> status = CompletableFuture.supplyAsync(() -> {
                try {
                    return call("GET", "/api/status", null);
                } catch (Exception e) {
                    throw new CompletionException(e);
                }
            });
            clientMayCome.countDown();
            started.get(Patience.WAIT.toMillis(), TimeUnit.MILLISECONDS);
            JsonNode tcp = json(status.get(Patience.WAIT.toMillis(), TimeUnit.MILLISECONDS)).path("tcp");
            assertThat(tcp.findValuesAsText("name")).containsExactly("db", "ssh");
            assertThat(tcp.get(0).path("source").asText()).isEqualTo("store");
        } finally {
            clientMayCome.countDown();
            started.exceptionally(e -> null).get(Patience.WAIT.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    @Test
    void storeProxiesComeBackAfterARestart() throws Exception {
        Path store = dir.resolve("store.json");
        Path file = start("store.path = \"" + store + "\"");
        assertThat(call("POST", "/api/store/proxies",
                "{\"name\":\"db\",\"type\":\"tcp\",\"tcp\":{\"localPort\":5432,\"remotePort\":6010}}").statusCode()).isEqualTo(200);
        service.client().close();
        service.close();
        ClientConfig config = ConfigLoader.forClient(ConfigFactory.defaultReference()).load(file).clientConfig();
        service = ClientService.create(file, config);
        http = HttpClient.newHttpClient(); // not one whose pooled connection went with the old server
        assertThat(json(call("GET", "/api/status", null)).path("tcp").findValuesAsText("name")).containsExactly("db", "ssh");
    }
}
