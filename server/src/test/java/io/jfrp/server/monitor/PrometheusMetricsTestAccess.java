package io.jfrp.server.monitor;

import java.util.List;

/** Lets tests in other packages apply {@link PrometheusMetricsTest}'s promtool expectations. */
public final class PrometheusMetricsTestAccess {
    private PrometheusMetricsTestAccess() {
    }

    /** promtool lines other than the known, accepted ones. */
    public static List<String> unexpectedLint(String promtoolOutput) {
        return PrometheusMetricsTest.lintProblemsBeyondFrpsNames(promtoolOutput);
    }
}
