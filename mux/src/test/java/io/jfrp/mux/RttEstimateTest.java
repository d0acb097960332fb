package io.jfrp.mux;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RttEstimateTest {
    private static final long MS = 1_000_000L;

    @Test
    void zeroAndStaleBeforeTheFirstSample() {
        RttEstimate rtt = new RttEstimate();
        assertThat(rtt.smoothedNanos()).isZero();
        assertThat(rtt.minNanos()).isZero();
        assertThat(rtt.isStale(1_000 * MS, 500 * MS)).isTrue();
    }

    @Test
    void smoothsSevenEighthsOldOneEighthNew() {
        RttEstimate rtt = new RttEstimate();
        rtt.add(80 * MS, 1_000 * MS);
        assertThat(rtt.smoothedNanos()).isEqualTo(80 * MS);
        rtt.add(160 * MS, 1_100 * MS);
        assertThat(rtt.smoothedNanos()).isEqualTo(90 * MS);
        assertThat(rtt.minNanos()).isEqualTo(80 * MS);
    }

    @Test
    void aLargerSampleReplacesTheMinimumOnlyOnceTheMinimumIsOld() {
        RttEstimate rtt = new RttEstimate();
        long t0 = 1_000 * MS;
        rtt.add(20 * MS, t0);
        rtt.add(90 * MS, t0 + RttEstimate.MIN_WINDOW_NANOS);
        assertThat(rtt.minNanos()).isEqualTo(20 * MS);
        rtt.add(90 * MS, t0 + RttEstimate.MIN_WINDOW_NANOS + 1);
        assertThat(rtt.minNanos()).isEqualTo(90 * MS);
        rtt.add(30 * MS, t0 + RttEstimate.MIN_WINDOW_NANOS + 2);
        assertThat(rtt.minNanos()).isEqualTo(30 * MS);
    }

    @Test
    void staleOnceTheLastSampleIsOlderThanTheAgeAsked() {
        RttEstimate rtt = new RttEstimate();
        rtt.add(10 * MS, 1_000 * MS);
        assertThat(rtt.isStale(1_500 * MS, 500 * MS)).isFalse();
        assertThat(rtt.isStale(1_500 * MS + 1, 500 * MS)).isTrue();
    }
}
