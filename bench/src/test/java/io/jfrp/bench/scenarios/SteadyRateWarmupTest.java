package io.jfrp.bench.scenarios;

import io.jfrp.bench.BenchContext;
import io.jfrp.bench.Mode;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

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

    @Test
    void aRateThatNeverSettlesStopsAtTheModesCap() throws Exception {
        for (int cap : List.of(20, 5)) {
            Mode mode = cap == 20 ? Mode.QUICK : Mode.QUICK.withWarmupCap(cap);
            BenchContext ctx = new BenchContext(mode, Path.of("unused"), 1, Duration.ofSeconds(1), Path.of("."), List.of());
            assertThat(ctx.quick()).as("a quick mode with its cap changed is still quick").isTrue();
            AtomicInteger slices = new AtomicInteger();
            SteadyRateWarmup.Result r = SteadyRateWarmup.untilSteady(ctx,
                    () -> slices.incrementAndGet() % 2 == 0 ? 20_000 : 10_000);
            assertThat(r.steady()).isFalse();
            assertThat(r.seconds()).isEqualTo(cap);
            assertThat(slices).hasValue(cap);
            assertThat(r.firstRate()).isEqualTo(10_000);
        }
    }
}
