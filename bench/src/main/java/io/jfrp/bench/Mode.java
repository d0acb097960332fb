package io.jfrp.bench;

/**
 * How thoroughly to measure. QUICK proves the harness works in a few minutes (CI runs it; its figures
 * are rough); FULL takes the figures to publish. Each mode's defaults are here, in one place.
 */
public enum Mode {
    QUICK(1, 3, 2, 900),
    FULL(3, 10, 5, 7200);

    /** Interleaved rounds of every scenario through every path. */
    public final int rounds;
    /** Length of one measurement. */
    public final int phaseSeconds;
    /** Unrecorded run before a measurement, so that a freshly started tunnel JVM is compiled. */
    public final int warmupSeconds;
    /** Bound on the whole run; then every child is killed and the partial report written. */
    public final long timeoutSeconds;

    Mode(int rounds, int phaseSeconds, int warmupSeconds, long timeoutSeconds) {
        this.rounds = rounds;
        this.phaseSeconds = phaseSeconds;
        this.warmupSeconds = warmupSeconds;
        this.timeoutSeconds = timeoutSeconds;
    }
}
