package io.jfrp.bench.scenarios;

import io.jfrp.bench.Figure;
import io.jfrp.bench.Results;
import io.jfrp.bench.Stats;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Collects one value per round for each (metric, path) and adds their median to the results as a
 * single figure; when there was more than one round, a note lists every round's value so that the
 * spread stays visible.
 */
final class RoundFigures {
    private record Key(String metric, String path, String unit, boolean higherIsBetter) {
    }

    private final String scenario;
    private final Map<Key, List<Double>> values = new LinkedHashMap<>();

    RoundFigures(String scenario) {
        this.scenario = scenario;
    }

    synchronized void add(String metric, String path, double value, String unit, boolean higherIsBetter) {
        if (!Double.isNaN(value)) {
            values.computeIfAbsent(new Key(metric, path, unit, higherIsBetter), k -> new ArrayList<>()).add(value);
        }
    }

    /** Adds the medians (in the order first seen) and the per-round notes. */
    synchronized void flush(Results results) {
        values.forEach((k, v) -> {
            results.add(new Figure(scenario, k.metric(), k.path(), Stats.median(v), k.unit(), k.higherIsBetter()));
            if (v.size() > 1) {
                results.note(scenario + " / " + k.metric() + " / " + k.path() + ": rounds " + String.join(", ",
                        v.stream().map(RoundFigures::format).toList()) + " " + k.unit() + " (figure = median)");
            }
        });
        values.clear();
    }

    static String format(double x) {
        return Math.abs(x) >= 100 ? String.format(Locale.ROOT, "%.0f", x) : String.format(Locale.ROOT, "%.3g", x);
    }
}
