package io.jfrp.bench.report;

import io.jfrp.bench.load.PhaseCpu;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The project's performance goals (issues 16 and 4), each checked against figures of the same run: a
 * ratio to an anchor measured beside it, a difference, or a bound with stock frp's figure next to it.
 * A goal whose figures were not measured (a path or tool missing) says so rather than passing.
 */
public final class Goals {
    /** One goal checked against one metric. */
    public record Check(String goal, String metric, String status, String detail) {
    }

    private Goals() {
    }

    /** How a path's median compares with a reference's (or, for a bound, with a number). */
    private interface Comparison {
        Check judge(String goal, String metric, Summary.Row path, Summary.Row reference);
    }

    /** Per matching metric, the path's median against the reference's, or a bound's with {@code beside} shown. */
    private record Goal(String text, String scenario, Predicate<String> metric, String path, String reference,
                        String beside, Comparison comparison) {
        List<Check> check(List<Summary.Row> rows) {
            List<String> metrics = rows.stream().filter(r -> r.scenario().equals(scenario)).map(Summary.Row::metric)
                    .filter(metric).distinct().toList();
            List<Check> out = new ArrayList<>();
            for (String m : metrics) {
                Optional<Summary.Row> p = Summary.find(rows, scenario, m, path);
                Optional<Summary.Row> r = reference == null ? p : Summary.find(rows, scenario, m, reference);
                if (p.isEmpty() || r.isEmpty() || (reference != null && r.get().median() == 0)) {
                    out.add(new Check(text, m, "not measured", (p.isEmpty() ? path : reference) + " has no figure"));
                    continue;
                }
                Check c = comparison.judge(text, m, p.get(), r.get());
                Optional<Summary.Row> b = beside == null ? Optional.empty() : Summary.find(rows, scenario, m, beside);
                out.add(b.isEmpty() ? c : new Check(c.goal(), c.metric(), c.status(), c.detail() + "; beside it "
                        + beside + ": " + Markdown.number(b.get().median()) + " " + b.get().unit()));
            }
            if (out.isEmpty()) {
                out.add(new Check(text, "", "not measured", "no " + scenario + " figures"));
            }
            return out;
        }
    }

    private static Check check(String goal, String metric, boolean met, String detail, String shortfall) {
        return new Check(goal, metric, met ? "met" : "not met", detail + (met ? "" : "; " + shortfall));
    }

    /** path / reference ≥ min, of the medians; with the rounds' spreads when either was taken in more than one. */
    private static Comparison ratioAtLeast(double min) {
        return (goal, metric, p, r) -> {
            double ratio = p.median() / r.median();
            return check(goal, metric, ratio >= min, String.format(Locale.ROOT, "%s / %s = %s / %s = %.2f (goal ≥ %s)%s",
                    p.path(), r.path(), Markdown.number(p.median()), Markdown.number(r.median()), ratio,
                    Markdown.number(min), spreads(p, r)), String.format(Locale.ROOT, "short by %.0f%%",
                    (1 - ratio / min) * 100));
        };
    }

    /**
     * {@code ", medians of 3 / 3 rounds: 7.10–7.90 / 2.40–2.60"} when {@code p} or {@code r} was taken in
     * more than one round, so that a reader sees how far one round moved; else "".
     */
    static String spreads(Summary.Row p, Summary.Row r) {
        if (p.rounds() < 2 && r.rounds() < 2) {
            return "";
        }
        return String.format(Locale.ROOT, ", medians of %d / %d rounds: %s / %s", p.rounds(), r.rounds(),
                range(p), range(r));
    }

