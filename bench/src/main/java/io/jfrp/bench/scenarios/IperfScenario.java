package io.jfrp.bench.scenarios;

import io.jfrp.bench.BenchContext;
import io.jfrp.bench.BenchLog;
import io.jfrp.bench.Figure;
import io.jfrp.bench.Results;
import io.jfrp.bench.Scenario;
import io.jfrp.bench.load.PhaseCpu;
import io.jfrp.bench.paths.FrpSecretPath;
import io.jfrp.bench.paths.FrpSecretPath.Kind;
import io.jfrp.bench.paths.Net;
import io.jfrp.bench.paths.PathCatalog;
import io.jfrp.bench.paths.PathFactory;
import io.jfrp.bench.tools.Iperf3;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The iperf3 scenarios on 127.0.0.1 (throughput, udp, stcp, xtcp), one shape: one {@code iperf3 -s}
 * as the service, every path published at once, an untimed warm-up run through each (the JITs), then
 * round after round every path's cases in turn. A run that fails is a note (with iperf3's own error)
 * and restarts the server; the other runs go on. Each run lasts the phase, at most 2 s in quick mode,
 * where the warm-up matters more than the run's length.
 */
public final class IperfScenario extends Scenario {
    /** One kind of iperf3 client run through a path, named in file names, notes and the log. */
    record Case(String label, Runner runner) {
    }

    /**
     * Runs iperf3 against {@code target} for {@code seconds}, its JSON in {@code json}; adds the figures
     * and returns the bytes the run carried (0: not counted).
     */
    interface Runner {
        long run(String path, InetSocketAddress target, int seconds, Path json, Results results)
                throws IOException, InterruptedException;
    }

    /** The paths a scenario measures: the run's (throughput) or its own ({@link PathCatalog#secret}). */
    private interface Paths {
        List<PathFactory> of(BenchContext ctx, List<PathFactory> runPaths, Results results);
    }

    private final Paths paths;
    private final Function<BenchContext, List<Case>> cases;
    private final boolean steady;
    /** Whether each measured run also reports the CPU it cost ({@link PhaseCpu}). */
    private final boolean cpu;
    /** Adds figures of the scenario's own once its paths are all up (xtcp's set-up times). */
    private final BiConsumer<PublishedSet, Results> started;

    /**
     * The first of {@code cases} warms each path: until steady ({@link #steadyWarmup}) if {@code steady},
     * else once; {@code cpu}: each measured run also reports its CPU ({@link #rounds}).
     */
    private IperfScenario(String name, String description, List<String> tools, Paths paths,
                          Function<BenchContext, List<Case>> cases, boolean steady, boolean cpu,
                          BiConsumer<PublishedSet, Results> started) {
        super(name, description, tools.toArray(String[]::new));
        this.paths = paths;
        this.cases = cases;
        this.steady = steady;
        this.cpu = cpu;
        this.started = started;
    }

    /**
     * "throughput": iperf3 through every TCP path, one stream and four, up and down, in Gbit/s as the
     * receiver counted; each path first warmed until steady, its first second the cold figure. Beside
     * each rate, its CPU: seconds per GB of the path's processes, the machine's busy share and the other
     * load ({@link PhaseCpu}).
     */
    public static IperfScenario throughput() {
        String name = "throughput";
        List<Case> cases = List.of(tcp(name, "1 stream upload", 1, false), tcp(name, "1 stream download", 1, true),
                tcp(name, "4 streams upload", 4, false), tcp(name, "4 streams download", 4, true));
        return new IperfScenario(name, "iperf3 through each TCP path: 1 and 4 streams, up and down (Gbit/s)",
                List.of("iperf3"), (ctx, runPaths, results) -> runPaths, ctx -> cases, true, true, (set, results) -> { });
    }

