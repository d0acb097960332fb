package io.jfrp.bench.harness;

import io.jfrp.bench.harness.paths.Launch;
import io.jfrp.bench.harness.paths.PathCatalog;
import io.jfrp.bench.harness.report.Charts;
import io.jfrp.bench.harness.report.JsonReport;
import io.jfrp.bench.harness.report.Markdown;
import io.jfrp.bench.harness.report.RunInfo;
import io.jfrp.bench.harness.report.Summary;
import io.jfrp.bench.harness.scenarios.HighLatencyScenario;
import io.jfrp.bench.harness.scenarios.ThroughputScenario;
import io.jfrp.bench.scenarios.ChurnScenario;
import io.jfrp.bench.scenarios.HttpLatencyScenario;
import io.jfrp.bench.scenarios.HttpRpsScenario;
import io.jfrp.bench.scenarios.MemoryScenario;
import io.jfrp.bench.scenarios.ScaleScenario;
import io.jfrp.bench.tunnel.Child;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

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
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * {@code bin/jfrp-bench}: every scenario against every available path in one run, paths interleaved
 * round by round, then results.json, results.md and PNG charts in the output folder. Checks the
 * external tools first and says how to install the missing ones; installs nothing. A scenario or
 * path whose tools are missing is skipped with a note, except with CI=true, where a tool that
 * scripts/install-test-deps.sh installs must be present. Everything is bounded by {@code --timeout};
 * child processes are killed on exit, on timeout and by a shutdown hook.
 */
@Command(name = "jfrp-bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Benchmarks jfrp against direct loopback, OpenSSH ssh -R and stock frp in one run.",
                "Scenarios: throughput, http-rps, http-latency, churn, scale, memory, high-latency."})
public final class BenchMain implements Callable<Integer> {
    @Option(names = "--quick", description = "quick mode (default): 1 round, ~3 s measurements, a few minutes in all")
    boolean quick;
    @Option(names = "--full", description = "full mode: 3 interleaved rounds, ~10 s measurements")
    boolean full;
    @Option(names = "--out", description = "results folder (default: bench/results/<UTC timestamp>)")
    Path out;
    @Option(names = "--scenarios", split = ",", description = "scenarios to run (default: all)")
    List<String> scenarioNames;
    @Option(names = "--paths", split = ",", description = "paths to measure (default: all available): direct, "
            + "jfrp-mux-tls, jfrp-mux-plain, jfrp-pool-tls, jfrp-vhost-http, ssh-R, frp-mux-tls, frp-pool")
    List<String> pathNames;
    @Option(names = "--frp-home", description = "directory holding stock frp's frps and frpc (default: $FRP_HOME)")
    Path frpHome;
    @Option(names = "--rounds", description = "override the mode's rounds")
    Integer rounds;
    @Option(names = "--phase-seconds", description = "override the mode's seconds per measurement")
    Integer phaseSeconds;
    @Option(names = "--child-java-opts", description = "JVM options of jfrps and jfrpc (default: ${DEFAULT-VALUE})",
            defaultValue = "-Xmx2g")
    String childJavaOpts;
    @Option(names = "--timeout", description = "seconds the whole run may take before everything is killed "
            + "(default: 900 quick, 7200 full)")
    Long timeoutSeconds;
    @Option(names = "--list", description = "print the scenarios and paths, what each lacks, and exit")
    boolean list;

    private final Results results = new Results();
    private final List<String> argv;

    BenchMain(List<String> argv) {
        this.argv = argv;
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new BenchMain(List.of(args))).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        if (quick && full) {
            System.err.println("jfrp-bench: --quick and --full exclude each other");
            return 2;
        }
        Mode mode = full ? Mode.FULL : Mode.QUICK;
        int r = rounds != null ? rounds : mode == Mode.FULL ? 3 : 1;
        int phase = phaseSeconds != null ? phaseSeconds : mode == Mode.FULL ? 10 : 3;
        long timeout = timeoutSeconds != null ? timeoutSeconds : mode == Mode.FULL ? 7200 : 900;
        if (r < 1 || phase < 1 || timeout < 10) {
            System.err.println("jfrp-bench: --rounds and --phase-seconds must be at least 1, --timeout at least 10");
            return 2;
        }
        System.setProperty(Launch.CHILD_JAVA_OPTS_PROPERTY, childJavaOpts);
        Path root = Path.of(System.getProperty("jfrp.bench.root", ".")).toAbsolutePath().normalize();
        if (frpHome == null && System.getenv("FRP_HOME") != null && !System.getenv("FRP_HOME").isBlank()) {
            frpHome = Path.of(System.getenv("FRP_HOME"));
        }

