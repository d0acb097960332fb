package io.jfrp.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import io.jfrp.client.FrpClient;
import io.jfrp.config.model.HttpPluginConfig;
import io.jfrp.config.model.ServerPluginsConfig;
import io.jfrp.config.model.proxy.ProxyBuilder;
import io.jfrp.config.model.proxy.ProxyConfig;
import io.jfrp.protocol.msg.NewProxyResp;
import io.jfrp.server.FrpServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * frps' server plugins against a small real HTTP plugin server in the test: for each of frp's ops
 * (Login, NewProxy, CloseProxy, Ping, NewWorkConn, NewUserConn) the plugin passes it ({@code unchange}),
 * changes it (a new {@code content}) or rejects it ({@code reject_reason}), and the test sees the
 * effect on a real jfrpc and real connections; a plugin that is down or too slow refuses with frp's
 * error.
 */
class ServerPluginsTest extends E2eCase {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> ALL_OPS = List.of("Login", "NewProxy", "CloseProxy", "Ping", "NewWorkConn",
            "NewUserConn");

    /** What the plugin was asked: op and the request body. */
    record Asked(String op, JsonNode body) {
    }

    private final List<Asked> asked = new CopyOnWriteArrayList<>();
    /** The answer per op; unchange when absent. */
    private final Map<String, Function<JsonNode, String>> answers = new ConcurrentHashMap<>();
    private HttpServer plugin;
    private EchoService echo;

