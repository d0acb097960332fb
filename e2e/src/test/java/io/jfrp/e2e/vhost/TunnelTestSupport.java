package io.jfrp.e2e.vhost;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.jfrp.certs.CertifiedKey;
import io.jfrp.client.ClientOptions;
import io.jfrp.client.FrpClient;
import io.jfrp.client.ProxyOptions;
import io.jfrp.protocol.msg.NewProxyResp;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.awaitility.Awaitility.await;

/**
 * What the https (SNI), tcpmux and tcp group end-to-end tests share: external tools (curl,
 * openssl) run with a timeout, small local services that say who they are, and client start-up.
 */
final class TunnelTestSupport {
    private TunnelTestSupport() {
    }

    /** A port free right now on loopback. */
    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /**
     * Makes sure {@code tool} is on the PATH: in CI (env CI=true) its absence fails the test, since
     * .ci/run installs it; elsewhere the test is skipped.
     */
    static void requireTool(String tool) {
        boolean found = false;
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
                found = true;
                break;
            }
        }
        if (found) {
            return;
        }
        String why = tool + " is not installed (scripts/install-test-deps.sh installs it)";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            Assertions.fail(why);
        }
        Assumptions.abort(why);
    }

    /** What a command printed and how it ended. */
    record Run(int exitCode, String stdout, String stderr) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + stdout + "\n--- stderr\n" + stderr;
        }
    }

    /** Runs {@code command} with no proxy settings from the environment, stdin empty, within 20 s. */
    static Run run(String... command) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command);
        for (String var : List.of("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "all_proxy",
                "NO_PROXY", "no_proxy")) {
            pb.environment().remove(var);
        }
        pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        Process p = pb.start();
        ExecutorService readers = Executors.newFixedThreadPool(2);
        try {
            var out = readers.submit(() -> new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
            var err = readers.submit(() -> new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + " did not finish within 20 s");
            }
            return new Run(p.exitValue(), out.get(5, TimeUnit.SECONDS), err.get(5, TimeUnit.SECONDS));
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IOException(e);
        } finally {
            readers.shutdownNow();
        }
    }

    /** Starts a client with {@code proxies} and waits for its login. */
    static FrpClient startClient(int serverPort, List<ProxyOptions> proxies) throws Exception {
        FrpClient client = new FrpClient(ClientOptions.loopback(serverPort, "secret", proxies));
        client.start().get(10, TimeUnit.SECONDS);
        return client;
    }

    /** The server's answer to {@code proxy}, once it came. */
    static NewProxyResp awaitProxy(FrpClient client, String proxy) {
        await().atMost(Duration.ofSeconds(10)).until(() -> client.proxyResults().containsKey(proxy));
        return client.proxyResults().get(proxy);
    }

    /** A plain HTTP server on loopback whose every answer is {@code body}; counts requests. */
    static final class NamedHttpServer implements AutoCloseable {
        final HttpServer server;
        final AtomicInteger requests = new AtomicInteger();

        NamedHttpServer(String body) throws IOException {
            this(HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50), body);
        }

        private NamedHttpServer(HttpServer server, String body) {
            this.server = server;
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            server.createContext("/", exchange -> {
                requests.incrementAndGet();
                exchange.getResponseHeaders().set("Content-Type", "text/plain");
                exchange.sendResponseHeaders(200, bytes.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            });
            server.start();
        }

        /** The same, over TLS with {@code key}'s certificate. */
        static NamedHttpServer https(String body, CertifiedKey key) throws Exception {
            HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
            server.setHttpsConfigurator(new HttpsConfigurator(sslContext(key)));
            return new NamedHttpServer(server, body);
        }

        int port() {
            return server.getAddress().getPort();
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }

    /** A JDK TLS server context presenting {@code key}'s certificate chain. */
    static SSLContext sslContext(CertifiedKey key) throws Exception {
        char[] password = "changeit".toCharArray();
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("server", key.privateKey(), password, key.chain().toArray(new X509Certificate[0]));
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(store, password);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(kmf.getKeyManagers(), null, null);
        return context;
    }

    /** A TCP service that writes its name to each connection and closes it; counts connections. */
    static final class NamedTcpService implements AutoCloseable {
        private final ServerSocket server;
        private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "named-tcp-service");
            t.setDaemon(true);
            return t;
        });
        final AtomicInteger connections = new AtomicInteger();

        NamedTcpService(String name) throws IOException {
            server = new ServerSocket(0, 100, InetAddress.getLoopbackAddress());
            byte[] bytes = (name + "\n").getBytes(StandardCharsets.US_ASCII);
            threads.execute(() -> {
                while (!server.isClosed()) {
                    try (Socket s = server.accept()) {
                        connections.incrementAndGet();
                        s.getOutputStream().write(bytes);
                    } catch (IOException e) {
                        // closed, or the peer went away: keep serving until closed
                    }
                }
            });
        }

        int port() {
            return server.getLocalPort();
        }

        @Override
        public void close() throws IOException {
            server.close();
            threads.shutdownNow();
        }
    }

    /** Connects to {@code port} on loopback and reads what the service behind it says ("" if nothing). */
    static String readName(int port) throws IOException {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(5000);
            InputStream in = s.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII).trim();
        }
    }
}
