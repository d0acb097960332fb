package io.jfrp.e2e.ops;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local TCP service that writes its name to each connection and closes it: which member of a
 * load-balancing group answered. It can be stopped and started again on the same port (the service
 * behind a proxy dying and coming back).
 */
final class NamedService implements AutoCloseable {
    private final String name;
    private final int port;
    final AtomicInteger connections = new AtomicInteger();
    private volatile ServerSocket server;

    NamedService(String name) throws IOException {
        this.name = name;
        ServerSocket s = new ServerSocket();
        s.setReuseAddress(true);
        s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        this.port = s.getLocalPort();
        serve(s);
    }

    int port() {
        return port;
    }

    /** Starts serving again on the same port. */
    void start() throws IOException {
        ServerSocket s = new ServerSocket();
        s.setReuseAddress(true);
        s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        serve(s);
    }

    private void serve(ServerSocket s) {
        server = s;
        Thread t = new Thread(() -> {
            while (!s.isClosed()) {
                try (Socket c = s.accept(); OutputStream out = c.getOutputStream()) {
                    connections.incrementAndGet();
                    out.write(name.getBytes(StandardCharsets.UTF_8));
                } catch (IOException e) {
                    // closed, or a peer that left: next
                }
            }
        }, "named-" + name);
        t.setDaemon(true);
        t.start();
    }

    /** Stops serving: the port refuses connections. */
    void stop() throws IOException {
        server.close();
    }

    @Override
    public void close() throws IOException {
        stop();
    }

    /** What answers on {@code port}: a name, or "" when the connection ended without one. */
    static String read(int port) throws IOException {
        return read(port, 10_000);
    }

    /** As {@link #read(int)}, giving up on a silent connection after {@code timeoutMillis}. */
    static String read(int port, int timeoutMillis) throws IOException {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            s.setSoTimeout(timeoutMillis);
            return new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