    /**
     * "udp": {@code iperf3 -u} at a fixed offered rate, up and down, through direct and jfrp's and stock
     * frp's udp proxy and sudp visitor (iperf3's control connection goes through a tcp proxy or stcp
     * visitor beside them). Figures: Mbit/s received, loss %.
     */
    public static IperfScenario udp() {
        return new IperfScenario("udp", "iperf3 -u at a fixed rate through udp and sudp, jfrp and frp, vs direct "
                + "(Mbit/s, loss %)", List.of("iperf3"),
                (ctx, runPaths, results) -> PathCatalog.secret(ctx, results, false, Kind.UDP, Kind.SUDP),
                ctx -> (ctx.quick() ? Stream.of(100_000_000L) : Stream.of(100_000_000L, 300_000_000L))
                        .flatMap(rate -> Stream.of(udp(rate, false), udp(rate, true))).toList(),
                false, false, (set, results) -> { });
    }

    /**
     * "stcp": one stream up and down to a service reached privately through an stcp visitor, jfrp's and
     * stock frp's, beside {@code ssh -L} (what users reach a private service with otherwise) and direct.
     */
    public static IperfScenario stcp() {
        return new IperfScenario("stcp", "iperf3 through an stcp visitor (jfrp, frp) vs ssh -L and direct, 1 stream "
                + "up and down (Gbit/s)", List.of("iperf3"),
                (ctx, runPaths, results) -> PathCatalog.secret(ctx, results, true, Kind.STCP),
                ctx -> oneStreamUpDown("stcp"), false, false, (set, results) -> { });
    }

    /**
     * "xtcp": one stream up and down through an xtcp visitor peer to peer (QUIC and KCP tunnels, jfrp's
     * and stock frp's) beside the stcp relay and direct, with a coturn STUN server; and each path's set-up
     * time, from the visitor client's start until it is ready ({@link FrpSecretPath#setup}).
     */
    public static IperfScenario xtcp() {
        String name = "xtcp";
        return new IperfScenario(name, "iperf3 through xtcp (QUIC, KCP) vs the stcp relay and direct, 1 stream up and "
                + "down (Gbit/s); set-up time (ms)", List.of("iperf3", "turnserver"),
                (ctx, runPaths, results) -> PathCatalog.secret(ctx, results, false, Kind.STCP, Kind.XTCP_QUIC,
                        Kind.XTCP_KCP), ctx -> oneStreamUpDown(name), false, false, (set, results) -> {
                    for (Published p : set.published()) {
                        if (p.path() instanceof FrpSecretPath secret && secret.setup() != null) {
                            results.add(name, "set-up", p.name(), secret.setup().toNanos() / 1e6, "ms", false);
                        }
                    }
                });
    }

    @Override
    public void run(BenchContext ctx, List<PathFactory> runPaths, Results results) throws Exception {
        List<Case> all = cases.apply(ctx);
        Path dir = ctx.newLogDir(name);
        try (Iperf3 server = Iperf3.start(null, Net.LOOPBACK, Net.freePort(), dir);
             PublishedSet set = publishAll(ctx, paths.of(ctx, runPaths, results), server.address(), results)) {
            started.accept(set, results);
            for (Published p : set.published()) {
                try {
                    Path json = dir.resolve("warmup-" + p.name() + ".json");
                    if (steady) {
                        steadyWarmup(ctx, all.get(0), p.name(), p.endpoint().address(), json, results);
                    } else {
                        all.get(0).runner().run(p.name(), p.endpoint().address(), (int) ctx.warmup().toSeconds(),
                                json, new Results());
                    }
                } catch (IOException e) {
                    BenchLog.log(name + ": warm-up through " + p.name() + " failed: " + e.getMessage());
                    server.restart();
                }
            }
            rounds(name, ctx, set, all, seconds(ctx), dir, server, cpu, results);
        }
    }

    /** Round after round, every path of {@code set} through every case; a failed run restarts {@code server}. */
    static void rounds(String scenario, BenchContext ctx, PublishedSet set, List<Case> cases, int seconds, Path dir,
                       Iperf3 server, Results results) throws Exception {
        rounds(scenario, ctx, set, cases, seconds, dir, server, false, results);
    }

