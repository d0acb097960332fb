package io.jfrp.bench.harness;

import java.util.List;

/**
 * A benchmark scenario run against every available path, interleaved round by round
 * (for r in rounds: for p in paths: measure), because only ratios taken side by side hold on a
 * noisy machine.
 */
public interface Scenario {
    /** "throughput", "http-rps", "http-latency", "churn", "scale", "memory", "high-latency". */
    String name();

    /** Executables on PATH the scenario needs, e.g. List.of("nginx", "wrk"). */
    List<String> requiredTools();

    /** Measures through the given (available) paths and adds figures and notes to {@code results}. */
    void run(BenchContext ctx, List<PathFactory> paths, Results results) throws Exception;
}
