package io.jfrp.e2e;

import com.sun.net.httpserver.HttpServer;
import io.jfrp.client.FrpClient;
import io.jfrp.config.model.proxy.ProxyBuilder;
import io.jfrp.config.model.proxy.ProxyConfig;
import io.jfrp.config.model.proxy.ProxyPlugin;
import io.jfrp.e2e.wirev2.StockFrp;
import io.jfrp.server.FrpServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The forwarding plugins' keep-alive through a whole tunnel: several requests on one public
 * connection through jfrpc's http2http and http_proxy plugins, each answer's bytes checked; with
 * jfrps, which carries the client's FIN to the plugin as a half closure, a request sent with the FIN
 * gets its whole answer and then the connection's end (not a 60 s wait); with stock frps 0.70, which
 * ends the whole relay at the client's FIN, the connection ends at once.
 */
class PluginKeepAliveTest extends E2eCase {
    private static final String TOKEN = "keepalive";
    private static final int SO_TIMEOUT_MILLIS = 10_000;

    private final byte[] body = E2e.seeded(150_000, 17);
    private HttpServer backend;

    @BeforeEach
    void startBackend() throws IOException {
        backend = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        backend.createContext("/", ex -> {
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        backend.start();
        closer.add(() -> backend.stop(0));
    }

    private String backendAddr() {
        return "127.0.0.1:" + backend.getAddress().getPort();
    }

    /**
     * Starts jfrpc with an http2http proxy and an http_proxy proxy on {@code serverPort}; the request
     * target of each (origin form, absolute form) and its public port.
     */
    private Map<String, Integer> clientUp(int serverPort) throws Exception {
        int bridgePort = E2e.freePort();
        int proxyPort = E2e.freePort();
        List<ProxyConfig> proxies = List.of(
                ProxyBuilder.tcp("bridge", "", 0, bridgePort).plugin(plugin("http2http", backendAddr())).build(),
                ProxyBuilder.tcp("proxy", "", 0, proxyPort).plugin(plugin("http_proxy", "")).build());
        FrpClient client = client(serverPort, TOKEN, proxies, c -> c);
        client.start().get(20, TimeUnit.SECONDS);
        E2e.awaitProxyUp(client, "bridge", bridgePort);
        E2e.awaitProxyUp(client, "proxy", proxyPort);
        return Map.of("/via-bridge", bridgePort, "http://" + backendAddr() + "/via-proxy", proxyPort);
    }

    private static ProxyPlugin plugin(String type, String localAddr) {
        return new ProxyPlugin(type, localAddr, "", Map.of(), false, "", "", "", "", "", "", "", "", "");
    }

    @Test
    void throughJfrpsAFinGetsItsAnswerAndThenTheEnd() throws Exception {
        FrpServer server = server(TOKEN, c -> c);
        Map<String, Integer> ports = clientUp(server.address().getPort());

        for (Map.Entry<String, Integer> target : ports.entrySet()) {
            try (Socket s = connect(target.getValue())) {
                String request = request(target.getKey());
                send(s, request);
                assertAnswered(s);
                send(s, request);
                s.shutdownOutput();
                assertAnswered(s);
                assertEnded(s);
            }
        }
    }

    @Test
    void throughStockFrpsOneConnectionCarriesSeveralRequests() throws Exception {
        int bindPort = StockFrp.freePort();
        String config = "bindAddr = \"127.0.0.1\"\nbindPort = " + bindPort + "\nauth.token = \"" + TOKEN + "\"\n"
                + StockFrp.logConfig();
        try (StockFrp frps = StockFrp.start("frps", dir, config)) {
            frps.awaitLog("frps started successfully", 10);
            Map<String, Integer> ports = clientUp(bindPort);

            for (Map.Entry<String, Integer> target : ports.entrySet()) {
                try (Socket s = connect(target.getValue())) {
                    for (int i = 0; i < 3; i++) {
                        send(s, request(target.getKey()));
                        assertAnswered(s);
                    }
                    s.shutdownOutput();
                    assertEnded(s);
                }
            }
            assertThat(frps.log()).as("frps's log").doesNotContain("[E]");
        }
    }

    private String request(String target) {
        return "GET " + target + " HTTP/1.1\r\nHost: " + backendAddr() + "\r\n\r\n";
    }

    private static Socket connect(int port) throws IOException {
        Socket s = new Socket(InetAddress.getLoopbackAddress(), port);
        s.setSoTimeout(SO_TIMEOUT_MILLIS);
        return s;
    }

    private static void send(Socket s, String text) throws IOException {
        s.getOutputStream().write(text.getBytes(StandardCharsets.US_ASCII));
        s.getOutputStream().flush();
    }

    /** One 200 answer with a Content-Length whose body is the backend's bytes. */
    private void assertAnswered(Socket s) throws IOException {
        InputStream in = s.getInputStream();
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
            int b = in.read();
            assertThat(b).as("the answer's head so far: %s", head).isNotNegative();
            head.write(b);
        }
        String text = head.toString(StandardCharsets.US_ASCII);
        assertThat(text).startsWith("HTTP/1.1 200 OK\r\n");
        int length = text.lines().filter(l -> l.toLowerCase().startsWith("content-length:"))
                .map(l -> Integer.parseInt(l.substring(l.indexOf(':') + 1).trim())).findFirst().orElseThrow();
        assertThat(E2e.sha256Hex(in.readNBytes(length))).isEqualTo(E2e.sha256Hex(body));
    }

    /** The connection ends (EOF or a reset) within the socket's read timeout. */
    private static void assertEnded(Socket s) throws IOException {
        try {
            assertThat(s.getInputStream().read()).isEqualTo(-1);
        } catch (SocketTimeoutException e) {
            throw new AssertionError("still open " + SO_TIMEOUT_MILLIS + " ms after the FIN", e);
        } catch (IOException e) {
            // a reset ends it too
        }
    }
}
