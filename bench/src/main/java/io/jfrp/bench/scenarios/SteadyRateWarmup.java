package io.jfrp.bench.scenarios;

import io.jfrp.bench.BenchContext;
import io.jfrp.bench.tools.Wrk;

import java.io.IOException;
import java.time.Duration;

/**
 * The warm-up before an HTTP measurement: wrk at {@value #CONNECTIONS} connections in one-second
 * slices until the rate is steady (two slices in a row within {@value #STEADY_PERCENT}% of each
 * other, after at least the mode's warm-up), at most {@link #cap} seconds.
 *
 * <p>Why not a fixed warm-up: a freshly started JVM tunnel runs interpreted and C1 code, and its C2
 * compiler threads take a core of a two-core machine, for the first tens of thousands of requests
 * (longer still with the launchers' raised C2 thresholds, which favour start-up). A fixed 2 s warm-up
 * (and 2,000 requests at http-latency's fixed rate) measured jfrp mostly cold: its req/s, p50 and p99
 * then showed compilation, not the steady state a long-running proxy serves in. Stock frp (compiled
 * ahead of time) is steady after the first slices, so every path is measured in the same state. How
 * long a path took is reported ({@link Result#seconds}), so the cost of warming up stays visible.
 */
final class SteadyRateWarmup {
    static final int CONNECTIONS = 32;
    static final int STEADY_PERCENT = 10;

    /**
     * @param seconds how long the warm-up ran
     * @param steady  whether the rate became steady before the cap
     * @param lastRate the last slice's requests/s
     */
    record Result(int seconds, boolean steady, double lastRate) {
    }

    private SteadyRateWarmup() {
    }

    /** The longest warm-up: 20 s quick, 40 s full. */
    static int cap(BenchContext ctx) {
        return ctx.quick() ? 20 : 40;
    }

    /** Warms the path at {@code url} (sending {@code hostHeader} as Host when not null) until steady. */
    static Result run(BenchContext ctx, String url, String hostHeader) throws IOException, InterruptedException {
        int min = (int) Math.max(2, ctx.warmup().toSeconds());
        int cap = Math.max(min, cap(ctx));
        double previous = Double.NaN;
        for (int second = 1; second <= cap; second++) {
            double rate = Wrk.run("wrk", url, CONNECTIONS, Duration.ofSeconds(1), hostHeader).requestsPerSecond();
            if (second >= min && isSteady(previous, rate)) {
                return new Result(second, true, rate);
            }
            previous = rate;
            if (second == cap) {
                return new Result(second, false, rate);
            }
        }
        throw new AssertionError("unreachable");
    }

    /** Whether two consecutive slices' rates are within {@value #STEADY_PERCENT}% of the larger. */
    static boolean isSteady(double previous, double rate) {
        if (Double.isNaN(previous) || rate <= 0 || previous <= 0) {
            return false;
        }
        return Math.abs(rate - previous) <= Math.max(rate, previous) * STEADY_PERCENT / 100.0;
    }
}
