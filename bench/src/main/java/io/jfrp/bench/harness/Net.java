package io.jfrp.bench.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

/** Loopback port helpers: a free port, and waiting until a port accepts connections. */
public final class Net {
    public static final String LOOPBACK = "127.0.0.1";

    private Net() {
    }

    /** A port on 127.0.0.1 that was free a moment ago (the usual small race is accepted in a benchmark). */
    public static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName(LOOPBACK))) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on 127.0.0.1", e);
        }
    }

    /**
     * Waits until {@code address} accepts a TCP connection (which is closed at once), polling every
     * 50 ms; fails when {@code stillAlive} turns false (the process that should listen died) or
     * {@code timeout} passes.
     */
    public static void awaitAccepting(InetSocketAddress address, Duration timeout, BooleanSupplier stillAlive,
                                      String what) throws InterruptedException, TimeoutException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try (Socket s = new Socket()) {
                s.connect(address, 1000);
                return;
            } catch (IOException e) {
                // not yet
            }
            if (!stillAlive.getAsBoolean()) {
                throw new IllegalStateException(what + " exited before " + address + " accepted connections");
            }
            if (System.nanoTime() > deadline) {
                throw new TimeoutException(what + ": " + address + " did not accept connections within "
                        + timeout.toSeconds() + " s");
            }
            Thread.sleep(50);
        }
    }
}