    /**
     * As above; with {@code cpu}, each run's CPU too ({@link PhaseCpu}): of the iperf3 server, the path's
     * processes and the iperf3 client, over the bytes the run carried. Without /proc, a note says so.
     */
    static void rounds(String scenario, BenchContext ctx, PublishedSet set, List<Case> cases, int seconds, Path dir,
                       Iperf3 server, boolean cpu, Results results) throws Exception {
        boolean meter = cpu && PhaseCpu.available();
        if (cpu && !meter) {
            results.note(scenario + ": CPU per GB and other load not measured (no /proc: Linux only)");
        }
        for (int round = 1; round <= ctx.rounds(); round++) {
            for (Published p : set.published()) {
                for (Case c : cases) {
                    try {
                        PhaseCpu.Start start = meter ? PhaseCpu.start(processes(server, p)) : null;
                        long bytes = c.runner().run(p.name(), p.endpoint().address(), seconds,
                                json(dir, p.name(), c, round), results);
                        if (start != null) {
                            start.end(bytes).addTo(results, scenario, c.label(), p.name());
                        }
                    } catch (IOException e) {
                        results.note(scenario + ": " + p.name() + " " + c.label() + " round " + round + " failed: "
                                + e.getMessage());
                        BenchLog.log(scenario + ": " + p.name() + " " + c.label() + " failed: " + e.getMessage());
                        server.restart();
                    }
                }
            }
        }
    }

    /**
     * Warms {@code path} with {@code warmup}'s runs in one-second slices until the rate is steady, by the
     * rule and for the reasons of {@link SteadyRateWarmup} (docs/PERFORMANCE.md, "One stream through tcpMux+TLS: cold
     * and warm"). Both are reported: the first slice as {@code <case>, first second} (the cold figure),
     * and the seconds it took.
     */
    private void steadyWarmup(BenchContext ctx, Case warmup, String path, InetSocketAddress target, Path json,
                              Results results) throws IOException, InterruptedException {
        SteadyRateWarmup.Result r = SteadyRateWarmup.untilSteady(ctx, () -> {
            Results slice = new Results();
            warmup.runner().run(path, target, 1, json, slice);
            List<Figure> figures = slice.figures();
            return figures.isEmpty() ? 0 : figures.get(figures.size() - 1).value();
        });
        results.add(name, warmup.label() + ", first second", path, r.firstRate(), "Gbit/s", true);
        results.add(name, "warm-up to a steady rate", path, r.seconds(), "s", false);
        r.noteIfUnsteady(results, name, path);
    }

    /** The processes a run through {@code p} spends CPU in, beside the iperf3 client: iperf3's server, the path's. */
    private static List<ProcessHandle> processes(Iperf3 server, Published p) {
        List<ProcessHandle> all = new ArrayList<>(p.path().processes().values());
        all.add(server.process());
        return all;
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
            Iperf3.Result r = Iperf3.run(null, target, seconds, reverse, parallel, 0, json);
            results.add(scenario, label, path, r.gbps(), "Gbit/s", true);
            return r.bytes();
        });
    }

    /** One stream up and down, Gbit/s: the cases of stcp, xtcp and transports. */
    static List<Case> oneStreamUpDown(String scenario) {
        return List.of(tcp(scenario, "1 stream upload", 1, false), tcp(scenario, "1 stream download", 1, true));
    }

    /** {@code iperf3 -u} of 1200-byte datagrams at {@code rate}; figures: Mbit/s received and % lost. */
    private static Case udp(long rate, boolean reverse) {
        String what = String.format(Locale.ROOT, "%s at %d Mbit/s", reverse ? "down" : "up", rate / 1_000_000);
        return new Case(what, (path, target, seconds, json, results) -> {
            Iperf3.UdpResult r = Iperf3.runUdp(target, seconds, rate, 1200, reverse, json);
            results.add("udp", "received, " + what, path, r.mbps(), "Mbit/s", true);
            results.add("udp", "loss, " + what, path, r.lostPercent(), "%", false);
            BenchLog.log(String.format(Locale.ROOT, "udp %s: %s jitter %.3f ms", path, what, r.jitterMs()));
            return 0;
        });
    }
}
