package io.jfrp.bench.report;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.jfrp.bench.Figure;
import io.jfrp.bench.Stats;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The figures of a run reduced to one row per (scenario, metric, path): the median over rounds and its
 * ratios to the same metric's direct and jfrp-mux-tls medians. A ratio is always path / reference (so
 * for a lower-is-better metric, below 1 is better); null when the reference is missing or zero.
 */
public final class Summary {
    public static final String DIRECT = "direct";
    public static final String JFRP = "jfrp-mux-tls";

    /** One (scenario, metric, path) with every round's value; {@code min} and {@code max}: the rounds' spread. */
    @JsonPropertyOrder({"scenario", "metric", "path", "unit", "higherIsBetter", "rounds", "values", "median", "min",
            "max", "ratioToDirect", "ratioToJfrpMuxTls"})
    public record Row(String scenario, String metric, String path, String unit, boolean higherIsBetter,
                      List<Double> values, double median, Double ratioToDirect,
                      @JsonProperty("ratioToJfrpMuxTls") Double ratioToJfrp) {
        @JsonProperty("rounds")
        public int rounds() {
            return values.size();
        }

        /** The lowest round's value; NaN for none. */
        @JsonProperty("min")
        public double min() {
            return values.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
        }

        /** The highest round's value; NaN for none. */
        @JsonProperty("max")
        public double max() {
            return values.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
        }
    }

    private Summary() {
    }

    /** Rows grouped by scenario, scenarios and within each its (metric, path)s in first-seen order. */
    public static List<Row> of(List<Figure> figures) {
        record Key(String metric, String path) {
        }
        Map<String, Map<Key, List<Figure>>> groups = new LinkedHashMap<>();
        for (Figure f : figures) {
            groups.computeIfAbsent(f.scenario(), s -> new LinkedHashMap<>())
                    .computeIfAbsent(new Key(f.metric(), f.path()), k -> new ArrayList<>()).add(f);
        }
        List<Row> rows = new ArrayList<>();
        groups.forEach((scenario, byKey) -> byKey.forEach((k, fs) -> {
            double median = median(fs);
            rows.add(new Row(scenario, k.metric(), k.path(), fs.get(0).unit(), fs.get(0).higherIsBetter(),
                    fs.stream().map(Figure::value).toList(), median,
                    ratio(median, median(byKey.get(new Key(k.metric(), DIRECT)))),
                    ratio(median, median(byKey.get(new Key(k.metric(), JFRP))))));
        }));
        return rows;
    }

    private static Double median(List<Figure> figures) {
        return figures == null ? null : Stats.median(figures.stream().mapToDouble(Figure::value).toArray());
    }

    /** Each scenario's rows, scenarios in first-seen order. */
    static Map<String, List<Row>> byScenario(List<Row> rows) {
        return rows.stream().collect(Collectors.groupingBy(Row::scenario, LinkedHashMap::new, Collectors.toList()));
    }

    /** The row of {@code scenario}, {@code metric} and {@code path}, when it was measured. */
    static Optional<Row> find(List<Row> rows, String scenario, String metric, String path) {
        return rows.stream().filter(r -> r.scenario().equals(scenario) && r.metric().equals(metric)
                && r.path().equals(path)).findFirst();
    }

    /** Metrics, paths or units in first-seen order. */
    static List<String> distinct(List<Row> rows, Function<Row, String> field) {
        return rows.stream().map(field).distinct().toList();
    }

    static Double ratio(double value, Double reference) {
        if (reference == null || reference == 0 || !Double.isFinite(reference) || !Double.isFinite(value)) {
            return null;
        }
        return value / reference;
    }
}
