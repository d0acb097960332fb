package io.jfrp.bench.report;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Everything about a run the report states besides its figures: the command line, the mode's
 * settings, the times, the machine ({@link io.jfrp.bench.Machine}), each tool's version line, and
 * every known path and selected scenario with what it lacked or why it did not run.
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
