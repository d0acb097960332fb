package io.jfrp.bench.report;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.Styler;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * PNG bar charts (XChart) of a run: per scenario and unit one chart (one axis cannot carry two units),
 * the paths along the x axis, one bar series per metric, each bar the median over rounds.
 */
public final class Charts {
    private Charts() {
    }

    /** Writes the charts into {@code dir}; returns, per scenario, the file names written. */
    public static Map<String, List<String>> write(List<Summary.Row> rows, Path dir) throws IOException {
        System.setProperty("java.awt.headless", "true");
        Map<String, List<String>> written = new LinkedHashMap<>();
        for (Map.Entry<String, List<Summary.Row>> e : Summary.byScenario(rows).entrySet()) {
            String scenario = e.getKey();
            List<String> units = Summary.distinct(e.getValue(), Summary.Row::unit);
            for (String unit : units) {
                String file = slug(scenario) + (units.size() > 1 ? "-" + slug(unit) : "") + ".png";
                chart(scenario, unit, e.getValue().stream().filter(r -> r.unit().equals(unit)).toList(),
                        dir.resolve(file));
                written.computeIfAbsent(scenario, s -> new ArrayList<>()).add(file);
            }
        }
        return written;
    }

    private static void chart(String scenario, String unit, List<Summary.Row> rows, Path file) throws IOException {
        List<String> paths = Summary.distinct(rows, Summary.Row::path);
        List<String> metrics = Summary.distinct(rows, Summary.Row::metric);
        boolean higherIsBetter = rows.get(0).higherIsBetter();
        CategoryChart chart = new CategoryChartBuilder().width(Math.max(800, 120 * paths.size() * Math.max(1,
                        metrics.size()) / 2)).height(500)
                .title(scenario + " (median per path; " + (higherIsBetter ? "higher" : "lower") + " is better)")
                .xAxisTitle("path").yAxisTitle(unit).build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        chart.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
        chart.getStyler().setLabelsVisible(true);
        chart.getStyler().setLabelsRotation(90);
        chart.getStyler().setLabelsFont(new java.awt.Font(java.awt.Font.SANS_SERIF, java.awt.Font.PLAIN, 11));
        chart.getStyler().setDecimalPattern("#,##0.###");
        chart.getStyler().setXAxisLabelRotation(paths.size() > 5 ? 30 : 0);
        chart.getStyler().setOverlapped(false);
        for (String metric : metrics) {
            List<Double> values = paths.stream().map(p -> Summary.find(rows, scenario, metric, p).map(Summary.Row::median)
                    .filter(Double::isFinite).orElse(0.0)).toList();
            chart.addSeries(metric, paths, values);
        }
        String name = file.getFileName().toString();
        BitmapEncoder.saveBitmap(chart, file.resolveSibling(name.substring(0, name.length() - 4)).toString(),
                BitmapEncoder.BitmapFormat.PNG);
    }

    /** A file-name-safe form: "Gbit/s" → "gbit-s", "high-latency" stays. */
    static String slug(String s) {
        String x = s.toLowerCase(Locale.ROOT).replace("µ", "u").replaceAll("[^a-z0-9]+", "-");
        return x.replaceAll("^-+|-+$", "");
    }
}
