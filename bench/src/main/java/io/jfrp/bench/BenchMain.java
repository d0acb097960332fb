package io.jfrp.bench;

import io.jfrp.bench.paths.Child;
import io.jfrp.bench.paths.PathCatalog;
import io.jfrp.bench.paths.PathFactory;
import io.jfrp.bench.report.Charts;
import io.jfrp.bench.report.JsonReport;
import io.jfrp.bench.report.Markdown;
import io.jfrp.bench.report.RunInfo;
import io.jfrp.bench.report.Summary;
import io.jfrp.bench.tools.Tools;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.Timer;
import java.util.TimerTask;
import java.util.concurrent.Callable;
import java.util.function.Function;

/**
 * {@code bin/jfrp-bench}: every selected scenario of {@link ScenarioRegistry} against every available
 * path of {@link PathCatalog}, then results.json, results.md and PNG charts. Installs nothing: what
 * lacks a tool is skipped with a note (with CI=true, an error for one scripts/install-test-deps.sh
 * installs). Exit status: 0; 1 when a scenario failed or a path could not start; 2 for a usage error or
 * a missing tool in CI; 3 on {@code --timeout}.
 */
@Command(name = "jfrp-bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Benchmarks jfrp against direct loopback, OpenSSH ssh -R and stock frp in one run, "
                + "and the yamux multiplexer alone.", "--list names the scenarios and paths."})
public final class BenchMain implements Callable<Integer> {
    @Option(names = "--quick", description = "quick mode (default): 1 round, ~3 s measurements, a few minutes in all")
    boolean quick;
    @Option(names = "--full", description = "full mode: 3 interleaved rounds, ~10 s measurements")
    boolean full;
    @Option(names = "--out", description = "results folder (default: bench/results/<UTC timestamp>)")
    Path out;
    @Option(names = "--scenarios", split = ",", description = "scenarios to run (default: all)")
    List<String> scenarioNames;
    @Option(names = "--paths", split = ",", description = "paths to measure (default: all available)")
    List<String> pathNames;
    @Option(names = "--frp-home", description = "directory holding stock frp's frps and frpc (default: $FRP_HOME, "
            + "else ../shared/peers/frp-0.70.0 from the project root when it exists)")
    Path frpHome;
    @Option(names = "--rounds", description = "override the mode's rounds")
    Integer rounds;
    @Option(names = "--phase-seconds", description = "override the mode's seconds per measurement")
    Integer phaseSeconds;
    @Option(names = "--warmup-cap-seconds", description = "override the mode's longest warm-up until a steady rate "
            + "before an HTTP or throughput measurement (default: 20 quick, 40 full; it runs at least its 3 slices)")
    Integer warmupCapSeconds;
    @Option(names = "--child-java-opts", description = "JVM options of jfrps, jfrpc and the yamux relays, split on "
            + "whitespace (default: none, so each program runs with its launcher's own settings, as users run it)",
            defaultValue = "")
    String childJavaOpts;
    @Option(names = "--child-java-opt", paramLabel = "OPTION", description = "one more JVM option of the child JVMs, "
            + "taken whole (it may hold spaces: -Djfrp.bench.trace=/a dir); repeatable, after --child-java-opts")
    List<String> childJavaOptions;
    @Option(names = "--timeout", description = "seconds the whole run may take before everything is killed "
            + "(default: 900 quick, 7200 full)")
    Long timeoutSeconds;
    @Option(names = "--list", description = "print the scenarios and paths, what each lacks, and exit")
    boolean list;

    @Spec
    CommandSpec spec;

    private final Results results = new Results();

