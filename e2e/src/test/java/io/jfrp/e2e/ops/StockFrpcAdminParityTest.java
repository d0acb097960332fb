package io.jfrp.e2e.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.typesafe.config.ConfigFactory;
import io.jfrp.client.admin.ClientService;
import io.jfrp.config.ConfigLoader;
import io.jfrp.config.model.ClientConfig;
import io.jfrp.e2e.E2e;
import io.jfrp.e2e.E2eCase;
import io.jfrp.e2e.wirev2.StockFrp;
import io.jfrp.testkit.JsonShape;
import io.jfrp.testkit.TestFiles;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Differential test of the admin API against the real thing: stock frpc 0.70.0 and jfrpc, each
 * from the same frpc.toml (admin API with credentials, a store) and each logged in to a stock frps of
 * its own (proxies on two loopback addresses, so both get the same ports). Every route is asked of
 * both: status, proxy configurations, the raw configuration, reload, the whole store cycle (create,
 * list, read, replace, delete) and its refusals, 401 and unknown routes. The JSON must have the
 * same shape, and the values must be equal where the two programs hold the same thing.
 */
class StockFrpcAdminParityTest extends E2eCase {
    private static final String FRPS = """
            bindAddr = "127.0.0.1"
            bindPort = %d
            proxyBindAddr = "%s"
            vhostHTTPPort = %d
            """;
    private static final String FRPC = TestFiles.resource(StockFrpcAdminParityTest.class, "admin-parity-frpc.toml");

    /** {@code /api/status} without jfrp's {@code servers} field. */
    static JsonNode withoutServers(JsonNode status) {
        com.fasterxml.jackson.databind.node.ObjectNode copy = (com.fasterxml.jackson.databind.node.ObjectNode) status.deepCopy();
        copy.remove("servers");
        return copy;
    }

