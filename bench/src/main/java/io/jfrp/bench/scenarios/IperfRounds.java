package io.jfrp.bench.scenarios;

import io.jfrp.bench.BenchContext;
import io.jfrp.bench.BenchLog;
import io.jfrp.bench.Figure;
import io.jfrp.bench.Results;
import io.jfrp.bench.paths.Net;
import io.jfrp.bench.paths.PathFactory;
import io.jfrp.bench.paths.PublishedPaths;
import io.jfrp.bench.tools.Iperf3;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * The shape every iperf3 scenario on 127.0.0.1 shares (throughput, udp, stcp, xtcp): one
 * {@code iperf3 -s} as the service, every path published at once, an untimed warm-up run through each
 * (the JITs), then round after round every path's cases in turn. A run that fails is a note (with
 * iperf3's own error) and restarts the server; the other runs go on. Each run lasts the phase, at
 * most 2 s in quick mode, where the warm-up matters more than the run's length.
 */
final class IperfRounds {
    /** One kind of iperf3 client run through a path, named in file names, notes and the log. */
    record Case(String label, Runner runner) {
    }

    /** Runs iperf3 against {@code target} for {@code seconds}, its JSON in {@code json}; adds the figures. */
    interface Runner {
        void run(String path, InetSocketAddress target, int seconds, Path json, Results results)
                throws IOException, InterruptedException;
    }

    private IperfRounds() {
    }

    /**
     * Runs {@code cases} through every path of {@code factories}, each path first warmed by
     * {@code warmup}: in one-second slices until its rate is steady ({@link SteadyIperfWarmup}, which
     * adds the cold and warm-up figures) when {@code steady}, else once for the mode's warm-up.
     * {@code started} sees the paths once they are all up (for figures of their own).
     */
    static void run(String scenario, BenchContext ctx, List<PathFactory> factories, Results results, Case warmup,
                    boolean steady, List<Case> cases, Consumer<PublishedPaths> started) throws Exception {
        Path dir = ctx.newLogDir(scenario);
        Iperf3 server = new Iperf3(null, Net.LOOPBACK, Net.freePort(), dir);
        int seconds = seconds(ctx);
        server.start();
        try (PublishedPaths set = PublishedPaths.publishAll(ctx, factories, server.address(), false, scenario,
                results)) {
            started.accept(set);
            for (PublishedPaths.Published p : set.published()) {
                try {
                    Path json = dir.resolve("warmup-" + p.name() + ".json");
                    if (steady) {
                        SteadyIperfWarmup.run(scenario, ctx, warmup, p.name(), p.endpoint().address(), json, results);
                    } else {
                        warmup.runner().run(p.name(), p.endpoint().address(), (int) ctx.warmup().toSeconds(), json,
                                new Results());
                    }
                } catch (IOException e) {
                    BenchLog.log(scenario + ": warm-up through " + p.name() + " failed: " + e.getMessage());
                    server.start();
                }
            }
            for (int round = 1; round <= ctx.rounds(); round++) {
                for (PublishedPaths.Published p : set.published()) {
                    for (Case c : cases) {
                        try {
                            c.runner().run(p.name(), p.endpoint().address(), seconds, json(dir, p.name(), c, round),
                                    results);
                        } catch (IOException e) {
                            results.note(scenario + ": " + p.name() + " " + c.label() + " round " + round
                                    + " failed: " + e.getMessage());
                            BenchLog.log(scenario + ": " + p.name() + " " + c.label() + " failed: " + e.getMessage());
                            server.start();
                        }
                    }
                }
            }
        } finally {
            server.stop();
        }
    }

    /** Seconds of each measured run: the phase, at most 2 s in quick mode. */
    static int seconds(BenchContext ctx) {
        return (int) Math.max(1, ctx.quick() ? Math.min(2, ctx.phase().toSeconds()) : ctx.phase().toSeconds());
    }

    /** Where the JSON of {@code c} through {@code path} in {@code round} goes. */
    static Path json(Path dir, String path, Case c, int round) {
        return dir.resolve(String.format(Locale.ROOT, "%s-%s-r%d.json", path, c.label().replace(' ', '-')
                .replace('/', '-'), round));
    }

    /** One TCP run of {@code parallel} streams, {@code reverse}: the service sends; figure Gbit/s. */
    static Case tcp(String scenario, String label, int parallel, boolean reverse) {
        return new Case(label, (path, target, seconds, json, results) -> {
            double gbps = Iperf3.run(null, target, seconds, reverse, parallel, 0, json).gbps();
            results.add(new Figure(scenario, label, path, gbps, "Gbit/s", true));
            BenchLog.log(String.format(Locale.ROOT, "%s %-16s %-20s %6.2f Gbit/s", scenario, path, label, gbps));
        });
    }

    /** One stream up and down, Gbit/s: the cases of stcp and xtcp. */
    static List<Case> oneStreamUpDown(String scenario) {
        return List.of(tcp(scenario, "1 stream upload", 1, false), tcp(scenario, "1 stream download", 1, true));
    }
}
