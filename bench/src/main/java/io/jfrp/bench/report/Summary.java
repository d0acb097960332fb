package io.jfrp.bench.report;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.jfrp.bench.Figure;
import io.jfrp.bench.Stats;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The figures of a run reduced to one row per (scenario, metric, path): the median over rounds and
 * its ratios to the same scenario and metric's direct and jfrp-mux-tls medians. A ratio is always
 * path / reference (so for a lower-is-better metric such as latency or memory, below 1 is better);
 * it is null when the reference was not measured or is zero.
 */
public final class Summary {
    public static final String DIRECT = "direct";
    public static final String JFRP = "jfrp-mux-tls";

    /** One (scenario, metric, path) with every round's value. */
    @JsonPropertyOrder({"scenario", "metric", "path", "unit", "higherIsBetter", "rounds", "values", "median",
            "ratioToDirect", "ratioToJfrpMuxTls"})
    public record Row(String scenario, String metric, String path, String unit, boolean higherIsBetter,
                      List<Double> values, double median, Double ratioToDirect,
                      @JsonProperty("ratioToJfrpMuxTls") Double ratioToJfrp) {
            @JsonProperty("rounds")
        public int rounds() {
            return values.size();
        }
    }

    private Summary() {
    }

    /** Rows in the order their scenario, metric and path first appear in {@code figures}. */
    public static List<Row> of(List<Figure> figures) {
        record Key(String scenario, String metric, String path) {
        }
        Map<Key, List<Figure>> groups = new LinkedHashMap<>();
        for (Figure f : figures) {
            groups.computeIfAbsent(new Key(f.scenario(), f.metric(), f.path()), k -> new ArrayList<>()).add(f);
        }
        Map<Key, Double> medians = new LinkedHashMap<>();
        groups.forEach((k, fs) -> medians.put(k, Stats.median(fs.stream().mapToDouble(Figure::value).toArray())));
        List<Row> rows = new ArrayList<>();
        for (String scenario : distinct(figures.stream().map(Figure::scenario).toList())) {
            for (Map.Entry<Key, List<Figure>> e : groups.entrySet()) {
                Key k = e.getKey();
                if (!k.scenario().equals(scenario)) {
                    continue;
                }
                Figure first = e.getValue().get(0);
                double median = medians.get(k);
                rows.add(new Row(k.scenario(), k.metric(), k.path(), first.unit(), first.higherIsBetter(),
                        e.getValue().stream().map(Figure::value).toList(), median,
                        ratio(median, medians.get(new Key(k.scenario(), k.metric(), DIRECT))),
                        ratio(median, medians.get(new Key(k.scenario(), k.metric(), JFRP)))));
            }
        }
        return rows;
    }

    /** Scenarios, metrics or paths in first-seen order. */
    static List<String> distinct(List<String> values) {
        return values.stream().distinct().toList();
    }

    static Double ratio(double value, Double reference) {
        if (reference == null || reference == 0 || !Double.isFinite(reference) || !Double.isFinite(value)) {
            return null;
        }
        return value / reference;
    }
}