    /**
     * The child JVM options, one each: {@code split} (--child-java-opts) split on whitespace, then
     * {@code whole} (--child-java-opt) as they are.
     */
    static List<String> childJavaOptions(String split, List<String> whole) {
        List<String> opts = new ArrayList<>();
        for (String opt : (split == null ? "" : split).trim().split("\\s+")) {
            if (!opt.isEmpty()) {
                opts.add(opt);
            }
        }
        if (whole != null) {
            opts.addAll(whole);
        }
        return opts;
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new BenchMain()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        if (quick && full) {
            return usage("--quick and --full exclude each other");
        }
        Mode mode = full ? Mode.FULL : Mode.QUICK;
        int r = rounds != null ? rounds : mode.rounds();
        int phase = phaseSeconds != null ? phaseSeconds : mode.phaseSeconds();
        long timeout = timeoutSeconds != null ? timeoutSeconds : mode.timeoutSeconds();
        if (r < 1 || phase < 1 || timeout < 10) {
            return usage("--rounds and --phase-seconds must be at least 1, --timeout at least 10");
        }
        if (warmupCapSeconds != null) {
            if (warmupCapSeconds < 1) {
                return usage("--warmup-cap-seconds must be at least 1");
            }
            mode = mode.withWarmupCap(warmupCapSeconds);
        }
        Path root = Path.of(System.getProperty("jfrp.bench.root", ".")).toAbsolutePath().normalize();
        frpHome = PathCatalog.frpHome(frpHome, System.getenv("FRP_HOME"), root);

        List<PathFactory> allPaths = PathCatalog.all(frpHome);
        List<String> unknown = new ArrayList<>();
        List<Scenario> scenarios = scenarioNames == null || scenarioNames.isEmpty()
                ? ScenarioRegistry.all().stream().filter(s -> !s.optIn).toList()
                : select(ScenarioRegistry.all(), s -> s.name, scenarioNames, unknown);
        boolean optInScenario = scenarios.stream().anyMatch(s -> s.optIn);
        List<PathFactory> paths = pathNames == null || pathNames.isEmpty()
                ? allPaths.stream().filter(p -> !p.optIn() || optInScenario).toList()
                : select(allPaths, PathFactory::name, pathNames, unknown);
        if (!unknown.isEmpty()) {
            return usage("unknown scenario or path: " + String.join(", ", unknown) + "\n  scenarios: "
                    + String.join(", ", ScenarioRegistry.all().stream().map(s -> s.name).toList()) + "\n  paths: "
                    + String.join(", ", allPaths.stream().map(PathFactory::name).toList()));
        }
        Instant started = Instant.now();
        Path outDir = (out != null ? out : root.resolve("bench/results").resolve(DateTimeFormatter
                .ofPattern("yyyyMMdd-HHmmss'Z'").withZone(ZoneOffset.UTC).format(started))).toAbsolutePath();
        BenchContext ctx = new BenchContext(mode, outDir, r, Duration.ofSeconds(phase), root,
                childJavaOptions(childJavaOpts, childJavaOptions), frpHome);

        // tools first: say what is missing and how to get it, before anything starts
        Set<String> missingTools = new LinkedHashSet<>();
        scenarios.forEach(s -> missingTools.addAll(Tools.missing(s.requiredTools)));
        paths.forEach(p -> missingTools.addAll(p.missingTools()));
        List<String> mustHave = missingTools.stream().filter(Tools::installedByTestDeps).toList();
        if (!missingTools.isEmpty()) {
            System.err.println("jfrp-bench: missing tools (their scenarios or paths are skipped):");
            missingTools.forEach(t -> System.err.println("  " + t + ": " + Tools.installHint(t)));
        }
        if (list) {
            for (Scenario s : scenarios) {
                String why = s.unavailableReason(ctx);
                System.out.println("scenario " + s.name + ": " + s.description + missingText(Tools.missing(
                        s.requiredTools)) + (why == null ? "" : " (" + why + ")"));
            }
            paths.forEach(p -> System.out.println("path " + p.name() + (p.httpOnly() ? " (HTTP only)" : "")
                    + missingText(p.missingTools())));
            return 0;
        }
        if ("true".equalsIgnoreCase(System.getenv("CI")) && !mustHave.isEmpty()) {
            return usage("CI=true and scripts/install-test-deps.sh installs " + String.join(", ", mustHave)
                    + ", so they must be present; run that script first");
        }
        Files.createDirectories(outDir.resolve("logs"));
        BenchLog.log("jfrp-bench " + mode.name() + ": " + r + " round(s), " + phase
                + " s phases, results in " + outDir);
        List<PathFactory> available = paths.stream().filter(p -> p.missingTools().isEmpty()).toList();
        paths.stream().filter(p -> !p.missingTools().isEmpty()).forEach(p -> results.note("path " + p.name()
                + " skipped: missing " + String.join(", ", p.missingTools())));
        List<RunInfo.ScenarioStatus> statuses = new ArrayList<>();
        Timer watchdog = watchdog(timeout, () -> {
            results.note("the run hit --timeout " + timeout + " s: everything was killed; figures are partial");
            writeReport(ctx, started, paths, statuses);
        });
        try {
            boolean named = pathNames != null && !pathNames.isEmpty();
            for (Scenario s : scenarios) {
                // Unless paths are named: the usual paths for the usual scenarios; the opt-in paths (the
                // transport variants) and the references of the ratios for the opt-in ones.
                statuses.add(runScenario(s, ctx, named ? available : available.stream().filter(p -> s.optIn
                        ? p.optIn() || PathCatalog.REFERENCES.contains(p.name()) : !p.optIn()).toList()));
            }
        } finally {
            watchdog.cancel();
            Child.killAll();
        }
        System.out.print(writeReport(ctx, started, paths, statuses));
        System.out.println("\nresults: " + outDir);
        boolean failed = results.failures() > 0 || statuses.stream().anyMatch(s -> s.status().equals("failed"));
        return failed ? 1 : 0;
    }

