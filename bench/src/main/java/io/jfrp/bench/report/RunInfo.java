package io.jfrp.bench.report;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Everything about a run the report states besides its figures.
 *
 * @param command      the command line that made it
 * @param mode         "quick" or "full"
 * @param rounds       interleaved rounds
 * @param phaseSeconds length of one measurement
 * @param started      start time
 * @param finished     end time
 * @param machine      cores, memory, CPU model, kernel, java, ...
 * @param tools        tool name to version line (iperf3, nginx, wrk, ssh, frp)
 * @param paths        every known path: name, whether available, what it lacks
 * @param scenarios    every selected scenario: name, "ran" or "skipped", why
 */
public record RunInfo(String command, String mode, int rounds, double phaseSeconds, Instant started, Instant finished,
                      Map<String, Object> machine, Map<String, String> tools, List<PathStatus> paths,
                      List<ScenarioStatus> scenarios) {
    /** A path and, when unavailable, what it lacks. */
    public record PathStatus(String name, boolean available, List<String> missing) {
    }

    /** A scenario, whether it ran, and the reason when it did not. */
    public record ScenarioStatus(String name, String status, String reason) {
    }

    public double durationSeconds() {
        return (finished.toEpochMilli() - started.toEpochMilli()) / 1000.0;
    }
}