        List<PathFactory> allPaths = PathCatalog.all(frpHome, timeout + 60);
        List<Scenario> allScenarios = scenarios(root, timeout + 60);
        List<String> unknown = new ArrayList<>();
        List<Scenario> selectedScenarios = select(allScenarios, scenarioNames, Scenario::name, unknown);
        List<PathFactory> selectedPaths = select(allPaths, pathNames, PathFactory::name, unknown);
        if (!unknown.isEmpty()) {
            System.err.println("jfrp-bench: unknown scenario or path: " + String.join(", ", unknown) + "\n  scenarios: "
                    + String.join(", ", allScenarios.stream().map(Scenario::name).toList()) + "\n  paths: "
                    + String.join(", ", allPaths.stream().map(PathFactory::name).toList()));
            return 2;
        }

        // tools first: say what is missing and how to get it, before anything starts
        Set<String> missingTools = new LinkedHashSet<>();
        selectedScenarios.forEach(s -> missingTools.addAll(Tools.missing(s.requiredTools())));
        selectedPaths.forEach(p -> missingTools.addAll(p.missingTools()));
        boolean ci = "true".equalsIgnoreCase(System.getenv("CI"));
        List<String> mustHave = new ArrayList<>();
        if (!missingTools.isEmpty()) {
            System.err.println("jfrp-bench: missing tools (their scenarios or paths are skipped):");
            for (String t : missingTools) {
                System.err.println("  " + t + ": " + Tools.installHint(t));
                if (ci && Tools.installedByTestDeps(t)) {
                    mustHave.add(t);
                }
            }
        }
        if (list) {
            selectedScenarios.forEach(s -> System.out.println("scenario " + s.name() + missingText(
                    Tools.missing(s.requiredTools()))));
            selectedPaths.forEach(p -> System.out.println("path " + p.name() + (p.httpOnly() ? " (HTTP only)" : "")
                    + missingText(p.missingTools())));
            return 0;
        }
        if (!mustHave.isEmpty()) {
            System.err.println("jfrp-bench: CI=true and scripts/install-test-deps.sh installs " + String.join(", ", mustHave)
                    + ", so they must be present; run that script first");
            return 2;
        }

