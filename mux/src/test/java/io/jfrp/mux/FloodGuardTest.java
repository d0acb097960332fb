package io.jfrp.mux;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

class FloodGuardTest {
    private static final long SECOND = 1_000_000_000L;
    private static final long T0 = 123_456_789L;

    private static YamuxException exhausted(FloodGuard guard, long now) {
        try {
            guard.acquire(now);
        } catch (YamuxException e) {
            return e;
        }
        throw new AssertionError("expected the guard to refuse at " + now);
    }

    private static void acquireTimes(FloodGuard guard, int n, long now) throws YamuxException {
        for (int i = 0; i < n; i++) {
            guard.acquire(now);
        }
    }

    @Test
    void burstOfExactlyPerSecondPassesThenOneMoreFails() throws Exception {
        FloodGuard guard = new FloodGuard("Ping", 100, T0);
        acquireTimes(guard, 100, T0);
        YamuxException e = exhausted(guard, T0);
        assertThat(e.code()).isEqualTo(YamuxErrorCode.PROTOCOL_ERROR);
        assertThat(e.getMessage()).isEqualTo("flood of Ping frames: more than 100 per second");
    }

    @Test
    void messageNamesTheFrameKind() throws Exception {
        FloodGuard guard = new FloodGuard("RST", 2, T0);
        acquireTimes(guard, 2, T0);
        assertThat(exhausted(guard, T0).getMessage()).contains("RST").contains("2 per second");
    }

    @Test
    void stillEmptyWhileNoTimePasses() throws Exception {
        FloodGuard guard = new FloodGuard("SYN", 3, T0);
        acquireTimes(guard, 3, T0);
        exhausted(guard, T0);
        exhausted(guard, T0);
        assertThat(exhausted(guard, T0).code()).isEqualTo(YamuxErrorCode.PROTOCOL_ERROR);
    }

    @Test
    void oneTokenRefillsAfterOnePerSecondInterval() throws Exception {
        FloodGuard guard = new FloodGuard("Ping", 100, T0);
        acquireTimes(guard, 100, T0);
        // 100 per second: one token every 10 ms.
        guard.acquire(T0 + 10_000_000L);
        exhausted(guard, T0 + 10_000_000L);
    }

    @Test
    void lessThanOneIntervalIsNotEnough() throws Exception {
        FloodGuard guard = new FloodGuard("Ping", 100, T0);
        acquireTimes(guard, 100, T0);
        exhausted(guard, T0 + 9_999_000L);
    }

    @Test
    void halfASecondRefillsHalfTheBucket() throws Exception {
        FloodGuard guard = new FloodGuard("RST", 2000, T0);
        acquireTimes(guard, 2000, T0);
        long later = T0 + SECOND / 2;
        acquireTimes(guard, 1000, later);
        exhausted(guard, later);
    }

    @Test
    void refillIsCappedAtOneSecondsWorth() throws Exception {
        FloodGuard guard = new FloodGuard("SYN", 50, T0);
        acquireTimes(guard, 50, T0);
        long later = T0 + 60 * SECOND;
        acquireTimes(guard, 50, later);
        exhausted(guard, later);
    }

    @Test
    void idleFromStartDoesNotAccumulateBeyondCapacity() throws Exception {
        FloodGuard guard = new FloodGuard("Ping", 10, T0);
        long later = T0 + 3600 * SECOND;
        acquireTimes(guard, 10, later);
        exhausted(guard, later);
    }

    @Test
    void steadyRateAtTheLimitIsAllowedForever() {
        FloodGuard guard = new FloodGuard("Ping", 100, T0);
        assertThatCode(() -> {
            for (int i = 0; i < 10_000; i++) {
                guard.acquire(T0 + i * 10_000_000L);
            }
        }).doesNotThrowAnyException();
    }

    @Test
    void perSecondOfOne() throws Exception {
        FloodGuard guard = new FloodGuard("Ping", 1, T0);
        guard.acquire(T0);
        exhausted(guard, T0 + SECOND - 1);
        FloodGuard fresh = new FloodGuard("Ping", 1, T0);
        fresh.acquire(T0);
        fresh.acquire(T0 + SECOND);
        exhausted(fresh, T0 + SECOND);
    }

    @Test
    void nanoTimeWrapAroundStillRefills() throws Exception {
        // System.nanoTime may be any long, including near the wrap; only differences count.
        long start = Long.MAX_VALUE - 5_000_000L;
        FloodGuard guard = new FloodGuard("Ping", 100, start);
        acquireTimes(guard, 100, start);
        long afterWrap = start + 10_000_000L; // overflows to a negative value
        assertThat(afterWrap).isNegative();
        guard.acquire(afterWrap);
        exhausted(guard, afterWrap);
    }

    @Test
    void burstSpreadOverTimeCountsRefill() throws Exception {
        FloodGuard guard = new FloodGuard("SYN", 4, T0);
        // 4 at T0, then after 0.5 s two more tokens exist: exactly 2 pass.
        acquireTimes(guard, 4, T0);
        acquireTimes(guard, 2, T0 + SECOND / 2);
        exhausted(guard, T0 + SECOND / 2);
    }
}
