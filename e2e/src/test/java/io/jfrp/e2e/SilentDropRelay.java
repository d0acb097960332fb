package io.jfrp.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP relay on 127.0.0.1 in front of a server that can lose a connection the way a NAT or a
 * crashed middlebox does: {@link #dropClientSides()} resets every client's side while the server's
 * sides stay open and silent, so the server does not notice (until its heartbeat timeout) and the
 * client reconnects while its old connection still looks alive to the server. One thread per
 * direction per connection; for tests.
 */
final class SilentDropRelay implements AutoCloseable {
    private final ServerSocket listener;
    private final InetSocketAddress target;
    private final List<Pair> pairs = new CopyOnWriteArrayList<>();
    private final AtomicInteger accepted = new AtomicInteger();
    private final AtomicLong towardClient = new AtomicLong();

    private record Pair(Socket client, Socket server) {
    }

    SilentDropRelay(InetSocketAddress target) throws IOException {
        this.target = target;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::acceptLoop, "relay-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return listener.getLocalPort();
    }

    /** Connections accepted so far. */
    int accepted() {
        return accepted.get();
    }

    /** Bytes relayed from the server to clients so far. */
    long bytesTowardClient() {
        return towardClient.get();
    }

    /** Resets every client-side connection; the server-side ones stay open and carry nothing more. */
    void dropClientSides() throws IOException {
        for (Pair p : pairs) {
            p.client.setSoLinger(true, 0);
            p.client.close();
        }
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Socket server = new Socket();
                server.connect(target, 5000);
                Pair pair = new Pair(client, server);
                pairs.add(pair);
                accepted.incrementAndGet();
                pump(client, server, true, new AtomicLong());
                pump(server, client, false, towardClient);
            } catch (IOException e) {
                // closed, or the server refused: the client sees its connection end
            }
        }
    }

    /**
     * Copies {@code from} to {@code to}, passing an end of stream on as a half-close; when {@code from}
     * fails (a dropped client side), a copy toward the server leaves the server side open and silent.
     */
    private static void pump(Socket from, Socket to, boolean towardServer, AtomicLong counted) {
        Thread t = new Thread(() -> {
            byte[] buf = new byte[16 * 1024];
            try {
                InputStream in = from.getInputStream();
                OutputStream out = to.getOutputStream();
                for (int n; (n = in.read(buf)) >= 0; ) {
                    out.write(buf, 0, n);
                    counted.addAndGet(n);
                }
                to.shutdownOutput();
            } catch (IOException e) {
                if (!towardServer) {
                    closeQuietly(to); // the server side failed: so does the client's
                }
            }
        }, "relay-pump");
        t.setDaemon(true);
        t.start();
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // closing
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
        for (Pair p : pairs) {
            closeQuietly(p.client);
            closeQuietly(p.server);
        }
    }
}
