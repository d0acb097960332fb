package io.jfrp.protocol.limit;

import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * A token bucket as frp's limiter ({@code rate.NewLimiter(limit, limit)}): one token per byte,
 * refilled at {@code bytesPerSecond}, holding at most one second's worth (the burst), full at the
 * start. One bucket serves one proxy: both directions and all of its connections draw from it, so
 * their sum keeps to the rate.
 *
 * <h3>Threading</h3>
 * Thread-safe: connections of one proxy run on different event loops. Every method holds the
 * bucket's lock for a few arithmetic operations only.
 */
public final class TokenBucket {
    private static final double NANOS_PER_SECOND = TimeUnit.SECONDS.toNanos(1);

    private final long rate;
    private final LongSupplier nanoClock;
    /** Tokens available now (bytes); guarded by this. */
    private double tokens;
    /** When {@link #tokens} was last brought up to date; guarded by this. */
    private long updatedNanos;

    /** A full bucket of {@code bytesPerSecond} tokens, refilled at that rate. */
    public TokenBucket(long bytesPerSecond) {
        this(bytesPerSecond, System::nanoTime);
    }

    /** With a clock of its own (tests). */
    TokenBucket(long bytesPerSecond, LongSupplier nanoClock) {
        if (bytesPerSecond <= 0) {
            throw new IllegalArgumentException("rate must be positive: " + bytesPerSecond);
        }
        this.rate = bytesPerSecond;
        this.nanoClock = nanoClock;
        this.tokens = bytesPerSecond;
        this.updatedNanos = nanoClock.getAsLong();
    }

    /** The most tokens the bucket holds, and the refill per second. */
    public long burst() {
        return rate;
    }

    /** Takes {@code n} tokens if that many are there; {@code n} above the burst can never be taken. */
    public synchronized boolean tryTake(long n) {
        refill();
        if (tokens >= n) {
            tokens -= n;
            return true;
        }
        return false;
    }

    /** How long until {@code n} tokens are there (0 when they are now); {@code n} at most the burst. */
    public synchronized long nanosUntil(long n) {
        refill();
        double missing = Math.min(n, rate) - tokens;
        return missing <= 0 ? 0 : (long) Math.ceil(missing * NANOS_PER_SECOND / rate);
    }

    private void refill() {
        long now = nanoClock.getAsLong();
        long elapsed = now - updatedNanos;
        if (elapsed > 0) {
            tokens = Math.min(rate, tokens + elapsed * (double) rate / NANOS_PER_SECOND);
            updatedNanos = now;
        }
    }
}
