package io.jfrp.e2e.multi;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The local web service behind an http proxy in the several-server tests (the JDK's HttpServer):
 * {@code GET /health} answers 200 "ok" (what HAProxy's check asks for through each jfrps' vhost port),
 * {@code POST /echo} answers with the body it got.
 */
final class HashEchoHttpService implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(8, r -> {
        Thread t = new Thread(r, "http-echo");
        t.setDaemon(true);
        return t;
    });

    HashEchoHttpService() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 100);
        server.createContext("/health", ex -> answer(ex, "ok".getBytes(StandardCharsets.US_ASCII)));
        server.createContext("/echo", ex -> answer(ex, ex.getRequestBody().readAllBytes()));
        server.setExecutor(executor);
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    private static void answer(HttpExchange ex, byte[] body) throws IOException {
        ex.sendResponseHeaders(200, body.length == 0 ? -1 : body.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
