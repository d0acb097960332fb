package io.jfrp.bench.scenarios;

import io.jfrp.bench.BenchContext;
import io.jfrp.bench.Figure;
import io.jfrp.bench.Results;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;

/**
 * The warm-up of the throughput scenario: its first case (one stream up) in one-second iperf3 slices
 * until the rate is steady, by the rule and for the reasons of {@link SteadyRateWarmup} (one stream
 * through a fresh jfrp-mux-tls ran at about 1 Gbit/s in its first seconds and settled at 2.5-5 Gbit/s
 * after 10-20 s; README, "One stream through tcpMux+TLS: cold and warm"). Both states are reported:
 * the first slice as {@code <case>, first second} (the cold figure), and the seconds it took.
 */
final class SteadyIperfWarmup {
    private SteadyIperfWarmup() {
    }

    /** Warms {@code path} at {@code target} with {@code warmup}'s runs; adds the cold and warm-up figures. */
    static void run(String scenario, BenchContext ctx, IperfRounds.Case warmup, String path, InetSocketAddress target,
                    Path json, Results results) throws IOException, InterruptedException {
        SteadyRateWarmup.Result r = SteadyRateWarmup.untilSteady(ctx, () -> {
            Results slice = new Results();
            warmup.runner().run(path, target, 1, json, slice);
            List<Figure> figures = slice.figures();
            return figures.isEmpty() ? 0 : figures.get(figures.size() - 1).value();
        });
        results.add(new Figure(scenario, warmup.label() + ", first second", path, r.firstRate(), "Gbit/s", true));
        results.add(new Figure(scenario, "warm-up to a steady rate", path, r.seconds(), "s", false));
        if (!r.steady()) {
            results.note(scenario + ": " + path + " had no steady rate after " + r.seconds()
                    + " s of warm-up (a busy machine, or a path still compiling); measured anyway");
        }
    }
}
