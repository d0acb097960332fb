package io.jfrp.mux;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class ReceiveWindowTunerTest {
    private static final int KIB = 1024;
    private static final int MIB = 1024 * 1024;
    private static final int W0 = YamuxConfig.INITIAL_WINDOW; // 256 KiB
    private static final long RTT = 50_000_000L; // 50 ms

    private static ReceiveWindowTuner tuner(YamuxConfig config) {
        return new ReceiveWindowTuner(config);
    }

    @Test
    void autoTuningOffNeverGrows() {
        ReceiveWindowTuner t = tuner(YamuxConfig.defaults().withWindow(false, 16 * MIB));
        assertThat(t.enabled()).isFalse();
        assertThat(t.growth(W0, 128 * KIB, RTT / 2, RTT)).isZero();
        assertThat(t.growth(W0, 100L * MIB, 1, RTT)).isZero();
        assertThat(t.growth(4 * MIB, 100L * MIB, 1, RTT)).isZero();
        assertThat(t.budgetUsed()).isZero();
    }

    @Test
    void defaultsEnableTuning() {
        assertThat(tuner(YamuxConfig.defaults()).enabled()).isTrue();
    }

    @Test
    void unknownRttNeverGrows() {
        ReceiveWindowTuner t = tuner(YamuxConfig.defaults());
        assertThat(t.growth(W0, 128 * KIB, RTT / 2, 0)).isZero();
        assertThat(t.growth(W0, 100L * MIB, 1, 0)).isZero();
        assertThat(t.budgetUsed()).isZero();
    }

    /**
     * One step of a fresh tuner with the defaults: 128 KiB of the 256 KiB window consumed in
     * RTT / {@code rttFraction}; the window grows by {@code growth}, all of it taken from the budget.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource({
        // 128 KiB in half an RTT: BDP estimate 256 KiB, twice that exceeds the 256 KiB window.
        "window-limited consumption doubles the window,             2, 262144",
        // 128 KiB in a quarter RTT: BDP 512 KiB, target 1 MiB, so +768 KiB.
        "grows to twice the estimate when that is more than double, 4, 786432",
        // 128 KiB per RTT: BDP 128 KiB, twice that equals the window exactly: not window-limited.
        "twice the estimate equal to the window does not grow,      1, 0",
    })
    void oneStepFromTheInitialWindow(String name, int rttFraction, int growth) {
        ReceiveWindowTuner t = tuner(YamuxConfig.defaults());
        assertThat(t.growth(W0, 128 * KIB, RTT / rttFraction, RTT)).isEqualTo(growth);
        assertThat(t.budgetUsed()).isEqualTo(growth);
    }

    @Test
    void doublesAgainFromALargerWindow() {
        ReceiveWindowTuner t = tuner(YamuxConfig.defaults());
        // Window 1 MiB, half of it (512 KiB) consumed in half an RTT: BDP 1 MiB -> target 2 MiB.
        assertThat(t.growth(MIB, 512 * KIB, RTT / 2, RTT)).isEqualTo(MIB);
    }

    @Test
    void appLimitedSlowConsumptionDoesNotGrow() {
        ReceiveWindowTuner t = tuner(YamuxConfig.defaults());
        // 128 KiB over 10 RTTs: BDP 12.8 KiB, far below the window.
        assertThat(t.growth(W0, 128 * KIB, 10 * RTT, RTT)).isZero();
        assertThat(t.growth(W0, 1, 1, RTT / 1000)).isZero();
        assertThat(t.budgetUsed()).isZero();
    }

    @Test
    void growthCappedAtMaxStreamWindow() {
        ReceiveWindowTuner t = tuner(YamuxConfig.defaults().withWindow(true, MIB));
        // Huge BDP estimate; the window may only reach 1 MiB.
        assertThat(t.growth(W0, 100L * MIB, RTT / 2, RTT)).isEqualTo(MIB - W0);
        assertThat(t.budgetUsed()).isEqualTo(MIB - W0);
        // Already at the maximum: no more growth.
        assertThat(t.growth(MIB, 100L * MIB, RTT / 2, RTT)).isZero();
        assertThat(t.budgetUsed()).isEqualTo(MIB - W0);
    }

    @Test
    void doublingCappedAtDefaultMaximum() {
        ReceiveWindowTuner t = tuner(YamuxConfig.defaults());
        // 12 MiB window would double to 24 MiB; the 16 MiB maximum caps it at +4 MiB.
        assertThat(t.growth(12 * MIB, 6 * MIB, RTT / 2, RTT)).isEqualTo(4 * MIB);
    }

    @Test
    void maxWindowEqualToInitialNeverGrows() {
        ReceiveWindowTuner t = tuner(YamuxConfig.defaults().withWindow(true, W0));
        assertThat(t.growth(W0, 100L * MIB, 1, RTT)).isZero();
    }

    @Test
    void sessionBudgetCapsTotalGrowthAcrossStreams() {
        ReceiveWindowTuner t = tuner(YamuxConfig.defaults().withSessionWindowBudget(384 * KIB));
        // Stream A: 256 KiB -> 512 KiB uses 256 KiB of the budget.
        assertThat(t.growth(W0, 128 * KIB, RTT / 2, RTT)).isEqualTo(256 * KIB);
        assertThat(t.budgetUsed()).isEqualTo(256 * KIB);
        // Stream B would double too but only 128 KiB is left.
        assertThat(t.growth(W0, 128 * KIB, RTT / 2, RTT)).isEqualTo(128 * KIB);
        assertThat(t.budgetUsed()).isEqualTo(384 * KIB);
        // Stream C: budget exhausted.
        assertThat(t.growth(W0, 128 * KIB, RTT / 2, RTT)).isZero();
        assertThat(t.budgetUsed()).isEqualTo(384 * KIB);

        // Stream A (now 512 KiB) ends: its 256 KiB of growth returns.
        t.release(512 * KIB);
        assertThat(t.budgetUsed()).isEqualTo(128 * KIB);
        // Stream C can now double.
        assertThat(t.growth(W0, 128 * KIB, RTT / 2, RTT)).isEqualTo(256 * KIB);
        assertThat(t.budgetUsed()).isEqualTo(384 * KIB);

        // Stream B (256 + 128 KiB) and C (512 KiB) end: back to zero.
        t.release(W0 + 128 * KIB);
        t.release(512 * KIB);
        assertThat(t.budgetUsed()).isZero();
    }

    @Test
    void zeroBudgetNeverGrows() {
        ReceiveWindowTuner t = tuner(YamuxConfig.defaults().withSessionWindowBudget(0));
        assertThat(t.growth(W0, 128 * KIB, RTT / 2, RTT)).isZero();
        assertThat(t.budgetUsed()).isZero();
    }

    @Test
    void releaseOfAStreamThatNeverGrewChangesNothing() {
        ReceiveWindowTuner t = tuner(YamuxConfig.defaults());
        assertThat(t.growth(W0, 128 * KIB, RTT / 2, RTT)).isEqualTo(256 * KIB);
        t.release(W0);
        assertThat(t.budgetUsed()).isEqualTo(256 * KIB);
    }

    @Test
    void zeroElapsedTimeIsTreatedAsInstantConsumption() {
        ReceiveWindowTuner t = tuner(YamuxConfig.defaults().withWindow(true, 2 * MIB));
        // Elapsed 0 must not divide by zero; it is the fastest possible consumption -> max window.
        assertThat(t.growth(W0, 128 * KIB, 0, RTT)).isEqualTo(2 * MIB - W0);
    }
}
