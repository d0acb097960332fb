package io.jfrp.bench.scenarios;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SteadyRateWarmupTest {
    @Test
    void slicesWithinTenPercentOfTheLargestAreSteady() {
        assertThat(SteadyRateWarmup.isSteady(10_000, 9_000)).isTrue();
        assertThat(SteadyRateWarmup.isSteady(9_000, 10_000)).isTrue();
        assertThat(SteadyRateWarmup.isSteady(10_000, 10_000, 9_500)).isTrue();
    }

    @Test
    void aRateStillClimbingOrFallingIsNotSteady() {
        assertThat(SteadyRateWarmup.isSteady(1_691, 4_555)).isFalse(); // a cold jfrp-mux-tls, 2 s slices
        assertThat(SteadyRateWarmup.isSteady(10_000, 8_900)).isFalse();
        assertThat(SteadyRateWarmup.isSteady(6_500, 6_600, 9_000)).isFalse(); // a plateau, then the next wave
    }

    @Test
    void aMissingOrEmptySliceIsNeverSteady() {
        assertThat(SteadyRateWarmup.isSteady(0, 10_000, 10_000)).isFalse(); // not yet three slices
        assertThat(SteadyRateWarmup.isSteady(10_000)).isFalse();
        assertThat(SteadyRateWarmup.isSteady(0, 0)).isFalse();
        assertThat(SteadyRateWarmup.isSteady(10_000, 0)).isFalse();
    }
}
