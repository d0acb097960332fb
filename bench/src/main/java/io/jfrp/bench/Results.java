package io.jfrp.bench;

import io.jfrp.bench.report.Markdown;

import java.util.ArrayList;
import java.util.List;

/**
 * Thread-safe collector of the figures and notes of one run (notes say, for example, "ssh-R skipped:
 * sshd not found"). A failure is a note that also makes the run's exit status 1: a path that could
 * not start, for example, which would otherwise leave a report that silently lacks it.
 */
public final class Results {
    private final List<Figure> figures = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private int failures;

    public synchronized void add(Figure f) {
        figures.add(f);
    }

    /** Adds a figure and logs it; a NaN (nothing measured, e.g. no latency samples) is left out. */
    public void add(String scenario, String metric, String path, double value, String unit, boolean higherIsBetter) {
        if (!Double.isNaN(value)) {
            add(new Figure(scenario, metric, path, value, unit, higherIsBetter));
            BenchLog.log(scenario + " " + path + ": " + metric + " " + Markdown.number(value) + " " + unit);
        }
    }

    public synchronized void note(String text) {
        notes.add(text);
    }

    public synchronized void fail(String text) {
        notes.add(text);
        failures++;
        BenchLog.log(text);
    }

    public synchronized int failures() {
        return failures;
    }

    /** Copies, in the order added. */
    public synchronized List<Figure> figures() {
        return List.copyOf(figures);
    }

    public synchronized List<String> notes() {
        return List.copyOf(notes);
    }
}
