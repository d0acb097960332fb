package io.jfrp.kcp;

/**
 * The millisecond clock KCP runs on: monotonic, as a wrapping 32-bit count (KCP's timestamps are
 * u32 on the wire and compared by signed difference, so only differences under 24 days matter).
 */
final class KcpClock {
    private static final long ORIGIN = System.nanoTime();

    private KcpClock() {
    }

    static int nowMs() {
        return (int) ((System.nanoTime() - ORIGIN) / 1_000_000L);
    }
}
