package io.jfrp.bench.harness.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The project's performance goals (issue 4), each checked against ratios of the same run. A goal
 * whose figures were not measured (a path or tool missing) says so rather than passing.
 */
public final class Goals {
    /** One goal checked against one metric. */
    public record Check(String goal, String metric, String status, String detail) {
    }

    private Goals() {
    }

    private interface Goal {
        List<Check> check(List<Summary.Row> rows);
    }

    /** path / reference ≥ min, for every metric of the scenario that matches. */
    private record RatioGoal(String text, String scenario, Predicate<String> metric, String path, String reference,
                             double min) implements Goal {
        @Override
        public List<Check> check(List<Summary.Row> rows) {
            List<Check> out = new ArrayList<>();
            for (String m : metrics(rows, scenario, metric)) {
                Optional<Summary.Row> p = find(rows, scenario, m, path);
                Optional<Summary.Row> r = find(rows, scenario, m, reference);
                if (p.isEmpty() || r.isEmpty() || r.get().median() == 0) {
                    out.add(new Check(text, m, "not measured", (p.isEmpty() ? path : reference) + " has no figure"));
                    continue;
                }
                double ratio = p.get().median() / r.get().median();
                boolean met = ratio >= min;
                out.add(new Check(text, m, met ? "met" : "not met", String.format(Locale.ROOT,
                        "%s / %s = %s / %s = %.2f (goal ≥ %s)%s", path, reference, Markdown.number(p.get().median()),
                        Markdown.number(r.get().median()), ratio, Markdown.number(min),
                        met ? "" : String.format(Locale.ROOT, "; short by %.0f%%", (1 - ratio / min) * 100))));
            }
            if (out.isEmpty()) {
                out.add(new Check(text, "", "not measured", "no " + scenario + " figures"));
            }
            return out;
        }
    }

    /** path − reference ≤ maxMillis (latency), for every metric that matches; µs figures are converted. */
    private record DifferenceGoal(String text, String scenario, Predicate<String> metric, String path,
                                  String reference, double maxMillis) implements Goal {
        @Override
        public List<Check> check(List<Summary.Row> rows) {
            List<Check> out = new ArrayList<>();
            for (String m : metrics(rows, scenario, metric)) {
                Optional<Summary.Row> p = find(rows, scenario, m, path);
                Optional<Summary.Row> r = find(rows, scenario, m, reference);
                if (p.isEmpty() || r.isEmpty()) {
                    out.add(new Check(text, m, "not measured", (p.isEmpty() ? path : reference) + " has no figure"));
                    continue;
                }
                double toMillis = switch (p.get().unit()) {
                    case "µs", "us" -> 1e-3;
                    case "s" -> 1e3;
                    default -> 1;
                };
                double diff = (p.get().median() - r.get().median()) * toMillis;
                boolean met = diff <= maxMillis;
                out.add(new Check(text, m, met ? "met" : "not met", String.format(Locale.ROOT,
                        "%s − %s = %.3f ms (goal ≤ %s ms)%s", path, reference, diff, Markdown.number(maxMillis),
                        met ? "" : String.format(Locale.ROOT, "; over by %.3f ms", diff - maxMillis))));
            }
            if (out.isEmpty()) {
                out.add(new Check(text, "", "not measured", "no " + scenario + " figures"));
            }
            return out;
        }
    }

    /** The largest figure of the path in units {@code unit} ≥ min (connections held). */
    private record AtLeastGoal(String text, String scenario, String unit, String path, double min) implements Goal {
        @Override
        public List<Check> check(List<Summary.Row> rows) {
            Optional<Summary.Row> best = rows.stream().filter(r -> r.scenario().equals(scenario)
                    && r.path().equals(path) && r.unit().equals(unit)).max((a, b) -> Double.compare(a.median(), b.median()));
            if (best.isEmpty()) {
                return List.of(new Check(text, "", "not measured", "no " + scenario + " figure in " + unit + " for " + path));
            }
            boolean met = best.get().median() >= min;
            return List.of(new Check(text, best.get().metric(), met ? "met" : "not met", String.format(Locale.ROOT,
                    "%s %s through %s (goal ≥ %s)", Markdown.number(best.get().median()), unit, path,
                    Markdown.number(min))));
        }
    }

    private static final List<Goal> GOALS = List.of(
            new RatioGoal("jfrp tcpMux+TLS single-stream throughput ≥ 3× stock frp tcpMux+TLS", "throughput",
                    m -> m.startsWith("1 stream"), "jfrp-mux-tls", "frp-mux-tls", 3),
            new RatioGoal("jfrp tcpMux+TLS single-stream throughput ≥ 1.5× ssh -R", "throughput",
                    m -> m.startsWith("1 stream"), "jfrp-mux-tls", "ssh-R", 1.5),
            new RatioGoal("jfrp pool mode ≥ stock frp without tcpMux", "throughput", m -> true, "jfrp-pool-tls",
                    "frp-pool", 1),
            new RatioGoal("HTTP requests/s through jfrp ≥ 0.6 of direct", "http-rps", m -> m.startsWith("req/s"),
                    "jfrp-mux-tls", "direct", 0.6),
            new DifferenceGoal("p99 latency at a fixed moderate rate within 0.2 ms of direct", "http-latency",
                    m -> m.startsWith("p99 "), "jfrp-mux-tls", "direct", 0.2),
            new AtLeastGoal("100,000 concurrent connections through one client", "scale", "conns",
                    "jfrp-mux-tls", 100_000),
            new RatioGoal("high-latency single stream ≥ 5× a fixed 256 KiB window", "high-latency", m -> true,
                    "jfrp-mux-tls", "jfrp-mux-tls-fixed-256k", 5));

    /** Every goal's checks, in the issue's order. */
    public static List<Check> check(List<Summary.Row> rows) {
        List<Check> out = new ArrayList<>();
        for (Goal g : GOALS) {
            out.addAll(g.check(rows));
        }
        return out;
    }

    private static List<String> metrics(List<Summary.Row> rows, String scenario, Predicate<String> metric) {
        return rows.stream().filter(r -> r.scenario().equals(scenario)).map(Summary.Row::metric).filter(metric)
                .distinct().toList();
    }

    private static Optional<Summary.Row> find(List<Summary.Row> rows, String scenario, String metric, String path) {
        return rows.stream().filter(r -> r.scenario().equals(scenario) && r.metric().equals(metric)
                && r.path().equals(path)).findFirst();
    }
}
