package io.jfrp.bench.scenarios;

import io.jfrp.bench.BenchContext;
import io.jfrp.bench.Results;
import io.jfrp.bench.tools.Wrk;

import java.io.IOException;
import java.time.Duration;

/**
 * The warm-up before an HTTP measurement: wrk in one-second slices until the rate is steady
 * ({@value #STEADY_SLICES} slices in a row within {@value #STEADY_PERCENT}% of the largest, after at
 * least the mode's warm-up; two slices can agree by chance while the JIT is still at work).
 *
 * <p>Why not a fixed warm-up: a fresh JVM tunnel runs interpreted and C1 code, its C2 threads taking
 * a core of a two-core machine, for the first tens of thousands of requests (longer with the
 * launchers' raised C2 thresholds). A fixed 2 s warm-up measured jfrp mostly cold, while stock frp
 * (compiled ahead of time) is steady after the first slices. How long a path took is reported.
 */
final class SteadyRateWarmup {
    static final int CONNECTIONS = 32;
    static final int STEADY_PERCENT = 10;
    static final int STEADY_SLICES = 3;

    /** How long the warm-up ran, whether the rate became steady before the cap, the first slice's rate. */
    record Result(int seconds, boolean steady, double firstRate) {
        /** A note when the rate never became steady. */
        void noteIfUnsteady(Results results, String scenario, String path) {
            if (!steady) {
                results.note(scenario + ": " + path + " had no steady rate after " + seconds
                        + " s of warm-up (a busy machine, or a path still compiling); measured anyway");
            }
        }
    }

    /** One one-second slice of load; its rate. */
    interface Slice {
        double rate() throws IOException, InterruptedException;
    }

    private SteadyRateWarmup() {
    }

    /** The longest warm-up: the mode's (20 s quick, 40 s full; {@code --warmup-cap-seconds}). */
    static int cap(BenchContext ctx) {
        return ctx.mode().warmupCapSeconds();
    }

    /** Warms the path at {@code url} (sending {@code hostHeader} as Host when not null) until steady. */
    static Result run(BenchContext ctx, String url, String hostHeader) throws IOException, InterruptedException {
        return untilSteady(ctx, () -> Wrk.run(url, CONNECTIONS, Duration.ofSeconds(1), hostHeader)
                .requestsPerSecond());
    }

    /** Runs {@code slice} until the rate is steady, at most {@link #cap} seconds. */
    static Result untilSteady(BenchContext ctx, Slice slice) throws IOException, InterruptedException {
        int min = (int) Math.max(STEADY_SLICES, ctx.warmup().toSeconds());
        int cap = Math.max(min, cap(ctx));
        double[] last = new double[STEADY_SLICES];
        double first = 0;
        for (int second = 1; second <= cap; second++) {
            double rate = slice.rate();
            first = second == 1 ? rate : first;
            last[second % STEADY_SLICES] = rate;
            if (second >= min && isSteady(last)) {
                return new Result(second, true, first);
            }
        }
        return new Result(cap, false, first);
    }

    /** Whether the slices' rates are all positive and within {@value #STEADY_PERCENT}% of the largest. */
    static boolean isSteady(double... rates) {
        double max = 0;
        double min = Double.MAX_VALUE;
        for (double rate : rates) {
            if (!(rate > 0)) {
                return false;
            }
            max = Math.max(max, rate);
            min = Math.min(min, rate);
        }
        return rates.length > 1 && max - min <= max * STEADY_PERCENT / 100.0;
    }
}
