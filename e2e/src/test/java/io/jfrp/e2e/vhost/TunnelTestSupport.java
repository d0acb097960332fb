package io.jfrp.e2e.vhost;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.jfrp.certs.CertifiedKey;
import io.jfrp.e2e.LoopbackTcpService;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.concurrent.atomic.AtomicInteger;


/**
 * What the https (SNI), tcpmux and tcp group end-to-end tests share: small local services that say
 * who they are, and client start-up.
 */
final class TunnelTestSupport {
    private TunnelTestSupport() {
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
        private final LoopbackTcpService service;

        NamedTcpService(String name) throws IOException {
            byte[] bytes = (name + "\n").getBytes(StandardCharsets.US_ASCII);
            service = new LoopbackTcpService("named-tcp-service", 100, s -> () -> {
                try (s) {
                    s.getOutputStream().write(bytes);
                } catch (IOException e) {
                    // the peer went away: the test counts what it read
                }
            });
        }

        int port() {
            return service.port();
        }

        /** Connections accepted so far. */
        int connections() {
            return service.connections();
        }

        @Override
        public void close() throws IOException {
            service.close();
        }
    }

    /**
     * Connects to {@code port} on loopback, writes {@code request} and returns all that comes back
     * until the other side closes ("" if it closes without a word), as ISO-8859-1.
     */
    static String exchange(int port, String request) throws IOException {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(5000);
            OutputStream out = s.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
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
