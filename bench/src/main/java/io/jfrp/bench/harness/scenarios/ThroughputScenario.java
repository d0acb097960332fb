package io.jfrp.bench.harness.scenarios;

import io.jfrp.bench.harness.BenchContext;
import io.jfrp.bench.harness.BenchLog;
import io.jfrp.bench.harness.Figure;
import io.jfrp.bench.harness.Mode;
import io.jfrp.bench.harness.Net;
import io.jfrp.bench.harness.PathFactory;
import io.jfrp.bench.harness.PublishedPaths;
import io.jfrp.bench.harness.Results;
import io.jfrp.bench.harness.Scenario;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * iperf3 through every TCP path on 127.0.0.1: one stream and four streams ({@code -P 4}, four
 * public connections), upload (public client to the service) and download ({@code -R}: the service
 * sends). The service is {@code iperf3 -s}; the figure is what the receiver counted, in Gbit/s.
 * iperf3's control connection goes through the path too.
 */
public final class ThroughputScenario implements Scenario {
    public static final String NAME = "throughput";

    /** One iperf3 configuration: the metric's name in reports. */
    record Case(String metric, int parallel, boolean reverse) {
    }

    static final List<Case> CASES = List.of(
            new Case("1 stream upload", 1, false),
            new Case("1 stream download", 1, true),
            new Case("4 streams upload", 4, false),
            new Case("4 streams download", 4, true));

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<String> requiredTools() {
        return List.of("iperf3");
    }

    /**
     * One iperf3 run; when the server still counts the previous test as running (a tunnel that closes
     * the last test's connections late: seen with ssh -R), waits a second and tries once more.
     */
    private static Iperf3.Result runOnce(PublishedPaths.Published p, Case c, int seconds, Path json)
            throws Exception {
        try {
            return Iperf3.run(null, p.endpoint().address(), seconds, c.reverse(), c.parallel(), 0, json);
        } catch (java.io.IOException e) {
            if (e.getMessage() == null || !e.getMessage().contains("busy")) {
                throw e;
            }
            Thread.sleep(1000);
            return Iperf3.run(null, p.endpoint().address(), seconds, c.reverse(), c.parallel(), 0, json);
        }
    }

    @Override
    public void run(BenchContext ctx, List<PathFactory> paths, Results results) throws Exception {
        Path dir = Files.createDirectories(ctx.outDir().resolve("logs").resolve(NAME));
        Iperf3 server = new Iperf3(null, Net.LOOPBACK, Net.freePort(), dir);
        // quick mode: 2 s runs (20 of them with five paths); the JIT warm-up matters more than the run length
        int seconds = ctx.mode() == Mode.QUICK ? (int) Math.min(2, Math.max(1, ctx.phaseDuration().toSeconds()))
                : (int) Math.max(1, ctx.phaseDuration().toSeconds());
        int warmup = ctx.mode() == Mode.QUICK ? 2 : 5;
        server.start();
        try (PublishedPaths set = PublishedPaths.publish(ctx, paths, server.address(), false, NAME, results)) {
            // an untimed run per path first: the tunnels' JITs compile the relay before it is measured
            for (PublishedPaths.Published p : set.published()) {
                try {
                    Iperf3.run(null, p.endpoint().address(), warmup, false, 1, 0, dir.resolve("warmup-" + p.name() + ".json"));
                } catch (Exception e) {
                    BenchLog.log(NAME + ": warm-up through " + p.name() + " failed: " + e.getMessage());
                    server.start();
                }
            }
            for (int round = 1; round <= ctx.rounds(); round++) {
                for (PublishedPaths.Published p : set.published()) {
                    for (Case c : CASES) {
                        Path json = dir.resolve(String.format(Locale.ROOT, "%s-%s-r%d.json", p.name(),
                                c.metric().replace(' ', '-'), round));
                        try {
                            Iperf3.Result r = runOnce(p, c, seconds, json);
                            results.add(new Figure(NAME, c.metric(), p.name(), r.gbps(), "Gbit/s", true));
                            BenchLog.log(String.format(Locale.ROOT, "%s round %d %-16s %-20s %6.2f Gbit/s", NAME, round,
                                    p.name(), c.metric(), r.gbps()));
                        } catch (Exception e) {
                            results.note(NAME + ": " + p.name() + " " + c.metric() + " round " + round + " failed: "
                                    + e.getMessage());
                            BenchLog.log(NAME + ": " + p.name() + " " + c.metric() + " failed: " + e.getMessage());
                            server.start();
                        }
                    }
                }
            }
        } finally {
            server.stop();
        }
    }
}
