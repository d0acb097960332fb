package io.jfrp.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One direction of a thread-per-direction TCP relay in tests ({@link SilentDropRelay}, the udp
 * tests' {@code StallingRelay}): a daemon thread copies one socket's input to another's output,
 * passes an end of stream on as a half-close, and counts the bytes. Each relay decides what a read
 * waits for ({@link Gate}) and whether a failure of the source closes the destination.
 */
public final class SocketPump {
    /** What each read waits for first; may block (a relay that stalls one direction). */
    @FunctionalInterface
    public interface Gate {
        /** Never waits. */
        Gate OPEN = () -> {
        };

        void await() throws InterruptedException;
    }

    private SocketPump() {
    }

    /**
     * Starts copying {@code from} to {@code to} on a daemon thread named {@code name}.
     *
     * @param counted        bytes copied so far, added to as they go
     * @param closeOnFailure whether a failed read or write closes {@code to}; otherwise it stays open
     *                       and silent
     */
    public static void start(String name, Socket from, Socket to, Gate gate, AtomicLong counted,
                             boolean closeOnFailure) {
        Thread t = new Thread(() -> {
            byte[] buf = new byte[16 * 1024];
            try {
                InputStream in = from.getInputStream();
                OutputStream out = to.getOutputStream();
                while (true) {
                    gate.await();
                    int n = in.read(buf);
                    if (n < 0) {
                        break;
                    }
                    out.write(buf, 0, n);
                    counted.addAndGet(n);
                }
                to.shutdownOutput();
            } catch (IOException | InterruptedException e) {
                if (closeOnFailure) {
                    closeQuietly(to);
                }
            }
        }, name);
        t.setDaemon(true);
        t.start();
    }

    /** Closes {@code s}, ignoring a failure to. */
    public static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // closing
        }
    }
}
