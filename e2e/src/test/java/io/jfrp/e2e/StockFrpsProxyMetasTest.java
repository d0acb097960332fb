package io.jfrp.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jfrp.client.FrpClient;
import io.jfrp.config.model.proxy.ProxyBuilder;
import io.jfrp.e2e.wirev2.StockFrp;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * jfrpc's NewProxy as stock frps 0.70.0 reads it: a proxy's metadatas and annotations with empty
 * values reach stock frps's dashboard API ({@code /api/proxy/tcp}) as stock frpc's do, {@code "a":""}
 * included (Go writes every map entry; {@code omitempty} is on the field only).
 */
class StockFrpsProxyMetasTest extends E2eCase {
    private static final String TOKEN = "stock-metas";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void emptyMetaValuesReachStockFrpsDashboard() throws Exception {
        int bindPort = StockFrp.freePort();
        int webPort = StockFrp.freePort();
        String config = "bindAddr = \"127.0.0.1\"\nbindPort = " + bindPort + "\nauth.token = \"" + TOKEN + "\"\n"
                + "webServer.addr = \"127.0.0.1\"\nwebServer.port = " + webPort + "\n"
                + "webServer.user = \"admin\"\nwebServer.password = \"pw\"\n" + StockFrp.logConfig();
        try (StockFrp frps = StockFrp.start("frps", dir, config)) {
            frps.awaitLog("frps started successfully", 10);
            EchoService echo = closer.add(new EchoService());
            int remotePort = E2e.freePort();
            FrpClient client = client(bindPort, TOKEN, List.of(ProxyBuilder.tcp("echo", "127.0.0.1", echo.port(),
                    remotePort).metadatas(Map.of("a", "", "b", "y")).annotations(Map.of("n", "")).build()),
                    c -> c.withMetadatas(Map.of("team", "")));
            client.start().get(20, TimeUnit.SECONDS);
            E2e.awaitProxyUp(client, "echo", remotePort);

            JsonNode proxies = JSON.readTree(get(webPort, "/api/proxy/tcp")).path("proxies");
            assertThat(proxies).as("frps log:\n%s", frps.log()).hasSize(1);
            JsonNode conf = proxies.get(0).path("conf");
            assertThat(conf.path("name").asText()).isEqualTo("echo");
            assertThat(conf.path("metadatas").toString()).isEqualTo("{\"a\":\"\",\"b\":\"y\"}");
            assertThat(conf.path("annotations").toString()).isEqualTo("{\"n\":\"\"}");
            assertThat(frps.log()).as("frps's log").doesNotContain("[E]");
        }
    }

    private static String get(int port, String path) throws Exception {
        String auth = Base64.getEncoder().encodeToString("admin:pw".getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Basic " + auth).timeout(Duration.ofSeconds(10)).build();
        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.body();
    }
}
