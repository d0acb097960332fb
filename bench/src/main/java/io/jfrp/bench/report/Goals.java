package io.jfrp.bench.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The project's performance goals (issue 4), each checked against figures of the same run. A goal
 * whose figures were not measured (a path or tool missing) says so rather than passing.
 */
public final class Goals {
    /** One goal checked against one metric. */
    public record Check(String goal, String metric, String status, String detail) {
    }

    private Goals() {
    }

    /** How a path's median compares with a reference's: the check of one metric. */
    private interface Comparison {
        Check judge(String goal, String metric, Summary.Row path, Summary.Row reference);
    }

    /** For every metric of the scenario that matches: the path's median against the reference's. */
    private record Goal(String text, String scenario, Predicate<String> metric, String path, String reference,
                        Comparison comparison) {
        List<Check> check(List<Summary.Row> rows) {
            List<String> metrics = rows.stream().filter(r -> r.scenario().equals(scenario)).map(Summary.Row::metric)
                    .filter(metric).distinct().toList();
            List<Check> out = new ArrayList<>();
            for (String m : metrics) {
                Optional<Summary.Row> p = find(rows, m, path);
                Optional<Summary.Row> r = reference == null ? p : find(rows, m, reference);
                if (p.isEmpty() || r.isEmpty() || r.get().median() == 0) {
                    out.add(new Check(text, m, "not measured", (p.isEmpty() ? path : reference) + " has no figure"));
                } else {
                    out.add(comparison.judge(text, m, p.get(), r.get()));
                }
            }
            if (out.isEmpty()) {
                out.add(new Check(text, "", "not measured", "no " + scenario + " figures"));
            }
            return out;
        }

        private Optional<Summary.Row> find(List<Summary.Row> rows, String m, String p) {
            return rows.stream().filter(r -> r.scenario().equals(scenario) && r.metric().equals(m)
                    && r.path().equals(p)).findFirst();
        }
    }

    private static Check check(String goal, String metric, boolean met, String detail, String shortfall) {
        return new Check(goal, metric, met ? "met" : "not met", detail + (met ? "" : "; " + shortfall));
    }

    /** path / reference ≥ min. */
    private static Comparison ratioAtLeast(double min) {
        return (goal, metric, p, r) -> {
            double ratio = p.median() / r.median();
            return check(goal, metric, ratio >= min, String.format(Locale.ROOT, "%s / %s = %s / %s = %.2f (goal ≥ %s)",
                    p.path(), r.path(), Markdown.number(p.median()), Markdown.number(r.median()), ratio,
                    Markdown.number(min)), String.format(Locale.ROOT, "short by %.0f%%", (1 - ratio / min) * 100));
        };
    }

    /** path − reference ≤ maxMillis (a latency; µs figures are converted). */
    private static Comparison differenceAtMost(double maxMillis) {
        return (goal, metric, p, r) -> {
            double toMillis = switch (p.unit()) {
                case "µs", "us" -> 1e-3;
                case "s" -> 1e3;
                default -> 1;
            };
            double diff = (p.median() - r.median()) * toMillis;
            return check(goal, metric, diff <= maxMillis, String.format(Locale.ROOT, "%s − %s = %.3f ms (goal ≤ %s ms)",
                    p.path(), r.path(), diff, Markdown.number(maxMillis)), String.format(Locale.ROOT,
                    "over by %.3f ms", diff - maxMillis));
        };
    }

    /** The path's own median against a bound: at least {@code bound} when {@code atLeast}, else below it. */
    private static Comparison bound(double bound, boolean atLeast) {
        return (goal, metric, p, r) -> check(goal, metric, atLeast ? p.median() >= bound : p.median() < bound,
                String.format(Locale.ROOT, "%s %s through %s (goal %s %s)", Markdown.number(p.median()), p.unit(),
                        p.path(), atLeast ? "≥" : "<", Markdown.number(bound)), "the bound is " + Markdown.number(bound));
    }

    private static final List<Goal> GOALS = List.of(
            new Goal("jfrp tcpMux+TLS single-stream throughput ≥ 3× stock frp tcpMux+TLS", "throughput",
                    m -> m.startsWith("1 stream"), "jfrp-mux-tls", "frp-mux-tls", ratioAtLeast(3)),
            new Goal("jfrp tcpMux+TLS single-stream throughput ≥ 1.5× ssh -R", "throughput",
                    m -> m.startsWith("1 stream"), "jfrp-mux-tls", "ssh-R", ratioAtLeast(1.5)),
            new Goal("jfrp pool mode ≥ stock frp without tcpMux", "throughput", m -> true, "jfrp-pool-tls",
                    "frp-pool-tls", ratioAtLeast(1)),
            new Goal("HTTP requests/s through jfrp ≥ 0.6 of direct", "http-rps", m -> m.startsWith("req/s"),
                    "jfrp-mux-tls", "direct", ratioAtLeast(0.6)),
            new Goal("p99 latency at a fixed moderate rate within 0.2 ms of direct", "http-latency",
                    m -> m.startsWith("p99 "), "jfrp-mux-tls", "direct", differenceAtMost(0.2)),
            new Goal("100,000 concurrent connections through one client", "scale", m -> m.startsWith("held"),
                    "jfrp-mux-tls", null, bound(100_000, true)),
            new Goal("high-latency single stream ≥ 5× a fixed 256 KiB window", "high-latency", m -> true,
                    "jfrp-mux-tls", "jfrp-mux-tls-fixed-256k", ratioAtLeast(5)),
            new Goal("yamux alone: auto-tuned window ≥ 5× a fixed 256 KiB window at 50 ms", "high-latency", m -> true,
                    "yamux", "yamux-fixed-256k", ratioAtLeast(5)),
            new Goal("yamux, 1 stream ≥ 0.70 of raw TCP", "mux-throughput", m -> true, "yamux-1-stream", "direct",
                    ratioAtLeast(0.7)),
            new Goal("heap per idle yamux stream < 2 KiB on each side", "mux-memory",
                    m -> m.startsWith("heap per idle stream"), "yamux", null, bound(2048, false)));

    /** Every goal's checks, in the issue's order. */
    public static List<Check> check(List<Summary.Row> rows) {
        List<Check> out = new ArrayList<>();
        for (Goal g : GOALS) {
            out.addAll(g.check(rows));
        }
        return out;
    }
}
