package io.jfrp.bench.scenarios;

import io.jfrp.bench.AbstractScenario;
import io.jfrp.bench.BenchContext;
import io.jfrp.bench.BenchLog;
import io.jfrp.bench.Figure;
import io.jfrp.bench.Results;
import io.jfrp.bench.paths.Net;
import io.jfrp.bench.paths.PathFactory;
import io.jfrp.bench.paths.PublishedPaths;
import io.jfrp.bench.tools.Iperf3;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * "throughput": iperf3 through every TCP path on 127.0.0.1: one stream and four streams
 * ({@code -P 4}, four public connections), upload (public client to the service) and download
 * ({@code -R}: the service sends). The service is {@code iperf3 -s}; the figure is what the receiver
 * counted, in Gbit/s. iperf3's control connection goes through the path too. All paths are up at
 * once and visited in turn; each gets an untimed warm-up run first (its JIT compiles the relay).
 */
public final class ThroughputScenario extends AbstractScenario {
    static final String NAME = "throughput";

    /** One iperf3 configuration: the metric's name in reports. */
    record Case(String metric, int parallel, boolean reverse) {
    }

    static final List<Case> CASES = List.of(
            new Case("1 stream upload", 1, false),
            new Case("1 stream download", 1, true),
            new Case("4 streams upload", 4, false),
            new Case("4 streams download", 4, true));

    public ThroughputScenario() {
        super(NAME, "iperf3 through each TCP path: 1 and 4 streams, up and down (Gbit/s)", "iperf3");
    }

    @Override
    public void run(BenchContext ctx, List<PathFactory> paths, Results results) throws Exception {
        Path dir = ctx.newLogDir(NAME);
        Iperf3 server = new Iperf3(null, Net.LOOPBACK, Net.freePort(), dir);
        // quick mode: 2 s runs (20 of them with five paths); the JIT warm-up matters more than the run length
        int seconds = (int) Math.max(1, ctx.quick() ? Math.min(2, ctx.phase().toSeconds()) : ctx.phase().toSeconds());
        server.start();
        try (PublishedPaths set = PublishedPaths.publishAll(ctx, paths, server.address(), false, NAME, results)) {
            for (PublishedPaths.Published p : set.published()) {
                try {
                    Iperf3.run(null, p.endpoint().address(), (int) ctx.warmup().toSeconds(), false, 1, 0,
                            dir.resolve("warmup-" + p.name() + ".json"));
                } catch (IOException e) {
                    BenchLog.log(NAME + ": warm-up through " + p.name() + " failed: " + e.getMessage());
                    server.start();
                }
            }
            for (int round = 1; round <= ctx.rounds(); round++) {
                for (PublishedPaths.Published p : set.published()) {
                    for (Case c : CASES) {
                        measure(p, c, round, seconds, dir, server, results);
                    }
                }
            }
        } finally {
            server.stop();
        }
    }

    private static void measure(PublishedPaths.Published p, Case c, int round, int seconds, Path dir, Iperf3 server,
                                Results results) throws Exception {
        Path json = dir.resolve(String.format(Locale.ROOT, "%s-%s-r%d.json", p.name(), c.metric().replace(' ', '-'),
                round));
        try {
            Iperf3.Result r;
            try {
                r = Iperf3.run(null, p.endpoint().address(), seconds, c.reverse(), c.parallel(), 0, json);
            } catch (IOException e) {
                // the server still counts the previous test as running (a tunnel that closes the last
                // test's connections late: seen with ssh -R): wait a second and try once more
                if (e.getMessage() == null || !e.getMessage().contains("busy")) {
                    throw e;
                }
                Thread.sleep(1000);
                r = Iperf3.run(null, p.endpoint().address(), seconds, c.reverse(), c.parallel(), 0, json);
            }
            results.add(new Figure(NAME, c.metric(), p.name(), r.gbps(), "Gbit/s", true));
            BenchLog.log(String.format(Locale.ROOT, "%s round %d %-16s %-20s %6.2f Gbit/s", NAME, round, p.name(),
                    c.metric(), r.gbps()));
        } catch (IOException e) {
            results.note(NAME + ": " + p.name() + " " + c.metric() + " round " + round + " failed: " + e.getMessage());
            BenchLog.log(NAME + ": " + p.name() + " " + c.metric() + " failed: " + e.getMessage());
            server.start();
        }
    }
}
