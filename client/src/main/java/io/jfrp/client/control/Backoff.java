package io.jfrp.client.control;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongUnaryOperator;

/**
 * Reconnect delays: exponential from {@code initial}, doubling to {@code max}, each with up to 50%
 * random jitter so many clients restarted together do not reconnect in lock-step. Reset after a
 * successful login.
 *
 * <p>Thread-safe: the client's connections end on different event loops and each may ask for the
 * next delay or reset it; every call is atomic ({@code this} guards {@link #next}).
 */
public final class Backoff {
    private final Duration initial;
    private final Duration max;
    /** A random jitter in 0..bound inclusive, given the bound in milliseconds. */
    private final LongUnaryOperator jitter;
    /** The base of the next delay; guarded by {@code this}. */
    private Duration next;

    public Backoff(Duration initial, Duration max) {
        this(initial, max, bound -> ThreadLocalRandom.current().nextLong(bound + 1));
    }

    /** With a jitter source of its own (tests). */
    Backoff(Duration initial, Duration max, LongUnaryOperator jitter) {
        this.initial = initial;
        this.max = max;
        this.jitter = jitter;
        this.next = initial;
    }

    /** The delay before the next attempt; the one after will be twice as long, up to the maximum. */
    public synchronized Duration nextDelay() {
        Duration base = next;
        Duration doubled = next.multipliedBy(2);
        next = doubled.compareTo(max) > 0 ? max : doubled;
        return base.plusMillis(jitter.applyAsLong(base.toMillis() / 2));
    }

    /** Back to the initial delay (after a login succeeded). */
    public synchronized void reset() {
        next = initial;
    }
}
