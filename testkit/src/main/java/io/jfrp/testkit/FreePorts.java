package io.jfrp.testkit;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Free ports for programs a test or the bench starts: each port of a range below the kernel's
 * ephemeral ports handed out once per lap ({@link PortAllocator}), free for TCP and UDP on every
 * address when handed out. Binding port 0 and closing instead let two proxies of one test get the same
 * port (CI, 2026-12-05: "port 33755 is already used by another proxy"), and an outgoing connection
 * can take such a port as its source port before the program binds it.
 */
public final class FreePorts {
    /** How many ports the range holds, and the fewest it settles for beside the ephemeral range. */
    private static final int OWNED_PORTS = 16_384;
    private static final int MIN_OWNED_PORTS = 4_096;
    /** Walked from a random point so that JVMs running side by side start apart. */
    private static final PortAllocator PORTS = allocator(ephemeralRange());

    private FreePorts() {
    }

    /**
     * A port free on every local address, TCP and UDP, a moment ago, that this JVM has not handed out
     * before (until its whole range of some thousands of ports has been used).
     */
    public static int next() {
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
     * The range for the kernel's {@code ephemeral} one: up to {@value #OWNED_PORTS} ports just below it,
     * else just above it, else (nearly all ports are ephemeral) 20000-29999 with the race accepted.
     */
    public static PortAllocator allocator(int[] ephemeral) {
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
        return new PortAllocator(from, to, ThreadLocalRandom.current().nextInt(from, to + 1), FreePorts::bindable);
    }

    /** Whether TCP and UDP {@code port} can be bound on every address now (each socket is closed at once). */
    public static boolean bindable(int port) {
        try (ServerSocket tcp = new ServerSocket()) {
            tcp.bind(new InetSocketAddress(port), 1);
            try (DatagramSocket udp = new DatagramSocket(port)) {
                return true;
            }
        } catch (IOException e) {
            return false;
        }
    }
}
