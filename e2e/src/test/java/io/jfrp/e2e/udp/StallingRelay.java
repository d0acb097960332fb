package io.jfrp.e2e.udp;

import io.jfrp.e2e.SocketPump;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP relay on 127.0.0.1 in front of a server whose direction toward the client can be stalled:
 * while {@link #stall() stalled} it reads nothing from the server, so what the server writes stops
 * in its own buffers once the small receive buffer here ({@value #SERVER_SIDE_RECEIVE_BUFFER} bytes)
 * and TCP's (or yamux's) windows are full, as behind a slow or congested link. One thread per
 * direction per connection; for tests.
 */
final class StallingRelay implements AutoCloseable {
    static final int SERVER_SIDE_RECEIVE_BUFFER = 16 * 1024;

    private final ServerSocket listener;
    private final InetSocketAddress target;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final Object gate = new Object();
    private boolean stalled;

    StallingRelay(InetSocketAddress target) throws IOException {
        this.target = target;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::acceptLoop, "stalling-relay-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return listener.getLocalPort();
    }

    /** Stops reading from the server until {@link #resume()}. */
    void stall() {
        synchronized (gate) {
            stalled = true;
        }
    }

    /** Reads from the server again. */
    void resume() {
        synchronized (gate) {
            stalled = false;
            gate.notifyAll();
        }
    }

    private void awaitOpen() throws InterruptedException {
        synchronized (gate) {
            while (stalled) {
                gate.wait();
            }
        }
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Socket server = new Socket();
                server.setReceiveBufferSize(SERVER_SIDE_RECEIVE_BUFFER);
                server.connect(target, 5000);
                sockets.add(client);
                sockets.add(server);
                SocketPump.start("stalling-relay-pump", client, server, SocketPump.Gate.OPEN, new AtomicLong(), true);
                SocketPump.start("stalling-relay-pump", server, client, this::awaitOpen, new AtomicLong(), true);
            } catch (IOException e) {
                // closed, or the server refused: the client sees its connection end
            }
        }
    }

    @Override
    public void close() throws IOException {
        resume();
        listener.close();
        for (Socket s : sockets) {
            SocketPump.closeQuietly(s);
        }
    }
}
