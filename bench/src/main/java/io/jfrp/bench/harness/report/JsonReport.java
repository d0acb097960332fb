package io.jfrp.bench.harness.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.jfrp.bench.harness.Figure;
import io.jfrp.bench.harness.Results;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * results.json: the run (command, mode, times, machine, tool versions, paths, scenarios), every figure
 * as measured, one summary entry per (scenario, metric, path) with the median over rounds and its
 * ratios to direct and to jfrp-mux-tls, the goals and the notes. Non-finite numbers become null.
 */
public final class JsonReport {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private JsonReport() {
    }

    public static String write(RunInfo info, Results results, Map<String, List<String>> charts) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("tool", "jfrp-bench");
        root.put("command", info.command());
        root.put("mode", info.mode());
        root.put("rounds", info.rounds());
        root.put("phaseSeconds", info.phaseSeconds());
        root.put("startedAt", info.started().toString());
        root.put("finishedAt", info.finished().toString());
        root.put("durationSeconds", info.durationSeconds());
        root.put("machine", info.machine());
        root.put("tools", info.tools());
        List<Map<String, Object>> paths = new ArrayList<>();
        for (RunInfo.PathStatus p : info.paths()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", p.name());
            m.put("available", p.available());
            m.put("missing", p.missing());
            paths.add(m);
        }
        root.put("paths", paths);
        List<Map<String, Object>> scenarios = new ArrayList<>();
        for (RunInfo.ScenarioStatus s : info.scenarios()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", s.name());
            m.put("status", s.status());
            m.put("reason", s.reason());
            m.put("charts", charts.getOrDefault(s.name(), List.of()));
            scenarios.add(m);
        }
        root.put("scenarios", scenarios);
        List<Map<String, Object>> figures = new ArrayList<>();
        for (Figure f : results.figures()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("scenario", f.scenario());
            m.put("metric", f.metric());
            m.put("path", f.path());
            m.put("value", finite(f.value()));
            m.put("unit", f.unit());
            m.put("higherIsBetter", f.higherIsBetter());
            figures.add(m);
        }
        root.put("figures", figures);
        List<Summary.Row> rows = Summary.of(results.figures());
        List<Map<String, Object>> summary = new ArrayList<>();
        for (Summary.Row r : rows) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("scenario", r.scenario());
            m.put("metric", r.metric());
            m.put("path", r.path());
            m.put("unit", r.unit());
            m.put("higherIsBetter", r.higherIsBetter());
            m.put("rounds", r.values().size());
            m.put("values", r.values().stream().map(JsonReport::finite).toList());
            m.put("median", finite(r.median()));
            m.put("ratioToDirect", r.ratioToDirect() == null ? null : finite(r.ratioToDirect()));
            m.put("ratioToJfrpMuxTls", r.ratioToJfrp() == null ? null : finite(r.ratioToJfrp()));
            summary.add(m);
        }
        root.put("summary", summary);
        List<Map<String, Object>> goals = new ArrayList<>();
        for (Goals.Check c : Goals.check(rows)) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("goal", c.goal());
            m.put("metric", c.metric());
            m.put("status", c.status());
            m.put("detail", c.detail());
            goals.add(m);
        }
        root.put("goals", goals);
        root.put("notes", results.notes());
        try {
            return JSON.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write results.json", e);
        }
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
