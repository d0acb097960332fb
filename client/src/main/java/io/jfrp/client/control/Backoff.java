package io.jfrp.client.control;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongSupplier;
import java.util.function.LongUnaryOperator;

/**
 * Reconnect delays, on frpc's schedule: after a failed attempt, exponential from {@code initial},
 * doubling to {@code max}, each with up to 10% random jitter (frp's {@code Jitter: 0.1}) so many
 * clients restarted together do not reconnect in lock-step; reset after a successful login.
 *
 * <p>After a connection that was logged in is lost, the first attempt comes quickly
 * ({@link #afterLoss}): frpc tries to log in again at once, and its outer loop allows three fast
 * retries (200 ms apart) a minute before it backs off too. A restarted server is thus found as soon
 * as it listens, while a server that accepts logins and drops them at once still sees the client
 * back off.
 *
 * <p>Thread-safe: the client's connections end on different event loops and each may ask for the
 * next delay or reset it; every call is atomic ({@code this} guards the state).
 */
public final class Backoff {
    /** frp's FastRetryDelay: the delay of a fast retry after a loss. */
    static final Duration FAST_RETRY_DELAY = Duration.ofMillis(200);
    /** frp's FastRetryCount: fast retries allowed within {@link #FAST_RETRY_WINDOW}. */
    static final int FAST_RETRY_COUNT = 3;
    /** frp's FastRetryWindow. */
    static final Duration FAST_RETRY_WINDOW = Duration.ofMinutes(1);

    private final Duration initial;
    private final Duration max;
    /** A random jitter in 0..bound inclusive, given the bound in milliseconds. */
    private final LongUnaryOperator jitter;
    /** Monotonic time in nanoseconds. */
    private final LongSupplier nanoTime;
    /** The base of the next delay; guarded by {@code this}. */
    private Duration next;
    /** When the fast retries of the last {@link #FAST_RETRY_WINDOW} were given; guarded by {@code this}. */
    private final ArrayDeque<Long> fastRetries = new ArrayDeque<>();

    public Backoff(Duration initial, Duration max) {
        this(initial, max, bound -> ThreadLocalRandom.current().nextLong(bound + 1), System::nanoTime);
    }

    /** With a jitter source and a clock of its own (tests). */
    Backoff(Duration initial, Duration max, LongUnaryOperator jitter, LongSupplier nanoTime) {
        this.initial = initial;
        this.max = max;
        this.jitter = jitter;
        this.nanoTime = nanoTime;
        this.next = initial;
    }

    /** The delay before the next attempt; the one after will be twice as long, up to the maximum. */
    public synchronized Duration nextDelay() {
        Duration base = next;
        Duration doubled = next.multipliedBy(2);
        next = doubled.compareTo(max) > 0 ? max : doubled;
        return base.plusMillis(jitter.applyAsLong(base.toMillis() / 10));
    }

    /**
     * The delay before the first attempt after a logged-in connection was lost: a fast retry while
     * fewer than {@link #FAST_RETRY_COUNT} were given in the last {@link #FAST_RETRY_WINDOW}, else
     * {@link #nextDelay()} (a connection that keeps dropping right after login backs off).
     */
    public synchronized Duration afterLoss() {
        long now = nanoTime.getAsLong();
        while (!fastRetries.isEmpty() && now - fastRetries.peekFirst() >= FAST_RETRY_WINDOW.toNanos()) {
            fastRetries.pollFirst();
        }
        if (fastRetries.size() < FAST_RETRY_COUNT) {
            fastRetries.addLast(now);
            return FAST_RETRY_DELAY;
        }
        return nextDelay();
    }

    /** Back to the initial delay (after a login succeeded). */
    public synchronized void reset() {
        next = initial;
    }
}
