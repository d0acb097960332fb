package io.jfrp.e2e;

import com.sun.net.httpserver.HttpServer;
import io.jfrp.client.FrpClient;
import io.jfrp.config.model.ClientConfig;
import io.jfrp.config.model.HttpPluginConfig;
import io.jfrp.config.model.PortRanges;
import io.jfrp.config.model.ServerConfig;
import io.jfrp.config.model.ServerPluginsConfig;
import io.jfrp.config.model.proxy.ProxyBuilder;
import io.jfrp.config.model.proxy.ProxyConfig;
import io.jfrp.e2e.wirev2.StockFrp;
import io.jfrp.protocol.FrpVersion;
import io.jfrp.protocol.auth.AuthKeys;
import io.jfrp.protocol.msg.Login;
import io.jfrp.protocol.msg.LoginResp;
import io.jfrp.server.FrpServer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What a stock frp 0.70.0 program sees of jfrp, beside what it sees of its own kind, on real sockets:
 * the version jfrps answers and jfrpc logs in with, the errors jfrps puts in NewProxyResp for the
 * same refused proxies, jfrpc's first Ping right after the login, and the bodies jfrps sends a
 * server plugin, byte for byte. Each case runs against stock frps from {@code ../shared/peers} and
 * against jfrps with the same settings and compares the two (a missing peer skips, or fails on CI).
 */
class StockFrpWireParityTest extends E2eCase {
    private static final String TOKEN = "parity";