    @Test
    void jfrpcsAdminApiAnswersAsStockFrpcs() throws Exception {
        int remotePort = E2e.freePort();
        int stockBind = E2e.freePort();
        int ourBind = E2e.freePort();
        int vhost = E2e.freePort();
        closer.add(StockFrp.start("frps", "frps-for-stock", dir, FRPS.formatted(stockBind, "127.0.0.2", vhost)));
        closer.add(StockFrp.start("frps", "frps-for-ours", dir, FRPS.formatted(ourBind, "127.0.0.3", vhost)));
        int stockWeb = E2e.freePort();
        int ourWeb = E2e.freePort();
        Files.createDirectories(dir.resolve("stock"));
        StockFrp stockFrpc = closer.add(StockFrp.start("frpc", "frpc-stock", dir,
                FRPC.formatted(stockBind, stockWeb, dir.resolve("stock/store.json"), remotePort)));
        Path ourFile = dir.resolve("frpc-ours.toml");
        Files.writeString(ourFile, FRPC.formatted(ourBind, ourWeb, dir.resolve("ours/store.json"), remotePort));
        await().atMost(Duration.ofSeconds(10)).until(() -> !E2e.refused(ourBind));
        ClientConfig config = ConfigLoader.forClient(ConfigFactory.defaultReference()).load(ourFile).clientConfig();
        ClientService service = ClientService.create(ourFile, config);
        closer.add(() -> {
            service.client().close();
            service.close();
        });
        service.client().start();
        WebApi stock = new WebApi("http://127.0.0.1:" + stockWeb, "admin", "pw");
        WebApi ours = new WebApi("http://127.0.0.1:" + ourWeb, "admin", "pw");
        for (WebApi api : List.of(stock, ours)) {
            await().atMost(Duration.ofSeconds(15)).until(() -> {
                try {
                    JsonNode s = api.json("/api/status");
                    return s.path("tcp").path(0).path("status").asText().equals("running")
                            && s.path("http").path(0).path("status").asText().equals("running");
                } catch (java.io.IOException e) {
                    return false;
                }
            });
        }

        JsonNode stockStatus = stock.json("/api/status");
        JsonNode ourStatus = ours.json("/api/status");
        // jfrp's one addition: each server connection (docs/multi-server.md); frp's fields unchanged.
        assertThat(ourStatus.path("servers")).hasSize(1);
        assertThat(ourStatus.path("servers").get(0).path("addr").asText()).isEqualTo("127.0.0.1:" + ourBind);
        assertThat(ourStatus.path("servers").get(0).path("status").asText()).isEqualTo("online");
        ourStatus = withoutServers(ourStatus);
        assertThat(JsonShape.of(ourStatus)).isEqualTo(JsonShape.of(stockStatus));
        assertThat(ourStatus.path("http")).isEqualTo(stockStatus.path("http"));
        assertThat(ourStatus.path("tcp").get(0).path("remote_addr").asText()).isEqualTo("127.0.0.1:" + remotePort);
        assertThat(ourStatus.path("tcp")).isEqualTo(stockStatus.path("tcp"));
        for (String path : List.of("/api/proxy/ssh/config", "/api/proxy/web/config")) {
            assertThat(ours.json(path)).as(path).isEqualTo(stock.json(path));
        }
        assertThat(ours.get("/api/config").body()).isEqualTo(Files.readString(ourFile));
        for (String[] call : List.of(new String[]{"GET", "/api/proxy/nope/config"},
                new String[]{"GET", "/api/visitor/nope/config"}, new String[]{"GET", "/api/nothing"},
                new String[]{"GET", "/api/reload"}, new String[]{"PUT", "/api/config"},
                new String[]{"GET", "/api/store/proxies/nope"}, new String[]{"DELETE", "/api/store/proxies/nope"},
                new String[]{"GET", "/api/store/visitors"}, new String[]{"POST", "/api/status"},
                new String[]{"GET", "/healthz"})) {
            same(stock.call(call[0], call[1], null, true), ours.call(call[0], call[1], null, true), call[0] + " " + call[1]);
        }
        same(stock.call("GET", "/api/status", null, false), ours.call("GET", "/api/status", null, false), "401");

        // The store: the same definitions, the same answers.
        String db = "{\"name\":\"db\",\"type\":\"tcp\",\"tcp\":{\"localIP\":\"127.0.0.1\",\"localPort\":5432,"
                + "\"remotePort\":" + E2e.freePort() + "}}";
        for (String[] call : List.of(new String[]{"POST", "/api/store/proxies", db},
                new String[]{"GET", "/api/store/proxies", null},
                new String[]{"GET", "/api/store/proxies/db", null},
                new String[]{"POST", "/api/store/proxies", db},
                new String[]{"POST", "/api/store/proxies", "{\"name\":\"x\",\"type\":\"tcp\",\"udp\":{\"localPort\":1}}"},
                new String[]{"POST", "/api/store/proxies", "{\"name\":\"x\",\"type\":\"tcp\"}"},
                new String[]{"POST", "/api/store/proxies", "{\"name\":\"\",\"type\":\"tcp\",\"tcp\":{}}"},
                new String[]{"POST", "/api/store/proxies", "{\"name\":\"x\",\"type\":\"ftp\",\"tcp\":{}}"},
                new String[]{"PUT", "/api/store/proxies/other", db},
                new String[]{"PUT", "/api/store/proxies/db", db.replace("5432", "5433")},
                new String[]{"GET", "/api/store/proxies/db", null},
                new String[]{"DELETE", "/api/store/proxies/db", null},
                new String[]{"GET", "/api/store/proxies", null})) {
            same(stock.call(call[0], call[1], call[2], true), ours.call(call[0], call[1], call[2], true),
                    call[0] + " " + call[1] + " " + call[2]);
            if (call[1].equals("/api/store/proxies") && call[0].equals("POST") && call[2] == db) {
                await().atMost(Duration.ofSeconds(10)).until(() -> ours.json("/api/status").path("tcp").size() == 2
                        && stock.json("/api/status").path("tcp").size() == 2);
                assertThat(JsonShape.of(withoutServers(ours.json("/api/status")))).isEqualTo(JsonShape.of(stock.json("/api/status")));
                assertThat(ours.json("/api/status").path("tcp").get(0).path("source").asText()).isEqualTo("store");
            }
        }
        assertThat(WebApi.parse(Files.readString(dir.resolve("ours/store.json"))))
                .isEqualTo(WebApi.parse(Files.readString(dir.resolve("stock/store.json"))));
        stockFrpc.close();
        service.client().close();
        service.client().terminated().get(5, TimeUnit.SECONDS);
    }

    /** Same status; the same JSON when the answer is JSON (the same text otherwise, errors aside). */
    private static void same(HttpResponse<String> stock, HttpResponse<String> ours, String what) throws Exception {
        assertThat(ours.statusCode()).as("%s: status (stock: %s, ours: %s)", what, stock.body(), ours.body())
                .isEqualTo(stock.statusCode());
        String type = stock.headers().firstValue("Content-Type").orElse("");
        if (type.equals("application/json") && stock.statusCode() == 200) {
            assertThat(WebApi.parse(ours.body())).as(what).isEqualTo(WebApi.parse(stock.body()));
        } else if (type.equals("application/json")) {
            JsonNode s = WebApi.parse(stock.body());
            JsonNode o = WebApi.parse(ours.body());
            assertThat(JsonShape.of(o)).as(what).isEqualTo(JsonShape.of(s));
            assertThat(o.path("Code")).as(what).isEqualTo(s.path("Code"));
        } else {
            assertThat(ours.body()).as(what).isEqualTo(stock.body());
        }
        assertThat(ours.headers().firstValue("Content-Type")).as(what + ": content type")
                .isEqualTo(stock.headers().firstValue("Content-Type"));
    }
}
