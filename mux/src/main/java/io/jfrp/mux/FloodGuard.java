package io.jfrp.mux;

/**
 * A token bucket that counts one kind of frame from the peer (pings, resets, SYNs) and says when
 * the peer exceeds its rate. Capacity equals one second's worth, so a burst of that size passes.
 * Event-loop confined.
 */
final class FloodGuard {
    private final String what;
    private final int perSecond;
    private double tokens;
    private long lastNanos;

    FloodGuard(String what, int perSecond, long nowNanos) {
        this.what = what;
        this.perSecond = perSecond;
        this.tokens = perSecond;
        this.lastNanos = nowNanos;
    }

    /** Takes one token; throws a protocol error when the bucket is empty. */
    void acquire(long nowNanos) throws YamuxException {
        long elapsed = nowNanos - lastNanos;
        lastNanos = nowNanos;
        tokens = Math.min(perSecond, tokens + elapsed * (perSecond / 1e9));
        if (tokens < 1) {
            throw YamuxException.protocolError("flood of %s frames: more than %d per second", what, perSecond);
        }
        tokens -= 1;
    }
}