    @Test
    void bothProgramsSayTheVersionStockFrpSays() throws Exception {
        Process version = new ProcessBuilder(StockFrp.home().resolve("frps").toString(), "--version")
                .redirectErrorStream(true).start();
        assertThat(version.waitFor(10, TimeUnit.SECONDS)).isTrue();
        String stockVersion = new String(version.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(FrpVersion.SPOKEN).isEqualTo(stockVersion);

        int bindPort = StockFrp.freePort();
        try (StockFrp frps = StockFrp.start("frps", dir, stockServer(bindPort, ""))) {
            frps.awaitLog("frps started successfully", 10);
            LoginResp stock = rawLogin(bindPort);
            // jfrpc as stock frps logs it: "client login info: ip [...] version [0.70.0] ..."
            clientLoggedIn(bindPort, TOKEN, List.of());
            frps.awaitLog("version [" + stockVersion + "]", 10);

            FrpServer jfrps = server(TOKEN, UnaryOperator.identity());
            LoginResp ours = rawLogin(jfrps.address().getPort());

            assertThat(stock.version()).isEqualTo(stockVersion);
            assertThat(ours.version()).isEqualTo(stock.version());
            assertThat(ours.error()).isEqualTo(stock.error()).isEmpty();
        }
    }

    /**
     * The same refused proxies asked of stock frps and of jfrps by the same jfrpc: port not allowed,
     * already used, unavailable (bound outside the server), a udp port not allowed, a load-balancing
     * group's wrong key and port, http without vhostHTTPPort, a subdomain without subDomainHost.
     */
    @Test
    void refusedProxiesGetStockFrpsErrorTexts() throws Exception {
        int taken = StockFrp.freePort();
        int blocked = StockFrp.freePort();
        int grouped = StockFrp.freePort();
        int notAllowed = StockFrp.freePort();
        EchoService echo = closer.add(new EchoService());
        List<ProxyConfig> first = List.of(
                ProxyBuilder.tcp("first", "127.0.0.1", echo.port(), taken).build(),
                ProxyBuilder.tcp("ga", "127.0.0.1", echo.port(), grouped).loadBalancer("lb", "k").build());
        List<ProxyConfig> refused = List.of(
                ProxyBuilder.tcp("dup", "127.0.0.1", echo.port(), taken).build(),
                ProxyBuilder.tcp("blocked", "127.0.0.1", echo.port(), blocked).build(),
                ProxyBuilder.tcp("outside", "127.0.0.1", echo.port(), notAllowed).build(),
                ProxyBuilder.udp("udp-outside", "127.0.0.1", echo.port(), notAllowed).build(),
                ProxyBuilder.tcp("gb", "127.0.0.1", echo.port(), grouped).loadBalancer("lb", "wrong").build(),
                ProxyBuilder.tcp("gc", "127.0.0.1", echo.port(), taken).loadBalancer("lb", "k").build(),
                ProxyBuilder.http("web", "127.0.0.1", echo.port(), "web.test").build(),
                ProxyBuilder.tcpmux("mux", "127.0.0.1", echo.port()).subdomain("mux").multiplexer("httpconnect").build());
        String allow = "allowPorts = [{ single = " + taken + " }, { single = " + blocked + " }, { single = "
                + grouped + " }]\n";

        Map<String, String> stockErrors;
        Map<String, String> ourErrors;
        try (ServerSocket outside = new ServerSocket(blocked, 1, InetAddress.getLoopbackAddress())) {
            int bindPort = StockFrp.freePort();
            try (StockFrp frps = StockFrp.start("frps", dir, stockServer(bindPort, allow))) {
                frps.awaitLog("frps started successfully", 10);
                stockErrors = proxyErrors(bindPort, TOKEN, first, refused);
            }
            FrpServer jfrps = server(TOKEN, c -> c.withPorts(PortRanges.of(PortRanges.Range.single(taken),
                    PortRanges.Range.single(blocked), PortRanges.Range.single(grouped)), 0));
            ourErrors = proxyErrors(jfrps.address().getPort(), TOKEN, first, refused);
        }

        assertThat(stockErrors).as("stock frps's answers").containsEntry("dup", "port already used")
                .containsEntry("outside", "port not allowed");
        assertThat(ourErrors).isEqualTo(stockErrors);
    }

    /** jfrpc's first Ping reaches stock frps right after the login, not an interval (here an hour) later. */
    @Test
    void theFirstPingGoesOutRightAfterTheLogin() throws Exception {
        int bindPort = StockFrp.freePort();
        try (StockFrp frps = StockFrp.start("frps", dir, stockServer(bindPort, "transport.tcpMux = false\n"))) {
            frps.awaitLog("frps started successfully", 10);
            FrpClient client = client(bindPort, TOKEN, List.of(),
                    c -> c.withTcpMux(false).withHeartbeat(Duration.ofHours(1), Duration.ofHours(3)));
            client.start().get(20, TimeUnit.SECONDS);

            frps.awaitLog("receive heartbeat", 10);
        }
    }

    /**
     * The Login and NewProxy bodies a server plugin gets, from stock frps and from jfrps for the same
     * jfrpc: byte for byte the same once the values that differ per login are set aside (timestamp,
     * privilege_key, run_id, the client's port): struct order, map keys in Go's byte order, and Go's
     * escaping of {@code < > &} and U+2028.
     */
    @Test
    void pluginRequestBodiesAreStockFrpsBytes() throws Exception {
        List<String> stockBodies = new CopyOnWriteArrayList<>();
        List<String> ourBodies = new CopyOnWriteArrayList<>();
        HttpServer plugin = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 10);
        for (var path : Map.of("/stock", stockBodies, "/jfrp", ourBodies).entrySet()) {
            plugin.createContext(path.getKey(), ex -> {
                path.getValue().add(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
                byte[] answer = "{\"reject\":false,\"unchange\":true}".getBytes(StandardCharsets.UTF_8);
                ex.getResponseHeaders().add("Content-Type", "application/json");
                ex.sendResponseHeaders(200, answer.length);
                ex.getResponseBody().write(answer);
                ex.close();
            });
        }
        plugin.start();
        closer.add(() -> plugin.stop(0));
        String addr = "127.0.0.1:" + plugin.getAddress().getPort();

        Map<String, String> metas = new LinkedHashMap<>();
        metas.put("z", "<b>&amp;</b>");
        metas.put("\uD83D\uDE00", "emoji key"); // U+1F600: after U+E000 in Go's byte order, before it in Java's
        metas.put("\uE000", "private use");
        metas.put("a", "line\u2028separator");
        metas.put("é", "");
        EchoService echo = closer.add(new EchoService());
        int remotePort = StockFrp.freePort();
        List<ProxyConfig> proxies = List.of(ProxyBuilder.tcp("echo", "127.0.0.1", echo.port(), remotePort)
                .metadatas(metas).build());
        UnaryOperator<ClientConfig> alice = c -> c.withUser("alice").withMetadatas(metas);

        int bindPort = StockFrp.freePort();
        String plugins = "[[httpPlugins]]\nname = \"p\"\naddr = \"" + addr + "\"\npath = \"/stock\"\n"
                + "ops = [\"Login\", \"NewProxy\"]\n";
        try (StockFrp frps = StockFrp.start("frps", dir, stockServer(bindPort, "") + plugins)) {
            frps.awaitLog("frps started successfully", 10);
            upAndClosed(bindPort, proxies, alice, remotePort);
        }
        HttpPluginConfig ours = new HttpPluginConfig("p", addr, "/jfrp", List.of("Login", "NewProxy"), false);
        FrpServer jfrps = server(TOKEN, c -> c.withHttpPlugins(new ServerPluginsConfig(List.of(ours),
                Duration.ofSeconds(5))));
        upAndClosed(jfrps.address().getPort(), proxies, alice, remotePort);

        await().atMost(Duration.ofSeconds(10)).until(() -> stockBodies.size() >= 2 && ourBodies.size() >= 2);
        assertThat(stockBodies.get(0)).contains("\\u003cb\\u003e\\u0026amp;", "\\u2028", "\"op\":\"Login\"");
        assertThat(stockBodies.get(1)).contains("\"op\":\"NewProxy\"");
        assertThat(normalized(ourBodies.subList(0, 2))).isEqualTo(normalized(stockBodies.subList(0, 2)));
    }

    private void upAndClosed(int bindPort, List<ProxyConfig> proxies, UnaryOperator<ClientConfig> change,
                             int remotePort) throws Exception {
        try (FrpClient client = client(bindPort, TOKEN, proxies, change)) {
            client.start().get(20, TimeUnit.SECONDS);
            E2e.awaitProxyUp(client, "echo", remotePort);
        }
    }

    /** The bodies with what differs per login set aside. */
    private static List<String> normalized(List<String> bodies) {
        List<String> out = new ArrayList<>();
        for (String body : bodies) {
            out.add(body.replaceAll("\"timestamp\":\\d+", "\"timestamp\":T")
                    .replaceAll("\"privilege_key\":\"[0-9a-f]*\"", "\"privilege_key\":\"K\"")
                    .replaceAll("\"run_id\":\"[^\"]*\"", "\"run_id\":\"R\"")
                    .replaceAll("\"client_address\":\"127\\.0\\.0\\.1:\\d+\"", "\"client_address\":\"A\""));
        }
        return out;
    }

    private static String stockServer(int bindPort, String more) {
        return "bindAddr = \"127.0.0.1\"\nbindPort = " + bindPort + "\nproxyBindAddr = \"127.0.0.1\"\n"
                + "auth.token = \"" + TOKEN + "\"\n" + more + StockFrp.logConfig();
    }

    /** A Login on a raw yamux session (tcpMux on, no TLS: both servers accept it) and its answer. */
    private static LoginResp rawLogin(int port) throws IOException {
        long now = System.currentTimeMillis() / 1000;
        try (RawFrpConnection raw = RawFrpConnection.yamux(port)) {
            raw.send(Login.builder().version(FrpVersion.SPOKEN).os("linux").arch("amd64").poolCount(0).build()
                    .withAuth(AuthKeys.privilegeKey(TOKEN, now), now));
            return (LoginResp) raw.read();
        }
    }
}
