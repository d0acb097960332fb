package io.jfrp.bench;

import org.HdrHistogram.Histogram;

import java.util.Arrays;

/**
 * The harness's one statistics helper: medians (every figure over rounds is a median, because one
 * slow round on a noisy machine should not move it) and latency percentiles from HdrHistogram.
 */
public final class Stats {
    private Stats() {
    }

    /** The median (mean of the middle two for an even count); NaN for none. */
    public static double median(double... values) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] a = values.clone();
        Arrays.sort(a);
        int n = a.length;
        return n % 2 == 1 ? a[n / 2] : (a[n / 2 - 1] + a[n / 2]) / 2;
    }

    /** A new histogram of nanoseconds up to one minute, three significant digits. */
    public static Histogram nanosHistogram() {
        return new Histogram(60_000_000_000L, 3);
    }

    /** Percentiles of a latency histogram recorded in nanoseconds, in microseconds, and its count. */
    public record Latency(long count, double p50Us, double p90Us, double p99Us, double p999Us, double maxUs) {
        /** Summarizes {@code nanos} (a histogram of nanoseconds); NaN percentiles when it is empty. */
        public static Latency of(Histogram nanos) {
            if (nanos.getTotalCount() == 0) {
                return new Latency(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
            }
            return new Latency(nanos.getTotalCount(), us(nanos.getValueAtPercentile(50)),
                    us(nanos.getValueAtPercentile(90)), us(nanos.getValueAtPercentile(99)),
                    us(nanos.getValueAtPercentile(99.9)), us(nanos.getMaxValue()));
        }

        private static double us(long nanos) {
            return nanos / 1000.0;
        }
    }
}
