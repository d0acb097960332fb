package io.jfrp.bench.harness;

import java.util.ArrayList;
import java.util.List;

/**
 * Thread-safe collector of the figures and notes of one run (notes say, for example,
 * "ssh-R skipped: sshd not found"). The report is written from it at the end.
 */
public final class Results {
    private final List<Figure> figures = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    public synchronized void add(Figure f) {
        figures.add(f);
    }

    public synchronized void note(String text) {
        notes.add(text);
    }

    /** A copy, in the order added. */
    public synchronized List<Figure> figures() {
        return List.copyOf(figures);
    }

    /** A copy, in the order added. */
    public synchronized List<String> notes() {
        return List.copyOf(notes);
    }
}
