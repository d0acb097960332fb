package io.jfrp.bench.scenarios;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SteadyRateWarmupTest {
    @Test
    void twoSlicesWithinTenPercentOfTheLargerAreSteady() {
        assertThat(SteadyRateWarmup.isSteady(10_000, 9_000)).isTrue();
        assertThat(SteadyRateWarmup.isSteady(9_000, 10_000)).isTrue();
        assertThat(SteadyRateWarmup.isSteady(10_000, 10_000)).isTrue();
    }

    @Test
    void aRateStillClimbingOrFallingIsNotSteady() {
        assertThat(SteadyRateWarmup.isSteady(1_691, 4_555)).isFalse(); // a cold jfrp-mux-tls, 2 s slices
        assertThat(SteadyRateWarmup.isSteady(10_000, 8_900)).isFalse();
    }

    @Test
    void theFirstSliceOrAnEmptyOneIsNeverSteady() {
        assertThat(SteadyRateWarmup.isSteady(Double.NaN, 10_000)).isFalse();
        assertThat(SteadyRateWarmup.isSteady(0, 0)).isFalse();
        assertThat(SteadyRateWarmup.isSteady(10_000, 0)).isFalse();
    }
}
