package io.jfrp.bench.report;

import io.jfrp.bench.Results;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * results.md: per scenario a table (rows = paths, columns = metrics, cells = {@link #cell}) and its
 * charts, the goals, the notes (with every round's value of a figure taken in more than one, so that
 * the spread stays visible), the machine and the tools.
 */
public final class Markdown {
    private Markdown() {
    }

    /** A figure with about three significant digits, no exponent. */
    public static String number(double v) {
        if (!Double.isFinite(v)) {
            return "–";
        }
        double a = Math.abs(v);
        String f = a >= 1000 ? "%,.0f" : a >= 100 ? "%.0f" : a >= 10 ? "%.1f" : a >= 0.1 ? "%.2f" : "%.3g";
        return String.format(Locale.ROOT, f, v);
    }

    static String ratio(Double r) {
        return r == null ? "–" : String.format(Locale.ROOT, "%.2f", r);
    }

    /**
     * One cell: {@code 7.52 (0.30 d, 1.00 j)}; of a figure taken in more than one round, the rounds'
     * spread after the median: {@code 7.52 [7.10–7.90] (0.30 d, 1.00 j)}.
     */
    static String cell(Summary.Row r) {
        String spread = spread(r);
        return number(r.median()) + (spread.isEmpty() ? "" : " [" + spread + "]") + " (" + ratio(r.ratioToDirect())
                + " d, " + ratio(r.ratioToJfrp()) + " j)";
    }

    /** The rounds' spread, lowest–highest ({@code 7.10–7.90}), of a figure taken in more than one round; else "". */
    static String spread(Summary.Row r) {
        return r.rounds() > 1 ? number(r.min()) + "–" + number(r.max()) : "";
    }

    /** The table of one scenario's rows: rows = paths in first-seen order, columns = metrics. */
    static String table(List<Summary.Row> mine) {
        Map<String, Summary.Row> metricHeads = new LinkedHashMap<>();
        mine.forEach(r -> metricHeads.putIfAbsent(r.metric(), r));
        StringBuilder b = new StringBuilder("| path |");
        metricHeads.values().forEach(h -> b.append(' ').append(h.metric()).append(" (").append(h.unit())
                .append(h.higherIsBetter() ? " ↑" : " ↓").append(") |"));
        b.append("\n|---|");
        metricHeads.keySet().forEach(m -> b.append("---:|"));
        b.append('\n');
        for (String p : Summary.distinct(mine, Summary.Row::path)) {
            b.append("| ").append(p).append(" |");
            for (Summary.Row head : metricHeads.values()) {
                b.append(' ').append(Summary.find(mine, head.scenario(), head.metric(), p).map(Markdown::cell)
                        .orElse("–")).append(" |");
            }
            b.append('\n');
        }
        return b.toString();
    }

    /** The whole results.md. */
    public static String report(RunInfo info, Results results, Map<String, List<String>> charts) {
        List<Summary.Row> rows = Summary.of(results.figures());
        StringBuilder b = new StringBuilder();
        b.append("# jfrp-bench results\n\n");
        b.append(String.format(Locale.ROOT, "`%s`: %s mode, %d round%s (a cell with [lowest–highest] took more), %.0f s per measurement; "
                + "started %s, took %.0f s.%n%n",
                info.command(), info.mode(), info.rounds(), info.rounds() == 1 ? "" : "s", info.phaseSeconds(),
                info.started().truncatedTo(java.time.temporal.ChronoUnit.SECONDS), info.durationSeconds()));
        b.append("Machine: ").append(machineLine(info.machine())).append("\n\n");
        b.append("Each cell: the median over rounds, [the rounds' lowest–highest] when taken in more than one, "
                + "then (its ratio to direct **d**, its ratio to jfrp-mux-tls **j**), "
                + "both path / reference of the same scenario and metric. ↑: higher is better; ↓: lower is better "
                + "(there a ratio below 1 is better). – : not measured.\n");
        for (Map.Entry<String, List<Summary.Row>> e : Summary.byScenario(rows).entrySet()) {
            String scenario = e.getKey();
            b.append("\n## ").append(scenario).append("\n\n");
            b.append(table(e.getValue()));
            for (String png : charts.getOrDefault(scenario, List.of())) {
                b.append("\n![").append(scenario).append("](").append(png).append(")\n");
            }
        }
        b.append("\n## Goals\n\n| goal | metric | status | figures |\n|---|---|---|---|\n");
        for (Goals.Check c : Goals.check(rows)) {
            b.append("| ").append(c.goal()).append(" | ").append(c.metric()).append(" | ").append(c.status())
                    .append(" | ").append(c.detail()).append(" |\n");
        }
        b.append("\n## Paths and scenarios\n\n");
        for (RunInfo.PathStatus p : info.paths()) {
            b.append("- path ").append(p.name()).append(": ").append(p.available() ? "available"
                    : "unavailable, missing " + String.join(", ", p.missing())).append('\n');
        }
        for (RunInfo.ScenarioStatus s : info.scenarios()) {
            b.append("- scenario ").append(s.name()).append(": ").append(s.status())
                    .append(s.reason() == null || s.reason().isEmpty() ? "" : " (" + s.reason() + ")").append('\n');
        }
        List<String> notes = new ArrayList<>(results.notes());
        rows.stream().filter(r -> r.rounds() > 1).forEach(r -> notes.add(r.scenario() + " / " + r.metric() + " / "
                + r.path() + ": rounds " + String.join(", ", r.values().stream().map(Markdown::number).toList()) + " "
                + r.unit() + " (figure = median)"));
        if (!notes.isEmpty()) {
            b.append("\n## Notes\n\n");
            notes.forEach(n -> b.append("- ").append(n).append('\n'));
        }
        b.append("\n## Tools\n\n");
        info.tools().forEach((k, v) -> b.append("- ").append(k).append(": ").append(v).append('\n'));
        return b.toString();
    }

    static String machineLine(Map<String, Object> m) {
        return String.join("; ", m.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).toList());
    }
}