    @BeforeEach
    void startPlugin() throws IOException {
        echo = closer.add(new EchoService());
        plugin = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        plugin.createContext("/handler", ex -> {
            JsonNode body = JSON.readTree(ex.getRequestBody());
            String op = body.path("op").asText();
            assertThat(ex.getRequestURI().getQuery()).contains("op=" + op).contains("version=0.1.0");
            asked.add(new Asked(op, body));
            Function<JsonNode, String> answer = answers.get(op);
            byte[] b = (answer == null ? "{\"reject\":false,\"unchange\":true}" : answer.apply(body.path("content")))
                    .getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "application/json");
            ex.sendResponseHeaders(200, b.length);
            ex.getResponseBody().write(b);
            ex.close();
        });
        plugin.start();
        closer.add(() -> plugin.stop(0));
    }

    private FrpServer serverWithPlugin(String addr, Duration timeout) throws Exception {
        HttpPluginConfig p = new HttpPluginConfig("test-plugin", addr, "/handler", ALL_OPS, false);
        return server("secret", c -> c.withHttpPlugins(new ServerPluginsConfig(List.of(p), timeout)));
    }

    private FrpServer serverWithPlugin() throws Exception {
        return serverWithPlugin("127.0.0.1:" + plugin.getAddress().getPort(), Duration.ofSeconds(5));
    }

    private FrpClient startedClient(FrpServer server, List<? extends ProxyConfig> proxies) throws Exception {
        FrpClient client = client(server.address().getPort(), "secret", proxies,
                c -> c.withUser("alice").withMetadatas(Map.of("team", "blue", "empty", "")).withLoginFailExit(true)
                        .withHeartbeat(Duration.ofSeconds(1), Duration.ofSeconds(30)));
        client.start().get(15, TimeUnit.SECONDS);
        return client;
    }

    private List<Asked> askedAbout(String op) {
        return asked.stream().filter(a -> a.op().equals(op)).toList();
    }

    private static String reject(String reason) {
        return "{\"reject\":true,\"reject_reason\":\"" + reason + "\"}";
    }

    private static String replace(JsonNode content) {
        ObjectNode answer = JSON.createObjectNode();
        answer.put("reject", false);
        answer.put("unchange", false);
        answer.set("content", content);
        return answer.toString();
    }

    @Test
    void everyOpPassesWithFrpsContent() throws Exception {
        FrpServer server = serverWithPlugin();
        int remote = E2e.freePort();
        FrpClient client = startedClient(server, List.of(ProxyBuilder.tcp("echo", "127.0.0.1", echo.port(), remote)
                .metadatas(Map.of("a", "", "b", "y")).build()));
        E2e.awaitProxyUp(client, "echo", remote);
        E2e.assertEchoIntact(remote, 100_000, 3);
        await().atMost(Duration.ofSeconds(10)).until(() -> !askedAbout("Ping").isEmpty());

        JsonNode login = askedAbout("Login").get(0).body().path("content");
        assertThat(login.path("user").asText()).isEqualTo("alice");
        // every entry, "" included, as frps writes Go maps
        assertThat(login.path("metas").toString()).isEqualTo("{\"empty\":\"\",\"team\":\"blue\"}");
        assertThat(login.path("client_address").asText()).startsWith("127.0.0.1:");
        JsonNode newProxy = askedAbout("NewProxy").get(0).body().path("content");
        assertThat(newProxy.path("proxy_name").asText()).isEqualTo("alice.echo");
        assertThat(newProxy.path("remote_port").asInt()).isEqualTo(remote);
        assertThat(newProxy.path("user").path("user").asText()).isEqualTo("alice");
        assertThat(newProxy.path("user").path("metas").toString()).isEqualTo("{\"empty\":\"\",\"team\":\"blue\"}");
        assertThat(newProxy.path("metas").toString()).isEqualTo("{\"a\":\"\",\"b\":\"y\"}");
        assertThat(askedAbout("NewWorkConn")).isNotEmpty();
        JsonNode userConn = askedAbout("NewUserConn").get(0).body().path("content");
        assertThat(userConn.path("proxy_name").asText()).isEqualTo("alice.echo");
        assertThat(userConn.path("proxy_type").asText()).isEqualTo("tcp");
        assertThat(userConn.path("remote_addr").asText()).startsWith("127.0.0.1:");

        client.close();
        await().atMost(Duration.ofSeconds(10)).until(() -> !askedAbout("CloseProxy").isEmpty());
        assertThat(askedAbout("CloseProxy").get(0).body().path("content").path("proxy_name").asText())
                .isEqualTo("alice.echo");
    }

    @Test
    void aRejectedLoginReachesTheClient() throws Exception {
        answers.put("Login", c -> reject("no entry for " + c.path("user").asText()));
        FrpServer server = serverWithPlugin();
        assertThatThrownBy(() -> startedClient(server, List.of()))
                .isInstanceOf(ExecutionException.class).hasMessageContaining("no entry for alice");
    }

    @Test
    void changesTakeEffect() throws Exception {
        answers.put("Login", c -> replace(((ObjectNode) c.deepCopy()).put("user", "bob")));
        int changedPort = E2e.freePort();
        answers.put("NewProxy", c -> replace(((ObjectNode) c.deepCopy()).put("remote_port", changedPort)));
        // a new content equal to the old: read back and used as the message
        answers.put("NewWorkConn", c -> replace(c));
        answers.put("Ping", c -> replace(c));
        answers.put("NewUserConn", c -> replace(c));
        FrpServer server = serverWithPlugin();
        FrpClient client = startedClient(server, List.of(ProxyBuilder.tcp("echo", "127.0.0.1", echo.port(),
                E2e.freePort()).build()));
        NewProxyResp resp = E2e.awaitProxy(client, "echo");
        assertThat(resp.error()).isEmpty();
        assertThat(resp.remoteAddr()).isEqualTo(":" + changedPort);
        assertThat(askedAbout("NewProxy").get(0).body().path("content").path("user").path("user").asText())
                .isEqualTo("bob");
        E2e.assertEchoIntact(changedPort, 200_000, 4);
        await().atMost(Duration.ofSeconds(10)).until(() -> askedAbout("Ping").size() >= 2);
        assertThat(askedAbout("Login")).hasSize(1); // the changed pings kept the session up
    }

    @Test
    void rejectionsOfProxiesPingsWorkAndUserConnectionsTakeEffect() throws Exception {
        answers.put("NewProxy", c -> c.path("proxy_name").asText().endsWith(".bad") ? reject("bad is banned")
                : "{\"unchange\":true}");
        answers.put("NewUserConn", c -> c.path("proxy_name").asText().endsWith(".closed") ? reject("closed")
                : "{\"unchange\":true}");
        FrpServer server = serverWithPlugin();
        int good = E2e.freePort();
        int closed = E2e.freePort();
        FrpClient client = startedClient(server, List.of(
                ProxyBuilder.tcp("good", "127.0.0.1", echo.port(), good).build(),
                ProxyBuilder.tcp("closed", "127.0.0.1", echo.port(), closed).build(),
                ProxyBuilder.tcp("bad", "127.0.0.1", echo.port(), E2e.freePort()).build()));
        assertThat(E2e.awaitProxy(client, "bad").error()).contains("bad is banned");
        E2e.awaitProxyUp(client, "good", good);
        E2e.awaitProxyUp(client, "closed", closed);
        E2e.assertEchoIntact(good, 50_000, 5);
        assertClosedWithoutEcho(closed);
        assertThat(echo.connections()).isEqualTo(1); // the refused user never reached the service

        answers.put("Ping", c -> reject("ping refused"));
        await().atMost(Duration.ofSeconds(15)).until(() -> askedAbout("Login").size() >= 2); // the client reconnects
    }

    @Test
    void aRejectedWorkConnectionNeverCarriesAUser() throws Exception {
        answers.put("NewWorkConn", c -> reject("no work today"));
        FrpServer server = serverWithPlugin();
        int port = E2e.freePort();
        FrpClient client = client(server.address().getPort(), "secret",
                List.of(ProxyBuilder.tcp("echo", "127.0.0.1", echo.port(), port).build()), c -> c.withPoolCount(0));
        client.start().get(15, TimeUnit.SECONDS);
        E2e.awaitProxyUp(client, "echo", port);
        assertClosedWithoutEcho(port);
        assertThat(askedAbout("NewWorkConn")).isNotEmpty();
        assertThat(echo.connections()).isZero();
    }

    @Test
    void aPluginThatIsDownOrSlowRefusesWithFrpsError() throws Exception {
        int closedPort = E2e.freePort();
        FrpServer down = serverWithPlugin("127.0.0.1:" + closedPort, Duration.ofSeconds(2));
        assertThatThrownBy(() -> startedClient(down, List.of()))
                .hasMessageContaining("send Login request to plugin error");

        answers.put("Login", c -> {
            try {
                Thread.sleep(4000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return "{\"unchange\":true}";
        });
        FrpServer slow = serverWithPlugin("127.0.0.1:" + plugin.getAddress().getPort(), Duration.ofSeconds(1));
        long start = System.nanoTime();
        assertThatThrownBy(() -> startedClient(slow, List.of()))
                .hasMessageContaining("send Login request to plugin error");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
    }

    /** A connection to {@code port} is closed by the server without any echo of what was sent. */
    private static void assertClosedWithoutEcho(int port) throws IOException {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(30_000);
            s.getOutputStream().write("hello".getBytes(StandardCharsets.UTF_8));
            InputStream in = s.getInputStream();
            int n;
            try {
                n = in.read();
            } catch (java.net.SocketException reset) {
                n = -1;
            }
            assertThat(n).as("a byte echoed through a refused connection").isEqualTo(-1);
        }
    }
}
