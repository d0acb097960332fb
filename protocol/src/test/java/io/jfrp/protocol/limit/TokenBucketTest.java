package io.jfrp.protocol.limit;

import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** The bucket on a clock of the test's: full at the start, refilled at the rate, capped at one second's worth. */
class TokenBucketTest {
    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final TokenBucket bucket = new TokenBucket(1000, now::get);

    private void advanceMillis(long ms) {
        now.addAndGet(TimeUnit.MILLISECONDS.toNanos(ms));
    }

    @Test
    void startsFullAndRefillsAtTheRate() {
        assertThat(bucket.tryTake(1000)).isTrue();
        assertThat(bucket.tryTake(1)).isFalse();
        assertThat(bucket.nanosUntil(100)).isEqualTo(TimeUnit.MILLISECONDS.toNanos(100));
        advanceMillis(99);
        assertThat(bucket.tryTake(100)).isFalse();
        advanceMillis(1);
        assertThat(bucket.tryTake(100)).isTrue();
    }

    @Test
    void holdsAtMostOneSecondsWorth() {
        advanceMillis(60_000);
        assertThat(bucket.tryTake(1000)).isTrue();
        assertThat(bucket.tryTake(1)).isFalse();
        assertThat(bucket.tryTake(1001)).isFalse();
        assertThat(bucket.nanosUntil(5000)).as("asking beyond the burst waits for a full bucket")
                .isEqualTo(TimeUnit.SECONDS.toNanos(1));
    }

    @Test
    void fractionsOfATokenAreNotLost() {
        assertThat(bucket.tryTake(1000)).isTrue();
        long taken = 0;
        for (int i = 0; i < 10_000; i++) {
            now.addAndGet(500_000); // half a token
            now.addAndGet(500_000); // and the other half
            if (bucket.tryTake(1)) {
                taken++;
            }
        }
        assertThat(taken).isEqualTo(10_000);
    }
}
