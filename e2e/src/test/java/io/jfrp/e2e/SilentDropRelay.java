package io.jfrp.e2e;

import java.io.IOException;
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
                // A dropped client side leaves the server side open and silent;
                // a failed server side closes the client's.
                SocketPump.start("relay-pump", client, server, SocketPump.Gate.OPEN, new AtomicLong(), false);
                SocketPump.start("relay-pump", server, client, SocketPump.Gate.OPEN, towardClient, true);
            } catch (IOException e) {
                // closed, or the server refused: the client sees its connection end
            }
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
        for (Pair p : pairs) {
            SocketPump.closeQuietly(p.client);
            SocketPump.closeQuietly(p.server);
        }
    }
}
