package io.jfrp.e2e;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local TCP service for tests on an ephemeral loopback port: one accept thread hands each
 * connection to what the test gave ({@link Acceptor}), whose task then runs on a daemon thread of
 * its own. It counts connections; {@link #close} stops accepting and interrupts every connection
 * thread. The tests' local services (echo, id-echo, named, scripted) are this with their own task.
 */
public final class LoopbackTcpService implements AutoCloseable {
    /** What the service does with one accepted connection. */
    public interface Acceptor {
        /**
         * Called on the accept thread, in accept order; the returned task runs on a thread of its
         * own and owns the socket (closes it).
         */
        Runnable accepted(Socket socket);
    }

    private final ServerSocket server;
    private final Acceptor acceptor;
    private final ExecutorService threads;
    private final AtomicInteger connections = new AtomicInteger();

    /**
     * Binds and starts accepting.
     *
     * @param threadName the name of its threads (seen in thread dumps)
     * @param backlog    the listen backlog
     */
    public LoopbackTcpService(String threadName, int backlog, Acceptor acceptor) throws IOException {
        this.acceptor = acceptor;
        this.threads = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
        this.server = new ServerSocket(0, backlog, InetAddress.getLoopbackAddress());
        threads.execute(this::acceptLoop);
    }

    public int port() {
        return server.getLocalPort();
    }

    /** Connections accepted so far. */
    public int connections() {
        return connections.get();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            Socket s;
            try {
                s = server.accept();
            } catch (IOException e) {
                return;
            }
            connections.incrementAndGet();
            threads.execute(acceptor.accepted(s));
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        threads.shutdownNow();
    }
}
