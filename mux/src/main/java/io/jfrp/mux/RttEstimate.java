package io.jfrp.mux;

import java.util.concurrent.TimeUnit;

/**
 * A session's round-trip times, from the answers to its pings: a smoothed RTT (7/8 old + 1/8 new)
 * and the smallest recent RTT (a sample older than {@link #MIN_WINDOW_NANOS} is replaced by the next
 * one). Window auto-tuning uses the smallest, which is the path's delay without the queueing that
 * bulk data adds to pings.
 *
 * <p>Event-loop confined, like its {@link Keepalive}. Every value is 0 until the first sample.
 */
final class RttEstimate {
    static final long MIN_WINDOW_NANOS = TimeUnit.SECONDS.toNanos(10);

    private long smoothedNanos;
    private long minNanos;
    /** When the current minimum was sampled (nanoTime). */
    private long minSampledAt;
    /** When the last sample came (nanoTime). */
    private long lastSampledAt;

    /** One answer: {@code rttNanos} measured at {@code nowNanos}. */
    void add(long rttNanos, long nowNanos) {
        smoothedNanos = smoothedNanos == 0 ? rttNanos : (7 * smoothedNanos + rttNanos) / 8;
        if (minNanos == 0 || rttNanos <= minNanos || nowNanos - minSampledAt > MIN_WINDOW_NANOS) {
            minNanos = rttNanos;
            minSampledAt = nowNanos;
        }
        lastSampledAt = nowNanos;
    }

    /** Whether the last sample is more than {@code maxAgeNanos} old at {@code nowNanos} (or there is none yet). */
    boolean isStale(long nowNanos, long maxAgeNanos) {
        return nowNanos - lastSampledAt > maxAgeNanos;
    }

    long smoothedNanos() {
        return smoothedNanos;
    }

    long minNanos() {
        return minNanos;
    }
}
