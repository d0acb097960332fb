package io.jfrp.mux;

import org.slf4j.Logger;
import org.slf4j.event.Level;

import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * A log line that anybody on the internet can cause (one per bad connection before authentication)
 * at most {@code perWindow} times per window: past that the lines are counted, not written, and the
 * next line written after the window says how many were left out. A flood of bad connections then
 * costs a few lines per window instead of one per connection, and the first ones still say who and
 * why. Thread-safe. {@link #PROTOCOL_ERRORS} is shared by every yamux session's protocol error (frames
 * anybody can send); a program keeps its own budgets for the lines it logs (jfrps: its pre-authentication
 * closes). It lives in the mux module, the lowest that logs such a line.
 */
public final class LogBudget {
    /** Lines per window before they are only counted. */
    public static final int DEFAULT_LINES = 10;
    /** The window. */
    public static final long DEFAULT_WINDOW_MILLIS = 10_000;

    private static final String SUMMARY = "{} more lines like the next were not logged (at most {} each {} s)";

    /** Every yamux session's "protocol error, closing" line of the process. */
    public static final LogBudget PROTOCOL_ERRORS = new LogBudget();

    private final int perWindow;
    private final long windowNanos;
    private final LongSupplier nanoTime;
    private long windowStart;
    private boolean started;
    private int written;
    private long suppressed;

    /** {@link #DEFAULT_LINES} lines per {@link #DEFAULT_WINDOW_MILLIS} ms. */
    public LogBudget() {
        this(DEFAULT_LINES, DEFAULT_WINDOW_MILLIS, System::nanoTime);
    }

    /** {@code perWindow} lines each {@code windowMillis} ms, the time read from {@code nanoTime}. */
    public LogBudget(int perWindow, long windowMillis, LongSupplier nanoTime) {
        if (perWindow <= 0 || windowMillis <= 0) {
            throw new IllegalArgumentException("perWindow and windowMillis must be positive");
        }
        this.perWindow = perWindow;
        this.windowNanos = TimeUnit.MILLISECONDS.toNanos(windowMillis);
        this.nanoTime = nanoTime;
    }

    /** Logs to {@code log} at INFO unless this window's lines are spent; then only counts it. */
    public void info(Logger log, String format, Object... args) {
        log(log, Level.INFO, format, args);
    }

    /** As {@link #info}, at WARN. */
    public void warn(Logger log, String format, Object... args) {
        log(log, Level.WARN, format, args);
    }

    private void log(Logger log, Level level, String format, Object... args) {
        if (!log.isEnabledForLevel(level)) {
            return;
        }
        long left = take();
        if (left > 0) {
            log.atLevel(level).log(SUMMARY, left, perWindow, TimeUnit.NANOSECONDS.toSeconds(windowNanos));
        }
        if (left >= 0) {
            log.atLevel(level).log(format, args);
        }
    }

    /** -1: this window's lines are spent (the line is counted); else the lines left out before it. */
    private synchronized long take() {
        long now = nanoTime.getAsLong();
        if (!started || now - windowStart >= windowNanos) {
            started = true;
            windowStart = now;
            written = 0;
        }
        if (written >= perWindow) {
            suppressed++;
            return -1;
        }
        written++;
        long left = suppressed;
        suppressed = 0;
        return left;
    }

    /** Lines counted and not written since the last line written (for tests and metrics). */
    public synchronized long suppressed() {
        return suppressed;
    }
}
