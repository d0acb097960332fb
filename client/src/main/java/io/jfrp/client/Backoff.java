package io.jfrp.client;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Reconnect delays: exponential from {@code initial}, doubling to {@code max}, each with up to
 * 50% random jitter so many clients restarted together do not reconnect in lock-step. Reset after a
 * successful login. Not thread-safe.
 */
final class Backoff {
    private final Duration initial;
    private final Duration max;
    private Duration next;

    Backoff(Duration initial, Duration max) {
        this.initial = initial;
        this.max = max;
        this.next = initial;
    }

    /** The delay before the next attempt; the one after will be twice as long, up to the maximum. */
    Duration nextDelay() {
        Duration base = next;
        Duration doubled = next.multipliedBy(2);
        next = doubled.compareTo(max) > 0 ? max : doubled;
        long jitter = ThreadLocalRandom.current().nextLong(base.toMillis() / 2 + 1);
        return base.plusMillis(jitter);
    }

    /** Back to the initial delay (after a login succeeded). */
    void reset() {
        next = initial;
    }
}
