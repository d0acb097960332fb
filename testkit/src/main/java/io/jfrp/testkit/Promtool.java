package io.jfrp.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Prometheus's own checker ({@code promtool check metrics}, Debian's prometheus package) on exposition
 * text, for the tests of jfrps' {@code /metrics}.
 */
public final class Promtool {
    /** promtool's exit code and its combined output. */
    public record Result(int exitCode, String output) {
    }

    private Promtool() {
    }

    public static Result checkMetrics(String exposition) throws IOException, InterruptedException {
        RequiredTools.requireOnPath("promtool");
        Process p = new ProcessBuilder("promtool", "check", "metrics").redirectErrorStream(true).start();
        p.getOutputStream().write(exposition.getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("promtool did not finish");
        }
        return new Result(p.exitValue(), out);
    }

    /**
     * promtool's complaints other than the expected ones: frp's counters have no _total suffix (stock frps gets
     * the same two), and Micrometer's standard system_cpu_count (a gauge named "count", which Grafana's JVM
     * dashboards query). Any other is a defect.
     */
    public static List<String> lintBeyondFrpsNames(String output) {
        return output.lines()
                .filter(l -> !l.isBlank())
                .filter(l -> !l.equals("frp_server_traffic_in counter metrics should have \"_total\" suffix"))
                .filter(l -> !l.equals("frp_server_traffic_out counter metrics should have \"_total\" suffix"))
                .filter(l -> !l.startsWith("system_cpu_count non-histogram and non-summary metrics should not have"))
                .toList();
    }
}
