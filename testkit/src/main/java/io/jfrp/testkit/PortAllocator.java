package io.jfrp.testkit;

import java.util.function.IntPredicate;

/**
 * Hands out ports from a range its caller owns, each port once per lap of the range: a cursor walks
 * the range (from a start point, wrapping at its end) and skips ports that {@code free} says are taken
 * now. A port comes back only after every other port of the range has been handed out since.
 *
 * <p>Tests and the bench give their ports to other programs (jfrps, frpc, sshd, iperf3, nginx), which
 * bind them later, so they cannot hold them. Asking the kernel for an ephemeral port (bind to 0,
 * close) could hand the same port to two proxies, or one that an outgoing connection then takes as its
 * source port; a range
 * below the kernel's ephemeral range that only this cursor walks has neither race. Another process
 * binding a port between the check and its use remains possible, as with any probe.
 *
 * <p>Thread-safe.
 */
public final class PortAllocator {
    private final int from;
    private final int to;
    private final IntPredicate free;
    private int next;

    /**
     * @param from  first port of the range
     * @param to    last port of the range, inclusive
     * @param start the first port to try, in the range (a random start keeps concurrent benches apart)
     * @param free  whether a port can be bound now
     */
    public PortAllocator(int from, int to, int start, IntPredicate free) {
        if (from < 1 || to > 65_535 || from > to) {
            throw new IllegalArgumentException("port range " + from + "-" + to);
        }
        if (start < from || start > to) {
            throw new IllegalArgumentException("start " + start + " outside " + from + "-" + to);
        }
        this.from = from;
        this.to = to;
        this.free = free;
        this.next = start;
    }

    /** The next free port of the range; fails when none of the range's ports is free. */
    public synchronized int next() {
        int size = to - from + 1;
        for (int tried = 0; tried < size; tried++) {
            int port = next;
            next = port == to ? from : port + 1;
            if (free.test(port)) {
                return port;
            }
        }
        throw new IllegalStateException("no free port in " + from + "-" + to);
    }

    /** First port of the range. */
    public int from() {
        return from;
    }

    /** Last port of the range, inclusive. */
    public int to() {
        return to;
    }
}
