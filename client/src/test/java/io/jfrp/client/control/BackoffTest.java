package io.jfrp.client.control;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Reconnect delays: doubling to the cap, frp's jitter of at most a tenth, reset, fast retries after a loss,
 * and many loops at once. */
class BackoffTest {
    private static List<Long> delays(Backoff b, int n) {
        List<Long> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(b.nextDelay().toMillis());
        }
        return out;
    }

    @Test
    void delaysDoubleToTheCapAndResetStartsOver() {
        Backoff b = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(20), bound -> 0, System::nanoTime);

        assertThat(delays(b, 7)).containsExactly(1000L, 2000L, 4000L, 8000L, 16000L, 20000L, 20000L);
        b.reset();
        assertThat(delays(b, 2)).containsExactly(1000L, 2000L);
    }

    @Test
    void theJitterIsAtMostATenthOfTheDelayAsInFrp() {
        Backoff most = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(20), bound -> bound, System::nanoTime);
        assertThat(delays(most, 3)).containsExactly(1100L, 2200L, 4400L);

        Backoff real = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(20));
        for (int i = 0; i < 200; i++) {
            real.reset();
            assertThat(real.nextDelay().toMillis()).isBetween(1000L, 1100L);
        }
    }

    @Test
    void aLossGetsThreeFastRetriesAMinuteThenBacksOff() {
        long[] now = {0};
        Backoff b = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(20), bound -> 0, () -> now[0]);

        assertThat(b.afterLoss()).isEqualTo(Duration.ofMillis(200));
        // The fast retry failed (the server is still down): frpc's login loop, 1 s then 2 s.
        assertThat(delays(b, 2)).containsExactly(1000L, 2000L);
        b.reset();
        now[0] += Duration.ofSeconds(10).toNanos();
        assertThat(b.afterLoss()).isEqualTo(Duration.ofMillis(200));
        now[0] += Duration.ofSeconds(10).toNanos();
        assertThat(b.afterLoss()).isEqualTo(Duration.ofMillis(200));
        // A fourth loss within the minute: the exponential delays, not a fast retry.
        now[0] += Duration.ofSeconds(10).toNanos();
        assertThat(b.afterLoss()).isEqualTo(Duration.ofSeconds(1));
        assertThat(b.afterLoss()).isEqualTo(Duration.ofSeconds(2));
        // A minute after the first fast retry, one is allowed again.
        now[0] += Duration.ofSeconds(31).toNanos();
        assertThat(b.afterLoss()).isEqualTo(Duration.ofMillis(200));
    }

    @Test
    void loopsAskingAtOnceGetTheSameDelaysAsOneAskingInTurn() throws Exception {
        int threads = 8;
        int each = 6;
        // 48 doublings from 1 ms stay below the cap, so every delay differs from every other.
        Duration cap = Duration.ofDays(3_650_000);
        Backoff shared = new Backoff(Duration.ofMillis(1), cap, bound -> 0, System::nanoTime);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<List<Long>>> results = new ArrayList<>();
        try {
            for (int t = 0; t < threads; t++) {
                results.add(pool.submit(() -> {
                    start.await();
                    return delays(shared, each);
                }));
            }
            start.countDown();
            List<Long> all = new ArrayList<>();
            for (Future<List<Long>> f : results) {
                all.addAll(f.get(10, TimeUnit.SECONDS));
            }
            Collections.sort(all);
            List<Long> inTurn = delays(new Backoff(Duration.ofMillis(1), cap, bound -> 0, System::nanoTime), threads * each);
            Collections.sort(inTurn);
            // No lost update: every doubling happened once, so each delay appears exactly once.
            assertThat(all).isEqualTo(inTurn);
        } finally {
            pool.shutdownNow();
        }
    }
}
