package io.jfrp.e2e.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.jfrp.client.FrpClient;
import io.jfrp.config.model.ClientConfig;
import io.jfrp.config.model.VhostConfig;
import io.jfrp.config.model.WebServerSettings;
import io.jfrp.config.model.proxy.ProxyBuilder;
import io.jfrp.e2e.E2e;
import io.jfrp.e2e.E2eClassCase;
import io.jfrp.e2e.EchoService;
import io.jfrp.e2e.RawYamux;
import io.jfrp.server.FrpServer;
import io.jfrp.server.web.SvgCharts;
import io.jfrp.testkit.Chromium;
import io.jfrp.testkit.PrometheusText;
import io.jfrp.testkit.Promtool;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.awt.image.BufferedImage;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The operator's view of a real jfrps/jfrpc pair with real traffic: jfrps with its web server and
 * Prometheus on, jfrpc (user alice) with a tcp proxy to an echo service and an http proxy to a web
 * service; hash-checked echoes and downloads go through the public ports. Then:
 * <ul>
 *   <li>the dashboard API counts exactly the bytes the test sent and received (tcp), the http bytes
 *       within the size of the request and response heads, the client and its proxies;</li>
 *   <li>{@code /metrics} has the same numbers in frp's series, counts an open connection while it is
 *       open, counts a garbage connection and a failed TLS handshake by reason, and passes promtool;</li>
 *   <li>headless Chromium renders the dashboard with the client, both proxies and non-empty charts
 *       (with {@code -Djfrp.dashboard.screenshots=DIR} the screenshots are kept there: the README's
 *       pictures in docs/dashboard/ are made that way);</li>
 *   <li>when jfrpc leaves, the proxies go offline with their history kept and the gauges drop to 0.</li>
 * </ul>
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardLiveTest extends E2eClassCase {
    private static final int ECHO_BYTES = 300_000;
    private static final int ECHOES = 3;
    private static final int PAGE_BYTES = 1 << 20;
    private static final int DOWNLOADS = 4;
    /** Two legends of 12 x 12 pixels: more chart colour than that means bars. */
    private static final int LEGEND_PIXELS = 2 * 12 * 12;

    private static FrpServer server;
    private static FrpClient client;
    private static WebApi api;
    private static int echoPort;
    private static int httpPort;
    private static byte[] page;

    @BeforeAll
    static void startAndSendTraffic() throws Exception {
        EchoService echo = closer.add(new EchoService());
        page = Traffic.seeded(PAGE_BYTES, 42);
        HttpServer web = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        web.createContext("/", ex -> {
            ex.sendResponseHeaders(200, page.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(page);
            }
        });
        web.start();
        closer.add(() -> web.stop(0));

        int webPort = E2e.freePort();
        httpPort = E2e.freePort();
        server = closer.add(E2e.startServer(dir, "tok", c -> c
                .withWebServer(new WebServerSettings("127.0.0.1", webPort, "admin", "pw", "", ""), true)
                .withVhost(new VhostConfig(httpPort, 0, 0, false, "", Duration.ofSeconds(60), null))));
        api = new WebApi("http://127.0.0.1:" + webPort, "admin", "pw");

        echoPort = E2e.freePort();
        client = closer.add(new FrpClient(ClientConfig.loopback(server.address().getPort(), "tok", List.of(
                ProxyBuilder.tcp("echo", "127.0.0.1", echo.port(), echoPort).build(),
                ProxyBuilder.http("web", "127.0.0.1", web.getAddress().getPort(), "web.example.test").build()))
                .withUser("alice")));
        client.start().get(10, TimeUnit.SECONDS);
        assertThat(E2e.awaitProxy(client, "echo").error()).isEmpty();
        assertThat(E2e.awaitProxy(client, "web").error()).isEmpty();

        for (int i = 0; i < ECHOES; i++) {
            Traffic.echo(echoPort, ECHO_BYTES, i);
        }
        for (int i = 0; i < DOWNLOADS; i++) {
            assertThat(Traffic.httpGet(httpPort, "web.example.test", "/page?i=" + i)).isEqualTo(page);
        }
        await().atMost(Duration.ofSeconds(10))
                .until(() -> api.json("/api/serverinfo").path("curConns").asLong() == 0);
    }

    @Test
    @Order(1)
    void theApiCountsTheTrafficThatWentThrough() throws Exception {
        JsonNode echo = api.json("/api/proxy/tcp/alice.echo");
        assertThat(echo.path("status").asText()).isEqualTo("online");
        assertThat(echo.path("user").asText()).isEqualTo("alice");
        assertThat(echo.path("clientID").asText()).isEqualTo(client.runId());
        assertThat(echo.path("todayTrafficIn").asLong()).isEqualTo((long) ECHOES * ECHO_BYTES);
        assertThat(echo.path("todayTrafficOut").asLong()).isEqualTo((long) ECHOES * ECHO_BYTES);
        assertThat(echo.path("curConns").asLong()).isZero();
        assertThat(echo.path("conf").path("remotePort").asInt()).isEqualTo(echoPort);

        JsonNode webProxy = api.json("/api/proxies/alice.web");
        long out = webProxy.path("todayTrafficOut").asLong();
        long in = webProxy.path("todayTrafficIn").asLong();
        // The bodies plus each response's head; the requests' heads alone the other way.
        assertThat(out).isBetween((long) DOWNLOADS * PAGE_BYTES, (long) DOWNLOADS * (PAGE_BYTES + 1024));
        assertThat(in).isBetween((long) DOWNLOADS * 40, (long) DOWNLOADS * 1024);
        assertThat(webProxy.path("conf").path("customDomains").get(0).asText()).isEqualTo("web.example.test");

        JsonNode info = api.json("/api/serverinfo");
        assertThat(info.path("bindPort").asInt()).isEqualTo(server.address().getPort());
        assertThat(info.path("vhostHTTPPort").asInt()).isEqualTo(httpPort);
        assertThat(info.path("clientCounts").asLong()).isEqualTo(1);
        assertThat(info.path("totalTrafficIn").asLong()).isEqualTo((long) ECHOES * ECHO_BYTES + in);
        assertThat(info.path("totalTrafficOut").asLong()).isEqualTo((long) ECHOES * ECHO_BYTES + out);
        assertThat(info.path("proxyTypeCount").path("tcp").asLong()).isEqualTo(1);
        assertThat(info.path("proxyTypeCount").path("http").asLong()).isEqualTo(1);

        JsonNode clients = api.json("/api/clients");
        assertThat(clients).hasSize(1);
        assertThat(clients.get(0).path("key").asText()).isEqualTo("alice." + client.runId());
        assertThat(clients.get(0).path("clientIP").asText()).isEqualTo("127.0.0.1");
        assertThat(clients.get(0).path("online").asBoolean()).isTrue();

        JsonNode history = api.json("/api/v2/proxies/alice.echo/traffic").path("data").path("history");
        assertThat(history).hasSize(7);
        assertThat(history.get(6).path("trafficIn").asLong()).isEqualTo((long) ECHOES * ECHO_BYTES);
        assertThat(history.get(0).path("trafficIn").asLong()).isZero();
    }

    @Test
    @Order(2)
    void metricsCountTheSameAndWhatWasRefused() throws Exception {
        // A connection stays open: the gauge shows it.
        try (Socket open = new Socket(InetAddress.getLoopbackAddress(), echoPort)) {
            open.getOutputStream().write(1);
            assertThat(open.getInputStream().read()).isEqualTo(1);
            await().atMost(Duration.ofSeconds(5)).until(() ->
                    metric("frp_server_connection_counts{name=\"alice.echo\",type=\"tcp\"}") == 1.0);
        }
        await().atMost(Duration.ofSeconds(5)).until(() ->
                metric("frp_server_connection_counts{name=\"alice.echo\",type=\"tcp\"}") == 0.0);
        // A yamux stream whose first bytes are no frp message, and a TLS record that is no
        // handshake: refused, counted by reason.
        try (Socket garbage = new Socket(InetAddress.getLoopbackAddress(), server.address().getPort())) {
            byte[] junk = "GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
            OutputStream out = garbage.getOutputStream();
            out.write(RawYamux.header(1, 1, 1, 0)); // WindowUpdate SYN: stream 1 opens
            out.write(RawYamux.header(0, 0, 1, junk.length)); // Data on stream 1
            out.write(junk);
            out.flush();
            await().atMost(Duration.ofSeconds(5)).until(() ->
                    metric("jfrp_connections_closed_before_auth_total{reason=\"protocol_error\"}") == 1.0);
        }
        try (Socket badTls = new Socket(InetAddress.getLoopbackAddress(), server.address().getPort())) {
            badTls.getOutputStream().write(new byte[]{0x16, 0x03, 0x01, 0x00, 0x05, 'h', 'e', 'l', 'l', 'o'});
            badTls.setSoTimeout(5000);
            while (badTls.getInputStream().read() >= 0) {
                // an alert, then the end
            }
        }

        String text = api.get("/metrics").body();
        Map<String, Double> s = PrometheusText.samples(text);
        long sent = (long) ECHOES * ECHO_BYTES + 1;
        assertThat(s).containsEntry("frp_server_client_counts", 1.0)
                .containsEntry("frp_server_proxy_counts{type=\"tcp\"}", 1.0)
                .containsEntry("frp_server_proxy_counts{type=\"http\"}", 1.0)
                .containsEntry("frp_server_proxy_counts_detailed{name=\"alice.echo\",type=\"tcp\"}", 1.0)
                .containsEntry("frp_server_traffic_in{name=\"alice.echo\",type=\"tcp\"}", (double) sent)
                .containsEntry("frp_server_traffic_out{name=\"alice.echo\",type=\"tcp\"}", (double) sent)
                .containsEntry("jfrp_connections_closed_before_auth_total{reason=\"protocol_error\"}", 1.0)
                .containsEntry("jfrp_connections_closed_before_auth_total{reason=\"tls_failed\"}", 1.0)
                .containsEntry("jfrp_tls_handshakes_total{result=\"ok\"}", 1.0)
                .containsEntry("jfrp_tls_handshakes_total{result=\"failed\"}", 1.0);
        assertThat(s.get("frp_server_traffic_out{name=\"alice.web\",type=\"http\"}"))
                .isGreaterThanOrEqualTo((double) DOWNLOADS * PAGE_BYTES);
        // The control stream and the pooled work stream of the one session at least.
        assertThat(s.get("jfrp_mux_streams_open")).isGreaterThanOrEqualTo(2.0);

        Promtool.Result check = Promtool.checkMetrics(text);
        assertThat(Promtool.lintBeyondFrpsNames(check.output()))
                .as("promtool (exit %d):%n%s", check.exitCode(), check.output()).isEmpty();
    }

    private static double metric(String series) throws Exception {
        return PrometheusText.samples(api.get("/metrics").body()).getOrDefault(series, Double.NaN);
    }

    @Test
    @Order(3)
    void chromiumShowsTheClientTheProxiesAndTheirCharts() throws Exception {
        Chromium chromium = new Chromium(dir);
        String url = api.base().replace("http://", "http://admin:pw@") + "/";
        // The desktop screenshot and the DOM from one load of the page (one Chromium start less).
        Chromium.Rendered rendered = keep(chromium, url, "dashboard-desktop.png", 1280, 1400);
        BufferedImage desktop = rendered.screenshot();
        assertThat(Chromium.count(desktop, SvgCharts.OUT_COLOUR)).as("out-colour pixels")
                .isGreaterThan(LEGEND_PIXELS + 1000);
        assertThat(Chromium.count(desktop, SvgCharts.IN_COLOUR)).as("in-colour pixels")
                .isGreaterThan(LEGEND_PIXELS + 500);
        BufferedImage phone = keep(chromium, url, "dashboard-phone.png", 390, 1800).screenshot();
        assertThat(Chromium.count(phone, SvgCharts.OUT_COLOUR)).isGreaterThan(LEGEND_PIXELS + 500);

        String dom = rendered.dom();
        assertThat(dom).contains("<title>jfrps dashboard</title>")
                .contains("alice." + client.runId())
                .contains(">alice.echo<", ">alice.web<")
                .contains("<span class=\"state on\">online</span>")
                .doesNotContain("<span class=\"state off\">offline</span>");
    }

    private static Chromium.Rendered keep(Chromium chromium, String url, String name, int width, int height)
            throws Exception {
        Path shot = dir.resolve(name);
        Chromium.Rendered img = chromium.render(url, width, height, shot);
        String copyTo = System.getProperty("jfrp.dashboard.screenshots");
        if (copyTo != null && !copyTo.isBlank()) {
            Files.createDirectories(Path.of(copyTo));
            Files.copy(shot, Path.of(copyTo, name), StandardCopyOption.REPLACE_EXISTING);
        }
        return img;
    }

    @Test
    @Order(4)
    void whenTheClientLeavesItsProxiesGoOfflineWithTheirHistory() throws Exception {
        client.close();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> api.json("/api/serverinfo").path("clientCounts").asLong() == 0);
        JsonNode echo = api.json("/api/proxy/tcp/alice.echo");
        assertThat(echo.path("status").asText()).isEqualTo("offline");
        assertThat(echo.path("conf").isNull()).isTrue();
        assertThat(echo.path("lastCloseTime").asText()).isNotEmpty();
        assertThat(echo.path("todayTrafficIn").asLong()).isEqualTo((long) ECHOES * ECHO_BYTES + 1);
        // A client without a clientID is forgotten when it leaves, as in frp.
        assertThat(api.json("/api/clients")).isEmpty();
        Map<String, Double> s = PrometheusText.samples(api.get("/metrics").body());
        assertThat(s).containsEntry("frp_server_client_counts", 0.0)
                .containsEntry("frp_server_proxy_counts{type=\"tcp\"}", 0.0)
                .containsEntry("frp_server_proxy_counts_detailed{name=\"alice.web\",type=\"http\"}", 0.0);
    }
}