    private static String range(Summary.Row row) {
        return row.rounds() > 1 ? Markdown.spread(row) : Markdown.number(row.median());
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

    /** The path's own median against a bound: {@code op} is "≥", "≤" or "<". */
    private static Comparison bound(String op, double bound) {
        return (goal, metric, p, r) -> {
            double v = p.median();
            boolean met = switch (op) {
                case "≥" -> v >= bound;
                case "≤" -> v <= bound;
                default -> v < bound;
            };
            return check(goal, metric, met, String.format(Locale.ROOT, "%s %s through %s (goal %s %s)",
                    Markdown.number(v), p.unit(), p.path(), op, Markdown.number(bound)), "the bound is "
                    + Markdown.number(bound));
        };
    }

    /** The memory-return goal: RSS some seconds after a burst at most this many times the idle RSS. */
    public static final double MEMORY_RETURN_MARGIN = 1.25;
    /** The scale scenario's figure of the load client's hard open-file limit. */
    public static final String HARD_NOFILE = "hard nofile limit";
    /** The path of that figure: the limit is the load client's own. */
    public static final String LOAD_CLIENT = "load client";
    private static final String JFRP = Summary.JFRP;
    /** The scenario of 100,000 public connections through one jfrpc over several jfrps. */
    private static final String SCALE_100K = "scale-100k";
    private static final String FRP = "frp-mux-tls";
    private static final String VHOST = "jfrp-vhost-http";

    /**
     * The throughput figures the goals judge: the steady rates, not what is reported beside them (the
     * warm-up's {@code "<case>, first second"}, the CPU's {@code "<case>, cpu"} and the others).
     */
    private static final Predicate<String> STEADY_THROUGHPUT = m -> !m.contains(", ") && !m.startsWith("warm-up");
    /** The measured figures of a scenario with CPU beside them, not the CPU's ({@link PhaseCpu#isPhaseFigure}). */
    private static final Predicate<String> MEASURED = m -> !PhaseCpu.isPhaseFigure(m);
    private static final Predicate<String> ONE_STREAM =
            STEADY_THROUGHPUT.and(m -> m.startsWith("1 stream"));

    private static final Goal ONE_STREAM_VS_FRP = new Goal("one stream through tcpMux+TLS ≥ 3× stock frp's",
            "throughput", ONE_STREAM, JFRP, FRP, null, ratioAtLeast(3));

    private static final List<Goal> GOALS = List.of(ONE_STREAM_VS_FRP,
            new Goal("one stream through tcpMux+TLS ≥ 0.5× direct", "throughput", ONE_STREAM,
                    JFRP, Summary.DIRECT, null, ratioAtLeast(0.5)),
            new Goal("HTTP keep-alive req/s through the vhost (wrk, 32 connections) ≥ 0.6× nginx direct", "http-rps",
                    m -> m.equals("req/s, 32 conns"), VHOST, Summary.DIRECT, null, ratioAtLeast(0.6)),
            new Goal("p99 through the vhost within 1 ms of direct at 1,000 req/s", "http-latency",
                    m -> m.startsWith("p99 "), VHOST, Summary.DIRECT, null, differenceAtMost(1)),
            new Goal("start-up: each program accepting within 1.0 s of launch", "startup", m -> true, JFRP, null, FRP,
                    bound("≤", 1.0)),
            new Goal("idle RSS ≤ 64 MiB for each program with one proxy", "memory", m -> m.startsWith("idle RSS"),
                    JFRP, null, FRP, bound("≤", 64)),
            new Goal("memory returned after a burst: RSS after ≤ " + MEMORY_RETURN_MARGIN + "× idle", "memory",
                    m -> m.startsWith("after/idle"), JFRP, null, FRP, bound("≤", MEMORY_RETURN_MARGIN)),
            new Goal("heap per concurrent connection through one jfrpc < 2 KiB", "scale",
                    m -> m.startsWith("heap/conn client"), JFRP, null, null, bound("<", 2048)),
            new Goal("heap per client (10 proxies each) on one jfrps < 64 KiB", "clients",
                    m -> m.startsWith("heap/client"), JFRP, null, null, bound("<", 65536)),
            new Goal("every tunnel of every client checked with a real connection", "clients",
                    m -> m.startsWith("unchecked tunnels"), JFRP, null, null, bound("≤", 0)),
            new Goal("jfrp pool mode ≥ stock frp without tcpMux", "throughput", STEADY_THROUGHPUT, "jfrp-pool-tls",
                    "frp-pool-tls", null, ratioAtLeast(1)),
            new Goal("one stream through tcpMux+TLS ≥ 1.5× ssh -R", "throughput", ONE_STREAM,
                    JFRP, "ssh-R", null, ratioAtLeast(1.5)),
            new Goal("high-latency single stream ≥ 5× a fixed 256 KiB window", "high-latency", MEASURED,
                    JFRP, "jfrp-mux-tls-fixed-256k", null, ratioAtLeast(5)),
            new Goal("yamux alone: auto-tuned window ≥ 5× a fixed 256 KiB window at 50 ms", "high-latency", MEASURED,
                    "yamux", "yamux-fixed-256k", null, ratioAtLeast(5)),
            new Goal("yamux, 1 stream ≥ 0.70 of raw TCP", "mux-throughput", MEASURED, "yamux-1-stream",
                    Summary.DIRECT, null, ratioAtLeast(0.7)),
            new Goal("heap per idle yamux stream < 2 KiB on each side", "mux-memory",
                    m -> m.startsWith("heap per idle stream"), "yamux", null, null, bound("<", 2048)));

    /** Every goal's checks, in the issue's order, with the 100,000-connection goal after the scale ones. */
    public static List<Check> check(List<Summary.Row> rows) {
        List<Check> out = new ArrayList<>();
        for (Goal g : GOALS) {
            List<Check> checks = g.check(rows);
            for (Check c : checks) {
                out.add(c);
                if (g == ONE_STREAM_VS_FRP && !c.status().equals("not measured")) {
                    out.add(cpuContext(rows, c.metric()));
                }
            }
            if (g.scenario().equals("scale")) {
                out.add(hundredThousand(rows));
            }
        }
        return out;
    }

    /**
     * The line under each one-stream row of the 3× goal: the same run's CPU per GB, jfrp-mux-tls / stock
     * frp's, as context (a rate follows the CPU the processes got; CPU per GB does not). The rates alone
     * decide the goal.
     */
    static Check cpuContext(List<Summary.Row> rows, String metric) {
        String goal = "↳ CPU per GB of the same run (context; the rates decide the goal)";
        String cpu = metric + PhaseCpu.CPU;
        Optional<Summary.Row> j = Summary.find(rows, "throughput", cpu, JFRP);
        Optional<Summary.Row> f = Summary.find(rows, "throughput", cpu, FRP);
        if (j.isEmpty() || f.isEmpty() || f.get().median() == 0) {
            return new Check(goal, cpu, "not measured", (j.isEmpty() ? JFRP : FRP) + " has no figure");
        }
        return new Check(goal, cpu, "context", String.format(Locale.ROOT, "%s / %s = %s / %s s/GB = %.2f", JFRP, FRP,
                Markdown.number(j.get().median()), Markdown.number(f.get().median()),
                j.get().median() / f.get().median()));
    }

    /**
     * 100,000 concurrent connections through one jfrpc, each with under 2 KiB of jfrpc's heap: judged on
     * {@code scale-100k} when the run has it (public connections ending in jfrpc's static_file plugin,
     * over several jfrps: the form the per-process open-file limit allows, said in the detail); else the
     * held figure of {@code scale} at N=100000 when the run could try it; else "not reachable here" with
     * the hard open-file limit and the largest count held.
     */
    static Check hundredThousand(List<Summary.Row> rows) {
        String goal = "100,000 concurrent public connections through one jfrpc";
        Optional<Check> plugin = hundredThousandThroughPlugin(rows, goal);
        if (plugin.isPresent()) {
            return plugin.get();
        }
        Optional<Summary.Row> full = Summary.find(rows, "scale", "held, N=100000", JFRP);
        if (full.isPresent()) {
            return bound("≥", 100_000).judge(goal, full.get().metric(), full.get(), full.get());
        }
        Optional<Summary.Row> limit = Summary.find(rows, "scale", HARD_NOFILE, LOAD_CLIENT);
        Optional<Summary.Row> held = rows.stream().filter(r -> r.scenario().equals("scale")
                && r.metric().startsWith("held") && r.path().equals(JFRP)).max((a, b) -> Double.compare(a.median(), b.median()));
        if (limit.isEmpty()) {
            return new Check(goal, "held", "not measured", "no scale figures");
        }
        return new Check(goal, "held", "not reachable here", String.format(Locale.ROOT,
                "hard nofile limit %.0f (each connection takes a descriptor in the load client, the echo server,"
                        + " jfrps and jfrpc); held %s", limit.get().median(), held.map(h -> Markdown.number(h.median())
                        + " (" + h.metric() + ")").orElse("nothing")));
    }

    /** {@code scale-100k}'s held count and jfrpc's heap per connection at its largest N, if the run has them. */
    private static Optional<Check> hundredThousandThroughPlugin(List<Summary.Row> rows, String goal) {
        Optional<Summary.Row> held = rows.stream().filter(r -> r.scenario().equals(SCALE_100K)
                && r.metric().startsWith("held, N=") && r.path().equals(JFRP))
                .max((a, b) -> Double.compare(a.median(), b.median()));
        if (held.isEmpty()) {
            return Optional.empty();
        }
        String n = held.get().metric().substring("held".length());
        Optional<Summary.Row> heap = Summary.find(rows, SCALE_100K, "heap/conn jfrpc" + n, JFRP);
        boolean enough = held.get().median() >= 100_000;
        boolean light = heap.isPresent() && heap.get().median() < 2048;
        String detail = String.format(Locale.ROOT, "%s held through one jfrpc, each ending in its static_file plugin"
                        + " (a yamux stream, no descriptor in jfrpc)%s; jfrpc's heap per connection %s (goal ≥ 100,000"
                        + " held, < 2 KiB each); not 100,000 local sockets behind jfrpc, which the hard open-file limit"
                        + " per process does not allow here", Markdown.number(held.get().median()), n.replace(", N=", ", N = "),
                heap.map(h -> Markdown.number(h.median()) + " B").orElse("not measured"));
        String shortfall = !enough ? "fewer than 100,000 held" : "heap per connection not under 2 KiB";
        return Optional.of(check(goal, held.get().metric(), enough && light, detail, shortfall));
    }
}
