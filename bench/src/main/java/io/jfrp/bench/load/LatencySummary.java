package io.jfrp.bench.load;

import org.HdrHistogram.Histogram;

/**
 * Percentiles of a latency histogram recorded in nanoseconds, in microseconds.
 *
 * @param count number of recorded values
 */
public record LatencySummary(long count, double p50Us, double p90Us, double p99Us, double p999Us, double maxUs,
                             double meanUs) {

    /** Summarizes {@code nanos} (a histogram of nanoseconds). */
    public static LatencySummary of(Histogram nanos) {
        if (nanos.getTotalCount() == 0) {
            return new LatencySummary(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        return new LatencySummary(nanos.getTotalCount(),
                us(nanos.getValueAtPercentile(50)), us(nanos.getValueAtPercentile(90)),
                us(nanos.getValueAtPercentile(99)), us(nanos.getValueAtPercentile(99.9)),
                us(nanos.getMaxValue()), nanos.getMean() / 1000.0);
    }

    /** A new histogram of nanoseconds up to one minute, three significant digits. */
    public static Histogram newNanosHistogram() {
        return new Histogram(60_000_000_000L, 3);
    }

    private static double us(long nanos) {
        return nanos / 1000.0;
    }
}
