package io.jfrp.bench.load;

import io.jfrp.testkit.RequiredTools;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

/**
 * The parsing and arithmetic of {@link PhaseCpu} on /proc texts: a stat line whose command name holds
 * spaces and parentheses, {@code /proc/stat} deltas, CPU per GB and the other load; then the real files.
 */
class PhaseCpuTest {
    /** Fields 14-17 (utime, stime, cutime, cstime) are 250, 37, 5 and 6; the name fools a first-')' parser. */
    private static final String STAT = "4242 (jfrp (x) 1 2) S 1 4242 4242 0 -1 4194560 1203 0 0 0 250 37 5 6 20 0 "
            + "31 0 8765432 5061885952 24910 18446744073709551615 1 1 0 0 0 0 0 4096 16384 0 0 0 17 1 0 0 0 0 0\n";

    @Test
    void readsOwnAndChildrenTicksPastACommandNameWithSpacesAndParentheses() {
        assertThat(PhaseCpu.ownTicks(STAT)).isEqualTo(287);
        assertThat(PhaseCpu.childrenTicks(STAT)).isEqualTo(11);
    }

    @Test
    void machineTicksAreBusyAndTotalWithoutIdleIowaitOrGuest() {
        // user nice system idle iowait irq softirq steal guest guest_nice
        PhaseCpu.MachineTicks m = PhaseCpu.parseMachine("cpu  100 2 30 500 8 1 4 5 70 9\ncpu0 50 1 15 250 4 0 2 2 35 4\n"
                + "intr 1 2 3\n");
        assertThat(m.total()).isEqualTo(100 + 2 + 30 + 500 + 8 + 1 + 4 + 5);
        assertThat(m.busy()).isEqualTo(100 + 2 + 30 + 1 + 4 + 5);
    }

    @Test
    void aPhaseSumsEachProcessGrowthAndTheReapedChildOverTheGigabytesCarried() {
        PhaseCpu.MachineTicks from = PhaseCpu.parseMachine("cpu  1000 0 200 5000 0 0 0 0 0 0\n");
        PhaseCpu.MachineTicks to = PhaseCpu.parseMachine("cpu  1250 0 350 5200 0 0 0 0 0 0\n");
        // pid 1 grew 120 ticks, pid 2 started during the phase (30 counted whole), pid 3 ended (not seen);
        // the iperf3 client, reaped, 50 ticks: 200 ticks = 2 s at 100 Hz, over 4 GB
        PhaseCpu.Phase p = PhaseCpu.phase(Map.of(1L, 400L, 3L, 10L), Map.of(1L, 520L, 2L, 30L), 50,
                from, to, 4_000_000_000L, 100);
        assertThat(p.cpuSeconds()).isEqualTo(2.0);
        assertThat(p.secondsPerGigabyte()).isEqualTo(0.5);
        // 400 of 600 ticks busy; the path's 200 of them leave 200: a third of the machine
        assertThat(p.busyPercent()).isCloseTo(66.667, offset(0.001));
        assertThat(p.otherLoadPercent()).isCloseTo(33.333, offset(0.001));
    }

    @Test
    void nothingCarriedOrNoTickPassedIsNotANumber() {
        PhaseCpu.MachineTicks m = new PhaseCpu.MachineTicks(10, 20);
        PhaseCpu.Phase p = PhaseCpu.phase(Map.of(), Map.of(), 0, m, m, 0, 100);
        assertThat(p.secondsPerGigabyte()).isNaN();
        assertThat(p.busyPercent()).isNaN();
        assertThat(p.otherLoadPercent()).isNaN();
    }

    @Test
    void readsThisMachinesRealFiles() throws Exception {
        if (!PhaseCpu.available()) {
            RequiredTools.missing("no /proc: PhaseCpu reads Linux's /proc");
        }
        String self = Files.readString(Path.of("/proc/self/stat"));
        assertThat(PhaseCpu.ownTicks(self)).isPositive();
        PhaseCpu.MachineTicks m = PhaseCpu.parseMachine(Files.readString(Path.of("/proc/stat")));
        assertThat(m.busy()).isPositive().isLessThan(m.total());
        assertThat(PhaseCpu.clockTicks()).isPositive();
        PhaseCpu.Phase p = PhaseCpu.start(List.of(ProcessHandle.current())).end(1_000_000_000L);
        assertThat(p.cpuSeconds()).isNotNegative();
        assertThat(p.totalTicks()).isNotNegative();
    }
}