    private RunInfo.ScenarioStatus runScenario(Scenario s, BenchContext ctx, List<PathFactory> available) {
        List<String> missing = Tools.missing(s.requiredTools);
        String unavailable = missing.isEmpty() ? s.unavailableReason(ctx) : "missing " + String.join(", ", missing);
        if (unavailable != null) {
            results.note("scenario " + s.name + " skipped: " + unavailable);
            return new RunInfo.ScenarioStatus(s.name, "skipped", unavailable);
        }
        BenchLog.log("scenario " + s.name + " ...");
        long t0 = System.nanoTime();
        try {
            s.run(ctx, available, results);
            return new RunInfo.ScenarioStatus(s.name, "ran",
                    String.format(Locale.ROOT, "%.0f s", (System.nanoTime() - t0) / 1e9));
        } catch (Scenario.Skipped e) {
            results.note("scenario " + s.name + " skipped: " + e.getMessage());
            return new RunInfo.ScenarioStatus(s.name, "skipped", e.getMessage());
        } catch (Exception e) {
            results.note("scenario " + s.name + " failed: " + e);
            BenchLog.log("scenario " + s.name + " failed: " + e);
            e.printStackTrace();
            return new RunInfo.ScenarioStatus(s.name, "failed", String.valueOf(e.getMessage()));
        }
    }

    private synchronized String writeReport(BenchContext ctx, Instant started, List<PathFactory> paths,
                                            List<RunInfo.ScenarioStatus> statuses) {
        Map<String, String> tools = new LinkedHashMap<>(Tools.versions());
        String frp = PathCatalog.frpVersion(frpHome);
        if (frp != null) {
            tools.put("frp", frp + " (" + frpHome + ")");
        }
        RunInfo info = new RunInfo(command(), ctx.mode().name(), ctx.rounds(),
                ctx.phase().toSeconds(), started, Instant.now(), Machine.describe(), tools, paths.stream()
                .map(p -> new RunInfo.PathStatus(p.name(), p.missingTools().isEmpty(), p.missingTools())).toList(),
                List.copyOf(statuses));
        Map<String, List<String>> charts;
        try {
            charts = Charts.write(Summary.of(results.figures()), ctx.outDir());
        } catch (IOException | RuntimeException e) {
            results.note("charts could not be written: " + e);
            charts = Map.of();
        }
        String md = Markdown.report(info, results, charts);
        try {
            Files.writeString(ctx.outDir().resolve("results.md"), md, StandardCharsets.UTF_8);
            Files.writeString(ctx.outDir().resolve("results.json"), JsonReport.write(info, results, charts),
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            BenchLog.log("cannot write the report into " + ctx.outDir() + ": " + e);
        }
        return md;
    }

    /** After {@code seconds}: kills every child, lets {@code onTimeout} write a partial report, exits 3. */
    private static Timer watchdog(long seconds, Runnable onTimeout) {
        Timer timer = new Timer("jfrp-bench-watchdog", true);
        timer.schedule(new TimerTask() {
            @Override
            public void run() {
                BenchLog.log("timeout: the run took more than " + seconds + " s; killing everything");
                Child.killAll();
                try {
                    onTimeout.run();
                } finally {
                    System.exit(3); // runs the shutdown hooks: children killed, netem link torn down
                }
            }
        }, seconds * 1000);
        return timer;
    }

    private String command() {
        List<String> args = spec.commandLine().getParseResult().originalArgs();
        return "bin/jfrp-bench" + (args.isEmpty() ? "" : " " + String.join(" ", args));
    }

    private static int usage(String message) {
        System.err.println("jfrp-bench: " + message);
        return 2;
    }

    private static String missingText(List<String> missing) {
        return missing.isEmpty() ? "" : "; missing " + String.join(", ", missing);
    }

    /** The items of {@code all} with the given names, in the order named; unknown names collected. */
    private static <T> List<T> select(List<T> all, Function<T, String> name, List<String> names, List<String> unknown) {
        List<T> out = new ArrayList<>();
        for (String n : names) {
            all.stream().filter(x -> name.apply(x).equals(n.trim())).findFirst().ifPresentOrElse(out::add,
                    () -> unknown.add(n));
        }
        return out;
    }
}
