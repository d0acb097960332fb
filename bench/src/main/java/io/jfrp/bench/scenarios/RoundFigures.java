package io.jfrp.bench.scenarios;

import io.jfrp.bench.harness.Figure;
import io.jfrp.bench.harness.Results;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Collects one value per round for each (metric, path) and adds their median to the results as a
 * single figure; when there was more than one round, a note lists every round's value so that the
 * spread stays visible. Medians because the machine is noisy and one slow round should not move
 * the figure.
 */
final class RoundFigures {
    private record Key(String metric, String path, String unit, boolean higherIsBetter) {
    }

    private final String scenario;
    private final Map<Key, List<Double>> values = new LinkedHashMap<>();

    RoundFigures(String scenario) {
        this.scenario = scenario;
    }

    void add(String metric, String path, double value, String unit, boolean higherIsBetter) {
        if (Double.isNaN(value)) {
            return;
        }
        values.computeIfAbsent(new Key(metric, path, unit, higherIsBetter), k -> new ArrayList<>()).add(value);
    }

    /** Adds the medians (in the order first seen) and the per-round notes. */
    void flush(Results results) {
        for (Map.Entry<Key, List<Double>> e : values.entrySet()) {
            Key k = e.getKey();
            double[] v = e.getValue().stream().mapToDouble(Double::doubleValue).toArray();
            results.add(new Figure(scenario, k.metric(), k.path(), median(v), k.unit(), k.higherIsBetter()));
            if (v.length > 1) {
                StringBuilder sb = new StringBuilder();
                for (double x : v) {
                    sb.append(sb.length() == 0 ? "" : ", ").append(format(x));
                }
                results.note(scenario + " / " + k.metric() + " / " + k.path() + ": rounds " + sb + " " + k.unit()
                        + " (figure = median)");
            }
        }
        values.clear();
    }

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }

    static String format(double x) {
        return Math.abs(x) >= 100 ? String.format(Locale.ROOT, "%.0f", x) : String.format(Locale.ROOT, "%.3g", x);
    }
}
