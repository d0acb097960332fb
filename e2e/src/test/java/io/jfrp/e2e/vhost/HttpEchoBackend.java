package io.jfrp.e2e.vhost;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A local web service for the vhost tests, independent of jfrp (the JDK's HttpServer): every
 * request is answered with what arrived, one {@code key: value} per line: {@code backend} (its
 * name), {@code method}, {@code uri}, each header as {@code h-<lower-case name>}, {@code body-bytes}
 * and {@code body-sha256}. Paths registered with {@link #serve} get fixed content instead; paths
 * under {@code /chunked/} are answered with chunked transfer encoding. It records every request it
 * saw.
 */
final class HttpEchoBackend implements AutoCloseable {
    /** One request as the service saw it. */
    record Seen(String method, String uri, Map<String, List<String>> headers) {
        String header(String name) {
            for (Map.Entry<String, List<String>> e : headers.entrySet()) {
                if (e.getKey().equalsIgnoreCase(name)) {
                    return String.join(",", e.getValue());
                }
            }
            return null;
        }
    }

    private record Content(String type, byte[] body) {
    }

    final String name;
    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final Map<String, Content> fixed = new ConcurrentHashMap<>();
    final List<Seen> seen = new CopyOnWriteArrayList<>();
    /** Milliseconds to wait before answering (for the vhostHTTPTimeout test). */
    volatile long delayMillis;

    HttpEchoBackend(String name) throws IOException {
        this.name = name;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    /** Answers GET {@code path} with {@code body} of {@code type}. */
    HttpEchoBackend serve(String path, String type, byte[] body) {
        fixed.put(path, new Content(type, body));
        return this;
    }

    private void handle(HttpExchange x) throws IOException {
        try (x) {
            MessageDigest sha;
            try {
                sha = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
            long bytes = 0;
            try (InputStream in = x.getRequestBody()) {
                byte[] buf = new byte[64 * 1024];
                int n;
                while ((n = in.read(buf)) >= 0) {
                    sha.update(buf, 0, n);
                    bytes += n;
                }
            }
            seen.add(new Seen(x.getRequestMethod(), x.getRequestURI().toString(), Map.copyOf(x.getRequestHeaders())));
            if (delayMillis > 0) {
                try {
                    Thread.sleep(delayMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            Content c = fixed.get(x.getRequestURI().getPath());
            byte[] body;
            if (c != null) {
                x.getResponseHeaders().set("Content-Type", c.type());
                body = c.body();
            } else {
                StringBuilder sb = new StringBuilder();
                sb.append("backend: ").append(name).append('\n');
                sb.append("method: ").append(x.getRequestMethod()).append('\n');
                sb.append("uri: ").append(x.getRequestURI()).append('\n');
                x.getRequestHeaders().forEach((k, v) ->
                        sb.append("h-").append(k.toLowerCase()).append(": ").append(String.join(",", v)).append('\n'));
                sb.append("body-bytes: ").append(bytes).append('\n');
                sb.append("body-sha256: ").append(HexFormat.of().formatHex(sha.digest())).append('\n');
                x.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
                x.getResponseHeaders().set("X-Backend", name);
                body = sb.toString().getBytes(StandardCharsets.UTF_8);
            }
            if ("HEAD".equals(x.getRequestMethod())) {
                x.sendResponseHeaders(200, -1);
                return;
            }
            // Under /chunked/ the body goes out chunked (length unknown in advance).
            x.sendResponseHeaders(200, x.getRequestURI().getPath().startsWith("/chunked/") ? 0 : body.length);
            try (OutputStream out = x.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    /** The {@code key: value} lines of an echo as a map (later keys win). */
    static Map<String, String> parse(String echo) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        for (String line : echo.split("\n")) {
            int colon = line.indexOf(": ");
            if (colon > 0) {
                out.put(line.substring(0, colon), line.substring(colon + 2).trim());
            }
        }
        return out;
    }
}
