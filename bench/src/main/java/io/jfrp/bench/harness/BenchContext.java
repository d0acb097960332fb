package io.jfrp.bench.harness;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Run-wide settings every scenario reads.
 *
 * @param mode          quick (a few minutes in all) or full
 * @param outDir        the run's results folder; scenarios may put logs or raw outputs under it
 * @param rounds        interleaved repetitions (quick 1, full 3)
 * @param phaseDuration length of one measurement (quick about 3 s, full about 10 s)
 */
public record BenchContext(Mode mode, Path outDir, int rounds, Duration phaseDuration) {
}
