package io.jfrp.bench;

import io.jfrp.bench.paths.PathFactory;

import java.util.List;

/**
 * A benchmark scenario: the one interface every plug-in of the harness implements (the registry is
 * {@link ScenarioRegistry}). A scenario over tunnels runs against every available path, interleaved
 * round by round (for r in rounds: for p in paths: measure), because only ratios taken side by side
 * hold on a noisy machine; a scenario of the multiplexer alone ignores the paths and reports its own
 * cases as paths ({@code direct} being raw TCP there).
 */
public interface Scenario extends Selectable {
    /** What it measures, one line (for {@code --list}). */
    String description();

    /** Executables the scenario needs, e.g. List.of("nginx", "wrk"). */
    List<String> requiredTools();

    /** Why it cannot run on this machine at all (for example: not root), or null. */
    default String unavailableReason(BenchContext ctx) {
        return null;
    }

    /** Measures through the given available paths and adds figures and notes to {@code results}. */
    void run(BenchContext ctx, List<PathFactory> paths, Results results) throws Exception;

    /** Thrown by {@link #run} when the machine turned out unable to host the scenario: a skip, not a failure. */
    final class Skipped extends Exception {
        public Skipped(String reason) {
            super(reason);
        }
    }
}
