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
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The iperf3 scenarios on 127.0.0.1 (throughput, udp, stcp, xtcp), one shape: one {@code iperf3 -s}
 * as the service, every path published at once, an untimed warm-up run through each (the JITs), then
 * round after round every path's cases in turn, the paths' order rotated by one each round
 * ({@link #schedule}). A run that fails is a note (with iperf3's own error) and restarts the server; the
 * other runs go on. Each run lasts the phase, at most 2 s in quick mode, where the warm-up matters more
 * than the run's length; there the throughput's one-stream cases, which the goals judge, still run
 * {@link #QUICK_ONE_STREAM_ROUNDS} rounds ({@link #caseRounds}).
 */
public final class IperfScenario extends Scenario {
    /**
     * The rounds of the throughput's one-stream cases in quick mode (at least): one 2 s sample per path
     * cannot tell a program from the machine's moment (docs/PERFORMANCE.md, "Why one stream's rate moves
     * between runs"), and the goals' one-stream rows are the medians of these rounds.
     */
    static final int QUICK_ONE_STREAM_ROUNDS = 3;
    private static final String THROUGHPUT = "throughput";

    /** One kind of iperf3 client run through a path, named in file names, notes and the log. */
    record Case(String label, Runner runner) {
    }

    /** One measured run of a {@link #schedule}: in {@code round} (from 1), the path and the case at these indexes. */
    record Run(int round, int path, int caseIndex) {
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
    /** How many rounds each case runs ({@link #caseRounds}, or the run's rounds for every case). */
    private final BiFunction<BenchContext, List<Case>, int[]> caseRounds;
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
        this(name, description, tools, paths, cases, IperfScenario::sameRounds, steady, cpu, started);
    }

    /** As above, each case running {@code caseRounds} rounds. */
    private IperfScenario(String name, String description, List<String> tools, Paths paths,
                          Function<BenchContext, List<Case>> cases,
                          BiFunction<BenchContext, List<Case>, int[]> caseRounds, boolean steady, boolean cpu,
                          BiConsumer<PublishedSet, Results> started) {
        super(name, description, tools.toArray(String[]::new));
        this.paths = paths;
        this.cases = cases;
        this.caseRounds = caseRounds;
        this.steady = steady;
        this.cpu = cpu;
        this.started = started;
    }

    /**
     * "throughput": iperf3 through every TCP path, one stream and four, up and down, in Gbit/s as the
     * receiver counted; each path first warmed until steady, its first second the cold figure. Beside
     * each rate, its CPU: seconds per GB of the path's processes, the machine's busy share and the other
     * load ({@link PhaseCpu}). In quick mode the one-stream cases run {@link #QUICK_ONE_STREAM_ROUNDS}
     * rounds, the four-stream ones the run's ({@link #caseRounds}).
     */
    public static IperfScenario throughput() {
        List<Case> cases = throughputCases();
        return new IperfScenario(THROUGHPUT, "iperf3 through each TCP path: 1 and 4 streams, up and down (Gbit/s)",
                List.of("iperf3"), (ctx, runPaths, results) -> runPaths, ctx -> cases, IperfScenario::caseRounds, true,
                true, (set, results) -> { });
    }

    /**
     * "udp": {@code iperf3 -u} at a fixed offered rate, up and down, through direct and jfrp's and stock
     * frp's udp proxy and sudp visitor (iperf3's control connection goes through a tcp proxy or stcp
     * visitor beside them). Figures: Mbit/s received, loss %; beside each run its CPU per GB received,
     * the machine's busy share and the other load ({@link PhaseCpu}).
     */
    public static IperfScenario udp() {
        return new IperfScenario("udp", "iperf3 -u at a fixed rate through udp and sudp, jfrp and frp, vs direct "
                + "(Mbit/s, loss %)", List.of("iperf3"),
                (ctx, runPaths, results) -> PathCatalog.secret(ctx, results, false, Kind.UDP, Kind.SUDP),
                ctx -> (ctx.quick() ? Stream.of(100_000_000L) : Stream.of(100_000_000L, 300_000_000L))
                        .flatMap(rate -> Stream.of(udp(rate, false), udp(rate, true))).toList(),
                false, true, (set, results) -> { });
    }

    /**
     * "stcp": one stream up and down to a service reached privately through an stcp visitor, jfrp's and
     * stock frp's, beside {@code ssh -L} (what users reach a private service with otherwise) and direct;
     * beside each rate its CPU ({@link PhaseCpu}).
     */
    public static IperfScenario stcp() {
        return new IperfScenario("stcp", "iperf3 through an stcp visitor (jfrp, frp) vs ssh -L and direct, 1 stream "
                + "up and down (Gbit/s)", List.of("iperf3"),
                (ctx, runPaths, results) -> PathCatalog.secret(ctx, results, true, Kind.STCP),
                ctx -> oneStreamUpDown("stcp"), false, true, (set, results) -> { });
    }

    /**
     * "xtcp": one stream up and down through an xtcp visitor peer to peer (QUIC and KCP tunnels, jfrp's
     * and stock frp's) beside the stcp relay and direct, with a coturn STUN server; and each path's set-up
     * time, from the visitor client's start until it is ready ({@link FrpSecretPath#setup}); beside each
     * rate its CPU ({@link PhaseCpu}).
     */
    public static IperfScenario xtcp() {
        String name = "xtcp";
        return new IperfScenario(name, "iperf3 through xtcp (QUIC, KCP) vs the stcp relay and direct, 1 stream up and "
                + "down (Gbit/s); set-up time (ms)", List.of("iperf3", "turnserver"),
                (ctx, runPaths, results) -> PathCatalog.secret(ctx, results, false, Kind.STCP, Kind.XTCP_QUIC,
                        Kind.XTCP_KCP), ctx -> oneStreamUpDown(name), false, true, (set, results) -> {
                    for (Published p : set.published()) {
                        if (p.path() instanceof FrpSecretPath secret && secret.setup() != null) {
                            results.add(name, "set-up", p.name(), secret.setup().toNanos() / 1e6, "ms", false);
                        }
                    }
                });
    }

    /** This scenario through {@code factories} instead of its own paths (a test's direct path). */
    IperfScenario onPaths(List<PathFactory> factories) {
        return new IperfScenario(name, description, requiredTools, (ctx, runPaths, results) -> factories, cases,
                caseRounds, steady, cpu, started);
    }

    /** The throughput's cases, in their order: one stream up and down, four streams up and down. */
    static List<Case> throughputCases() {
        return List.of(tcp(THROUGHPUT, "1 stream upload", 1, false), tcp(THROUGHPUT, "1 stream download", 1, true),
                tcp(THROUGHPUT, "4 streams upload", 4, false), tcp(THROUGHPUT, "4 streams download", 4, true));
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
            rounds(name, set, all, caseRounds.apply(ctx, all), seconds(ctx), dir, server, cpu, results);
        }
    }

    /**
     * The run's rounds, every path of {@code set} through every case ({@link #schedule}); a failed run
     * restarts {@code server}; with {@code cpu}, each run's CPU too (below).
     */
    static void rounds(String scenario, BenchContext ctx, PublishedSet set, List<Case> cases, int seconds, Path dir,
                       Iperf3 server, boolean cpu, Results results) throws Exception {
        rounds(scenario, set, cases, sameRounds(ctx, cases), seconds, dir, server, cpu, results);
    }

    /**
     * The runs of {@link #schedule}, case {@code i} in {@code caseRounds[i]} rounds; with {@code cpu}, each
     * run's CPU too ({@link PhaseCpu}): of the iperf3 server, the path's processes and the iperf3 client,
     * over the bytes the run carried. Without /proc, a note says so.
     */
    private static void rounds(String scenario, PublishedSet set, List<Case> cases, int[] caseRounds, int seconds,
                               Path dir, Iperf3 server, boolean cpu, Results results) throws Exception {
        boolean meter = cpu && PhaseCpu.available();
        if (cpu && !meter) {
            results.note(scenario + ": CPU per GB and other load not measured (no /proc: Linux only)");
        }
        List<Published> published = set.published();
        for (Run run : schedule(published.size(), caseRounds)) {
            Published p = published.get(run.path());
            Case c = cases.get(run.caseIndex());
            try {
                PhaseCpu.Start start = meter ? PhaseCpu.start(processes(server, p)) : null;
                long bytes = c.runner().run(p.name(), p.endpoint().address(), seconds,
                        json(dir, p.name(), c, run.round()), results);
                if (start != null) {
                    start.end(bytes).addTo(results, scenario, c.label(), p.name());
                }
            } catch (IOException e) {
                results.note(scenario + ": " + p.name() + " " + c.label() + " round " + run.round() + " failed: "
                        + e.getMessage());
                BenchLog.log(scenario + ": " + p.name() + " " + c.label() + " failed: " + e.getMessage());
                server.restart();
            }
        }
    }

    /**
     * The order of the measured runs over {@code paths} paths: round after round, every path in turn,
     * the order rotated by one path each round (round 1 from the first path, round 2 from the second, and
     * so on), so that no path always runs right after the same one, nor always first or last; within a
     * path its cases in order, case {@code i} only in rounds 1 to {@code caseRounds[i]}.
     */
    static List<Run> schedule(int paths, int[] caseRounds) {
        int rounds = Arrays.stream(caseRounds).max().orElse(0);
        List<Run> runs = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
            for (int i = 0; i < paths; i++) {
                int path = (i + round - 1) % paths;
                for (int c = 0; c < caseRounds.length; c++) {
                    if (round <= caseRounds[c]) {
                        runs.add(new Run(round, path, c));
                    }
                }
            }
        }
        return runs;
    }

    /** The run's rounds for each of {@code cases}. */
    private static int[] sameRounds(BenchContext ctx, List<Case> cases) {
        int[] rounds = new int[cases.size()];
        Arrays.fill(rounds, ctx.rounds());
        return rounds;
    }

    /**
     * The throughput's rounds per case: the run's, and in quick mode at least {@link #QUICK_ONE_STREAM_ROUNDS}
     * for the one-stream cases (those the goals judge), whose rate moves most between runs; the four-stream
     * cases keep the run's, which holds the quick bench's time.
     */
    static int[] caseRounds(BenchContext ctx, List<Case> cases) {
        int[] rounds = sameRounds(ctx, cases);
        for (int i = 0; i < rounds.length; i++) {
            if (ctx.quick() && cases.get(i).label().startsWith("1 stream")) {
                rounds[i] = Math.max(rounds[i], QUICK_ONE_STREAM_ROUNDS);
            }
        }
        return rounds;
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
            return r.bytes();
        });
    }
}
