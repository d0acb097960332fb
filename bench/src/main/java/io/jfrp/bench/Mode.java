package io.jfrp.bench;

/**
 * How thoroughly to measure. QUICK proves the harness works in a few minutes (CI runs it; its figures
 * are rough); FULL takes the figures to publish. Each mode's defaults are here, in one place.
 *
 * @param name           "quick" or "full"
 * @param rounds         interleaved rounds of every scenario through every path
 * @param phaseSeconds   length of one measurement
 * @param warmupSeconds  unrecorded run before a measurement, so that a freshly started tunnel JVM is compiled
 * @param timeoutSeconds bound on the whole run; then every child is killed and the partial report written
 * @param warmupCapSeconds the longest warm-up until a steady rate before an HTTP or throughput measurement (its
 *                       one-second slices stop there, steady or not, and the report notes it)
 */
public record Mode(String name, int rounds, int phaseSeconds, int warmupSeconds, long timeoutSeconds,
                   int warmupCapSeconds) {
    public static final Mode QUICK = new Mode("quick", 1, 3, 2, 900, 20);
    public static final Mode FULL = new Mode("full", 3, 10, 5, 7200, 40);

    /** This mode (its name and every other value) with the longest warm-up set to {@code seconds}. */
    public Mode withWarmupCap(int seconds) {
        return new Mode(name, rounds, phaseSeconds, warmupSeconds, timeoutSeconds, seconds);
    }
}
