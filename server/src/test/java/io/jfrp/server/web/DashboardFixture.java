package io.jfrp.server.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.jfrp.server.monitor.ClientSession;
import io.jfrp.server.monitor.MutableClock;
import io.jfrp.server.monitor.ProxyRegistration;
import io.jfrp.server.monitor.ServerMetrics;
import io.jfrp.server.monitor.ServerMonitor;
import io.jfrp.testkit.Patience;
import io.jfrp.web.Json;
import io.jfrp.web.WebServer;
import io.jfrp.web.WebServerConfig;
import io.jfrp.web.WebServerLimits;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * frps' web server on a real port over a monitor fed with a scripted history of events: three
 * clients (one gone), four proxies of three types (one closed), connections and traffic spread over
 * three days of a moved clock. Credentials admin / pw.
 */
final class DashboardFixture implements AutoCloseable {
    static final String USER = "admin";
    static final String PASSWORD = "pw";
    /** Tuesday 2026-03-10 10:00 in Berlin. */
    static final Instant START = Instant.parse("2026-03-10T09:00:00Z");

    final MutableClock clock = new MutableClock(START, ZoneId.of("Europe/Berlin"));
    final ServerMonitor monitor;
    final AtomicReference<ServerInfo> info = new AtomicReference<>(new ServerInfo("0.70.0", 7000, 8080, 8443, 0, 0, 0,
            "frps.example.com", 5, 0, 90, "1000-2000,3000", true));
    final WebServer server;
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Patience.WAIT).build();

    static final ClientSession ALICE = new ClientSession("run-alice", "alice", "laptop", "alice-laptop", "0.70.0", "v2", "10.1.2.3");
    static final ClientSession BOB = new ClientSession("run-bob", "bob", "", "bob-pc", "0.61.0", "v1", "10.1.2.4");
    static final ClientSession CAROL = new ClientSession("run-carol", "", "box", "carol-box", "", "v1", "10.1.2.5");

    DashboardFixture() throws IOException {
        this(true, true);
    }

    /** With or without basic auth and Prometheus. */
    DashboardFixture(boolean auth, boolean prometheus) throws IOException {
        monitor = ServerMonitor.create(clock, true, prometheus);
        feed(monitor.metrics());
        WebServerConfig config = WebServerConfig.plain("127.0.0.1", 0);
        server = new WebServer(auth ? config.withCredentials(USER, PASSWORD) : config, WebServerLimits.DEFAULTS);
        DashboardServer.register(server.router(), info::get, monitor);
        server.startOnAnyPort();
    }

    static Map<String, Object> tcpConf(String name, int remotePort) {
        Map<String, Object> conf = new LinkedHashMap<>();
        conf.put("name", name);
        conf.put("type", "tcp");
        conf.put("annotations", Map.of("owner", "ops"));
        conf.put("transport", Map.of("useEncryption", true, "useCompression", false, "bandwidthLimit", "1MB",
                "bandwidthLimitMode", "client"));
        conf.put("metadatas", Map.of("zeta", "1", "alpha", "2"));
        conf.put("loadBalancer", Map.of("group", "", "groupKey", ""));
        conf.put("localIP", "127.0.0.1");
        conf.put("remotePort", remotePort);
        return conf;
    }

    static Map<String, Object> httpConf(String name) {
        Map<String, Object> conf = new LinkedHashMap<>();
        conf.put("name", name);
        conf.put("type", "http");
        conf.put("transport", Map.of("useEncryption", false, "useCompression", true));
        conf.put("loadBalancer", Map.of("group", "web"));
        conf.put("customDomains", List.of("www.example.com"));
        conf.put("subdomain", "alice");
        conf.put("locations", List.of("/", "/api"));
        conf.put("hostHeaderRewrite", "backend.local");
        return conf;
    }

    /**
     * Day 1 (03-10): everyone logs in, proxies register, traffic. Day 2 (03-11): more traffic, bob's db closes and
     * bob leaves; carol leaves. Day 3 (03-12, "today"): alice's ssh has two open connections and traffic.
     */
    private void feed(ServerMetrics m) {
        for (ClientSession c : List.of(ALICE, BOB, CAROL)) {
            monitor.clients().register(c);
            m.clientLoggedIn(c);
        }
        m.proxyRegistered(new ProxyRegistration("alice.ssh", "tcp", "alice", "laptop", tcpConf("alice.ssh", 6000)));
        m.proxyRegistered(new ProxyRegistration("alice.web", "http", "alice", "laptop", httpConf("alice.web")));
        m.proxyRegistered(new ProxyRegistration("bob.db", "tcp", "bob", "run-bob", tcpConf("bob.db", 6001)));
        m.proxyRegistered(new ProxyRegistration("secret", "stcp", "", "box", Map.of("name", "secret", "type", "stcp")));
        connection(m, "alice.ssh", "tcp", 1_000, 20_000);
        connection(m, "alice.web", "http", 3_000, 900_000);
        connection(m, "bob.db", "tcp", 500, 700);

        clock.advance(Duration.ofDays(1));
        connection(m, "alice.web", "http", 6_000, 1_800_000);
        connection(m, "bob.db", "tcp", 5_000, 7_000);
        clock.advance(Duration.ofMinutes(1));
        m.proxyClosed("bob.db", "tcp");
        m.clientGone(BOB);
        monitor.clients().markOffline(BOB.runId());
        m.proxyClosed("secret", "stcp");
        m.clientGone(CAROL);
        monitor.clients().markOffline(CAROL.runId());

        clock.advance(Duration.ofDays(1));
        connection(m, "alice.ssh", "tcp", 4_000, 50_000);
        connection(m, "alice.web", "http", 9_000, 2_500_000);
        m.userConnectionOpened("alice.ssh", "tcp");
        m.userConnectionOpened("alice.ssh", "tcp");
    }

    private static void connection(ServerMetrics m, String name, String type, long in, long out) {
        m.userConnectionOpened(name, type);
        m.userConnectionClosed(name, type);
        m.trafficIn(name, type, in);
        m.trafficOut(name, type, out);
    }

    String base() {
        return "http://127.0.0.1:" + server.port();
    }

    static String authorization() {
        return "Basic " + Base64.getEncoder().encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
    }

    HttpResponse<String> call(String method, String path, boolean authenticated) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base() + path)).timeout(Patience.WAIT)
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (authenticated) {
            b.header("Authorization", authorization());
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /** GET over a bare socket, for targets Java's HttpClient will not send; "status body". */
    String rawGet(String path) throws IOException {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            s.setSoTimeout(Patience.WAIT_MILLIS);
            s.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: x\r\nAuthorization: " + authorization()
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            String response = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            String status = response.substring(response.indexOf(' ') + 1, response.indexOf(' ') + 4);
            return status + " " + response.substring(response.indexOf("\r\n\r\n") + 4);
        }
    }

    JsonNode getJson(String path) throws IOException, InterruptedException {
        HttpResponse<String> r = call("GET", path, true);
        if (r.statusCode() != 200) {
            throw new AssertionError(path + " answered " + r.statusCode() + ": " + r.body());
        }
        return Json.MAPPER.readTree(r.body());
    }

    @Override
    public void close() {
        server.close();
        monitor.close();
    }
}