        Instant started = Instant.now();
        Path outDir = out != null ? out : root.resolve("bench").resolve("results").resolve(
                DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss'Z'").withZone(ZoneOffset.UTC).format(started));
        Files.createDirectories(outDir.resolve("logs"));
        BenchContext ctx = new BenchContext(mode, outDir.toAbsolutePath(), r, Duration.ofSeconds(phase));
        BenchLog.log("jfrp-bench " + mode.name().toLowerCase() + ": " + r + " round(s), " + phase + " s phases, results in "
                + ctx.outDir());

        List<PathFactory> available = selectedPaths.stream().filter(p -> p.missingTools().isEmpty()).toList();
        for (PathFactory p : selectedPaths) {
            if (!p.missingTools().isEmpty()) {
                results.note("path " + p.name() + " skipped: missing " + String.join(", ", p.missingTools()));
            }
        }
        List<RunInfo.ScenarioStatus> statuses = new ArrayList<>();
        Watchdog watchdog = Watchdog.start(Duration.ofSeconds(timeout), () -> {
            results.note("the run hit --timeout " + timeout + " s: everything was killed; figures are partial");
            writeReport(ctx, mode, r, phase, started, selectedPaths, statuses);
        });
        boolean failed = false;
        try {
            for (Scenario s : selectedScenarios) {
                List<String> missing = Tools.missing(s.requiredTools());
                if (!missing.isEmpty()) {
                    String why = "missing " + String.join(", ", missing);
                    statuses.add(new RunInfo.ScenarioStatus(s.name(), "skipped", why));
                    results.note("scenario " + s.name() + " skipped: " + why);
                    continue;
                }
                BenchLog.log("scenario " + s.name() + " ...");
                long t0 = System.nanoTime();
                try {
                    s.run(ctx, available, results);
                    if (s instanceof HighLatencyScenario h && h.skipReason() != null) {
                        statuses.add(new RunInfo.ScenarioStatus(s.name(), "skipped", h.skipReason()));
                    } else {
                        statuses.add(new RunInfo.ScenarioStatus(s.name(), "ran",
                                String.format(java.util.Locale.ROOT, "%.0f s", (System.nanoTime() - t0) / 1e9)));
                    }
                } catch (Exception e) {
                    failed = true;
                    statuses.add(new RunInfo.ScenarioStatus(s.name(), "failed", String.valueOf(e.getMessage())));
                    results.note("scenario " + s.name() + " failed: " + e);
                    BenchLog.log("scenario " + s.name() + " failed: " + e);
                    e.printStackTrace();
                }
            }
        } finally {
            watchdog.cancel();
            Child.killAll();
        }
        String md = writeReport(ctx, mode, r, phase, started, selectedPaths, statuses);
        System.out.print(md);
        System.out.println("\nresults: " + ctx.outDir());
        return failed ? 1 : 0;
    }

    private synchronized String writeReport(BenchContext ctx, Mode mode, int r, int phase, Instant started,
                                            List<PathFactory> paths, List<RunInfo.ScenarioStatus> statuses) {
        Map<String, String> tools = new LinkedHashMap<>(Tools.versions());
        String frp = PathCatalog.frpVersion(frpHome);
        if (frp != null) {
            tools.put("frp", frp + " (" + frpHome + ")");
        }
        RunInfo info = new RunInfo(command(), mode.name().toLowerCase(), r, phase, started, Instant.now(),
                Machine.describe(), tools, paths.stream().map(p -> new RunInfo.PathStatus(p.name(),
                p.missingTools().isEmpty(), p.missingTools())).toList(), List.copyOf(statuses));
        try {
            Map<String, List<String>> charts;
            try {
                charts = Charts.write(Summary.of(results.figures()), ctx.outDir());
            } catch (IOException | RuntimeException e) {
                results.note("charts could not be written: " + e);
                charts = Map.of();
            }
            String md = Markdown.report(info, results, charts);
            Files.writeString(ctx.outDir().resolve("results.md"), md, StandardCharsets.UTF_8);
            Files.writeString(ctx.outDir().resolve("results.json"), JsonReport.write(info, results, charts),
                    StandardCharsets.UTF_8);
            return md;
        } catch (IOException e) {
            BenchLog.log("cannot write the report into " + ctx.outDir() + ": " + e);
            return "";
        }
    }

    private String command() {
        return "bin/jfrp-bench" + (argv.isEmpty() ? "" : " " + String.join(" ", argv));
    }

    private static String missingText(List<String> missing) {
        return missing.isEmpty() ? ": available" : ": missing " + String.join(", ", missing);
    }

    /** Every scenario, in the order: throughput, HTTP, churn, scale, memory (io.jfrp.bench.scenarios), high latency. */
    static List<Scenario> scenarios(Path root, long childTimeout) {
        return List.of(new ThroughputScenario(), new HttpRpsScenario(), new HttpLatencyScenario(), new ChurnScenario(),
                new ScaleScenario(), new MemoryScenario(),
                new HighLatencyScenario(root.resolve("bench").resolve("netem"), childTimeout));
    }

    private static <T> List<T> select(List<T> all, List<String> names, java.util.function.Function<T, String> name,
                                      List<String> unknown) {
        if (names == null || names.isEmpty()) {
            return all;
        }
        List<T> out = new ArrayList<>();
        for (String n : names) {
            all.stream().filter(x -> name.apply(x).equals(n.trim())).findFirst().ifPresentOrElse(out::add,
                    () -> unknown.add(n));
        }
        return out;
    }
}
