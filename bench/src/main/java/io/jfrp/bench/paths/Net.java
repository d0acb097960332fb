package io.jfrp.bench.paths;

import io.jfrp.testkit.FreePorts;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Port helpers: a free port of the bench's own range, and waiting until an address serves. */
public final class Net {
    public static final String LOOPBACK = "127.0.0.1";

    private Net() {
    }

    /**
     * A port free on every local address, TCP and UDP, a moment ago, that this bench has not handed out
     * before (until its whole range of some thousands of ports has been used). Never in the kernel's
     * ephemeral range, so no outgoing connection takes it as its source port meanwhile ({@link FreePorts}).
     */
    public static int freePort() {
        return FreePorts.next();
    }

    /** The kernel's ephemeral ports, low and high ({@link FreePorts#ephemeralRange()}). */
    public static int[] ephemeralRange() {
        return FreePorts.ephemeralRange();
    }

    /** Whether {@code address} accepts a TCP connection now (which is closed at once). */
    public static boolean accepts(InetSocketAddress address) {
        try (Socket s = new Socket()) {
            s.connect(address, 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Whether {@code address} accepts a TCP connection now from inside network namespace {@code netns}
     * (bash's {@code /dev/tcp} under {@code ip netns exec}, bounded to 2 s), or from here when it is null.
     */
    public static boolean accepts(String netns, InetSocketAddress address) {
        if (netns == null) {
            return accepts(address);
        }
        try {
            return Child.run(Child.inNetns(netns, List.of("bash", "-c", "exec 3<>/dev/tcp/" + address.getHostString()
                    + "/" + address.getPort())), Duration.ofSeconds(2), Path.of("/dev/null"), true) == 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (IOException e) {
            return false;
        }
    }

    /** Polls {@code ready} every 5 ms; a non-null {@code failure} (a process died) or {@code timeout} ends it. */
    public static void await(String what, Duration timeout, BooleanSupplier ready, Supplier<String> failure)
            throws InterruptedException, TimeoutException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!ready.getAsBoolean()) {
            String why = failure.get();
            if (why != null) {
                throw new IllegalStateException(what + ": " + why);
            }
            if (System.nanoTime() > deadline) {
                throw new TimeoutException(what + ": not ready within " + timeout.toSeconds() + " s");
            }
            Thread.sleep(5);
        }
    }
}
