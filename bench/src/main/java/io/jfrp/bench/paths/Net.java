package io.jfrp.bench.paths;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Port helpers: a free port of the bench's own range, and waiting until an address serves. */
public final class Net {
    public static final String LOOPBACK = "127.0.0.1";

    private Net() {
    }

    /** How many ports the bench owns, and the fewest it settles for beside the ephemeral range. */
    private static final int OWNED_PORTS = 16_384;
    private static final int MIN_OWNED_PORTS = 4_096;
    /**
     * Ports this bench hands out: a range below the kernel's ephemeral ports, walked from a random
     * point so that benches running side by side start apart ({@link PortAllocator}).
     */
    private static final PortAllocator PORTS = allocator(ephemeralRange());

    /**
     * A port free on every local address, TCP and UDP, a moment ago, that this bench has not handed out
     * before (until its whole range of some thousands of ports has been used). Never in the kernel's
     * ephemeral range, so no outgoing connection takes it as its source port meanwhile.
     */
    public static int freePort() {
        return PORTS.next();
    }

    /** The kernel's ephemeral ports ({@code net.ipv4.ip_local_port_range}), low and high; Linux's default when unknown. */
    public static int[] ephemeralRange() {
        try {
            String[] parts = Files.readString(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).trim().split("\\s+");
            return new int[]{Integer.parseInt(parts[0]), Integer.parseInt(parts[1])};
        } catch (IOException | RuntimeException e) {
            return new int[]{32_768, 60_999};
        }
    }

    /**
     * The bench's range for the kernel's {@code ephemeral} one: up to {@value #OWNED_PORTS} ports just below
     * it, else just above it, else (nearly all ports are ephemeral) 20000-29999 with the race accepted.
     */
    static PortAllocator allocator(int[] ephemeral) {
        int from;
        int to;
        if (ephemeral[0] - 1024 >= MIN_OWNED_PORTS) {
            to = ephemeral[0] - 1;
            from = Math.max(1024, to - OWNED_PORTS + 1);
        } else if (65_535 - ephemeral[1] >= MIN_OWNED_PORTS) {
            from = ephemeral[1] + 1;
            to = Math.min(65_535, from + OWNED_PORTS - 1);
        } else {
            from = 20_000;
            to = 29_999;
        }
        return new PortAllocator(from, to, ThreadLocalRandom.current().nextInt(from, to + 1), Net::bindable);
    }

    /** Whether TCP and UDP {@code port} can be bound on every address now (each socket is closed at once). */
    static boolean bindable(int port) {
        try (ServerSocket tcp = new ServerSocket()) {
            tcp.bind(new InetSocketAddress(port), 1);
            try (DatagramSocket udp = new DatagramSocket(port)) {
                return true;
            }
        } catch (IOException e) {
            return false;
        }
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
