package io.jfrp.bench.tunnel;

import io.netty.util.Version;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * iperf3 throughput on 127.0.0.1 directly and through jfrp tcp proxies: tcpMux + TLS, tcpMux
 * without TLS, and a work-connection pool (no tcpMux) with TLS. jfrps and jfrpc of every tunnel run
 * as separate JVMs ({@link TunnelProcess}); one iperf3 server serves every path. Rounds interleave
 * the paths; the Markdown table on stdout gives medians and ratios to direct, the JSON file every
 * run.
 */
@Command(name = "jfrp-tunnel-bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"iperf3 through jfrp tcp proxies (jfrps + jfrpc as separate JVMs) vs direct, on 127.0.0.1."})
public final class TunnelIperfBenchmark implements Callable<Integer> {
    private static final String HOST = "127.0.0.1";
    private static final int CPUS = Runtime.getRuntime().availableProcessors();
    /** Clock ticks per second of /proc/stat (USER_HZ; 100 on Linux). */
    private static final double USER_HZ = 100;

    @Option(names = "--seconds", description = "iperf3 -t of each timed run (default: ${DEFAULT-VALUE})", defaultValue = "10")
    int seconds;
    @Option(names = "--rounds", description = "interleaved rounds over the paths (default: ${DEFAULT-VALUE})", defaultValue = "3")
    int rounds;
    @Option(names = "--warmup-seconds", description = "untimed iperf3 run per path first, to warm up the JITs "
            + "(default: ${DEFAULT-VALUE}; 0 skips)", defaultValue = "5")
    int warmupSeconds;
    @Option(names = {"-R", "--reverse"}, description = "iperf3 -R: the iperf3 server sends (data flows server -> jfrpc -> "
            + "jfrps -> iperf3 client)")
    boolean reverse;
    @Option(names = {"-P", "--parallel"}, description = "iperf3 -P: parallel TCP streams (default: ${DEFAULT-VALUE})",
            defaultValue = "1")
    int parallel;
    @Option(names = "--omit", description = "iperf3 -O: seconds omitted at the start of each run (default: ${DEFAULT-VALUE})",
            defaultValue = "0")
    int omit;
    @Option(names = "--paths", split = ",", description = "paths to measure, of ${COMPLETION-CANDIDATES} (default: all; "
            + "ratios need DIRECT; RELAY is the reference: two plain Netty forwarders, no frp)")
    List<PathKind> paths = new ArrayList<>(List.of(PathKind.values()));
    @Option(names = "--pool-count", description = "transport.poolCount of the POOL_TLS path (default: ${DEFAULT-VALUE})",
            defaultValue = "5")
    int poolCount;
    @Option(names = "--wait-idle", description = "before each run, wait up to this many seconds for the machine to be "
            + "idle (busy < --idle-percent over 1 s), for shared machines (default: ${DEFAULT-VALUE}; 0: don't wait)",
            defaultValue = "30")
    int waitIdleSeconds;
    @Option(names = "--idle-percent", description = "what --wait-idle counts as idle, %% of all CPUs busy "
            + "(default: ${DEFAULT-VALUE})", defaultValue = "15")
    double idlePercent;
    @Option(names = "--child-java-opts", description = "JVM options of every jfrps/jfrpc process (default: ${DEFAULT-VALUE})",
            defaultValue = "-Xms256m -Xmx1g")
    String childJavaOpts;
    @Option(names = "--jfr", description = "directory: record each jfrps/jfrpc JVM with JFR (settings=profile) into "
            + "DIR/<path>-<role>.jfr")
    Path jfrDir;
    @Option(names = "--iperf3", description = "iperf3 executable (default: ${DEFAULT-VALUE})", defaultValue = "iperf3")
    String iperf3;
    @Option(names = "--timeout", description = "seconds the whole benchmark may take before everything is killed "
            + "(default: ${DEFAULT-VALUE})", defaultValue = "1800")
    long timeoutSeconds;
    @Option(names = "--work-dir", description = "logs of the child processes and the self-signed certificate "
            + "(default: a new directory under java.io.tmpdir)")
    Path workDir;
    @Option(names = "--out", description = "JSON result file (default: $jfrp.bench.results or bench/results, "
            + "/tunnel-<timestamp>.json)")
    Path out;

    enum PathKind {
        DIRECT("direct", false, false, false),
        RELAY("reference: plain relay, 2 JVMs", true, false, false),
        MUX_TLS("jfrp tcpMux + TLS", true, true, true),
        MUX_PLAIN("jfrp tcpMux, no TLS", true, true, false),
        POOL_TLS("jfrp pool (no tcpMux) + TLS", true, false, true);

        final String label;
        final boolean tunnel;
        final boolean tcpMux;
        final boolean tls;

        PathKind(String label, boolean tunnel, boolean tcpMux, boolean tls) {
            this.label = label;
            this.tunnel = tunnel;
            this.tcpMux = tcpMux;
            this.tls = tls;
        }
    }

    /** One iperf3 client run. */
    record Run(PathKind path, int round, boolean ok, String error, double bitsPerSecond, long bytes, double seconds,
               long retransmits, double hostCpuPercent, double remoteCpuPercent, double serverCpuSeconds,
               double clientCpuSeconds, double wallSeconds, double machineBusyCpuSeconds, double ourCpuSeconds) {
        double gbps() {
            return bitsPerSecond / 1e9;
        }

        /**
         * CPU time the machine spent on anything but this run's processes (iperf3 client and server,
         * the tunnel's two JVMs), as a percentage of all CPUs over the run. Approximate: interrupt time
         * not charged to a process lands here too. High values mean other work competed for the CPUs.
         */
        double backgroundCpuPercent() {
            return wallSeconds <= 0 || machineBusyCpuSeconds < 0 ? Double.NaN
                    : Math.max(0, machineBusyCpuSeconds - ourCpuSeconds) / (wallSeconds * CPUS) * 100;
        }

        /** CPU seconds of jfrps + jfrpc per GB (10^9 bytes) received. */
        double tunnelCpuPerGb() {
            return bytes <= 0 || serverCpuSeconds < 0 ? Double.NaN : (serverCpuSeconds + clientCpuSeconds) / (bytes / 1e9);
        }

        Map<String, Object> json() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("path", path.name());
            m.put("round", round);
            m.put("ok", ok);
            if (!ok) {
                m.put("error", error);
                return m;
            }
            m.put("bitsPerSecond", bitsPerSecond);
            m.put("bytesReceived", bytes);
            m.put("seconds", seconds);
            m.put("retransmits", retransmits);
            m.put("iperf3HostCpuPercent", hostCpuPercent);
            m.put("iperf3RemoteCpuPercent", remoteCpuPercent);
            m.put("wallSeconds", wallSeconds);
            m.put("machineBusyCpuSeconds", machineBusyCpuSeconds);
            m.put("runProcessesCpuSeconds", ourCpuSeconds);
            m.put("backgroundCpuPercent", backgroundCpuPercent());
            if (path.tunnel) {
                m.put("jfrpsCpuSeconds", serverCpuSeconds);
                m.put("jfrpcCpuSeconds", clientCpuSeconds);
                m.put("tunnelCpuSecondsPerGB", tunnelCpuPerGb());
            }
            return m;
        }
    }

    /** jfrps + jfrpc of one path, each its own JVM. */
    static final class Tunnel {
        final PathKind path;
        final int bindPort;
        final int remotePort;
        Child server;
        Child client;

        Tunnel(PathKind path, int bindPort, int remotePort) {
            this.path = path;
            this.bindPort = bindPort;
            this.remotePort = remotePort;
        }

        long serverCpu() {
            return server.cpuNanos();
        }

        long clientCpu() {
            return client.cpuNanos();
        }

        void stop() {
            if (client != null) {
                client.stop(Duration.ofSeconds(10));
            }
            if (server != null) {
                server.stop(Duration.ofSeconds(10));
            }
        }
    }

    private Path logs;
    private int iperfPort;
    private Child iperfServer;
    private int iperfServerStarts;
    private int idleWaitsTimedOut;
    private final Map<PathKind, Tunnel> tunnels = new EnumMap<>(PathKind.class);

    public static void main(String[] args) {
        System.exit(new CommandLine(new TunnelIperfBenchmark()).setCaseInsensitiveEnumValuesAllowed(true).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        String iperfVersion = iperf3Version();
        if (iperfVersion == null) {
            System.err.println("iperf3 not found (" + iperf3 + "). Install it, e.g. on Debian/Ubuntu:\n"
                    + "  sudo apt-get install iperf3\n"
                    + "or pass --iperf3 /path/to/iperf3.");
            return 2;
        }
        if (seconds < 1 || rounds < 1 || parallel < 1) {
            System.err.println("--seconds, --rounds and --parallel must be at least 1");
            return 2;
        }
        Thread watchdog = new Thread(() -> {
            try {
                Thread.sleep(TimeUnit.SECONDS.toMillis(timeoutSeconds));
            } catch (InterruptedException e) {
                return;
            }
            System.err.println("timeout: the benchmark took more than " + timeoutSeconds + " s; killing everything");
            Child.killAll();
            Runtime.getRuntime().halt(3);
        }, "watchdog");
        watchdog.setDaemon(true);
        watchdog.start();

        logs = workDir != null ? Files.createDirectories(workDir) : Files.createTempDirectory("jfrp-tunnel-bench-");
        if (jfrDir != null) {
            Files.createDirectories(jfrDir);
        }
        log("logs of iperf3, jfrps and jfrpc: " + logs);
        String token = UUID.randomUUID().toString();
        List<Map<String, Object>> runJson = new ArrayList<>();
        List<Run> runs = new ArrayList<>();
        try {
            iperfPort = freePort();
            startIperfServer();
            for (PathKind p : paths) {
                if (p.tunnel) {
                    tunnels.put(p, startTunnel(p, token));
                }
            }
            if (warmupSeconds > 0) {
                for (PathKind p : paths) {
                    Run r = measure(p, 0, warmupSeconds);
                    log(String.format(Locale.ROOT, "warm-up %-30s %s", p.label, describe(r)));
                }
            }
            for (int round = 1; round <= rounds; round++) {
                for (PathKind p : paths) {
                    Run r = measure(p, round, seconds);
                    runs.add(r);
                    runJson.add(r.json());
                    log(String.format(Locale.ROOT, "round %d %-30s %s", round, p.label, describe(r)));
                }
            }
        } finally {
            for (Tunnel t : tunnels.values()) {
                t.stop();
            }
            if (iperfServer != null) {
                iperfServer.stop(Duration.ofMillis(100));
            }
            watchdog.interrupt();
        }

        Map<String, Object> json = new LinkedHashMap<>();
        json.put("benchmark", "tunnel-iperf3");
        json.put("timestamp", LocalDateTime.now().toString());
        json.put("environment", environment(iperfVersion));
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("secondsPerRun", seconds);
        settings.put("rounds", rounds);
        settings.put("warmupSeconds", warmupSeconds);
        settings.put("reverse", reverse);
        settings.put("parallel", parallel);
        settings.put("omit", omit);
        settings.put("paths", paths.stream().map(Enum::name).toList());
        settings.put("poolCount", poolCount);
        settings.put("childJavaOpts", childJavaOpts);
        settings.put("jfrDir", jfrDir == null ? null : jfrDir.toAbsolutePath().toString());
        settings.put("iperf3ServerStarts", iperfServerStarts);
        settings.put("waitIdleSeconds", waitIdleSeconds);
        settings.put("idlePercent", idlePercent);
        settings.put("idleWaitsTimedOut", idleWaitsTimedOut);
        settings.put("logs", logs.toString());
        json.put("settings", settings);
        json.put("runs", runJson);
        StringBuilder md = new StringBuilder();
        json.put("summary", summarize(runs, md));
        System.out.print(md);

        Path file = out != null ? out : Paths.get(System.getProperty("jfrp.bench.results", "bench/results"),
                "tunnel-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + ".json");
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        Files.writeString(file, io.jfrp.bench.mux.Json.write(json), StandardCharsets.UTF_8);
        System.out.println("\nJSON: " + file.toAbsolutePath());
        long failed = runs.stream().filter(r -> !r.ok).count();
        if (failed > 0) {
            System.err.println(failed + " run(s) failed; see the JSON and " + logs);
            return 1;
        }
        return 0;
    }

    // ------------------------------------------------------------------ processes

    private String iperf3Version() {
        try {
            Process p = new ProcessBuilder(iperf3, "--version").redirectErrorStream(true).start();
            String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return null;
            }
            return text.lines().findFirst().orElse("?").trim();
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private void startIperfServer() throws Exception {
        iperfServerStarts++;
        Path log = logs.resolve("iperf3-server-" + iperfServerStarts + ".log");
        iperfServer = Child.start("iperf3 server", List.of(iperf3, "-s", "-B", HOST, "-p", String.valueOf(iperfPort),
                "--forceflush"), log);
        iperfServer.awaitLine("Server listening", Duration.ofSeconds(10));
        log("iperf3 server on " + HOST + ":" + iperfPort);
    }

    private void restartIperfServer() throws Exception {
        iperfServer.stop(Duration.ofMillis(100));
        startIperfServer();
    }

    private Tunnel startTunnel(PathKind p, String token) throws Exception {
        Tunnel t = new Tunnel(p, freePort(), freePort());
        tunnels.put(p, t);
        String name = p.name().toLowerCase(Locale.ROOT);
        if (p == PathKind.RELAY) {
            // iperf3 client -> relay A (remotePort) -> relay B (bindPort) -> iperf3 server
            List<String> b = javaCommand(name + "-b");
            b.addAll(List.of("relay", "--listen-port", String.valueOf(t.bindPort), "--target-port",
                    String.valueOf(iperfPort), "--timeout", String.valueOf(timeoutSeconds)));
            t.client = Child.start("relay B", b, logs.resolve(name + "-b.log"));
            t.client.awaitLine("READY", Duration.ofSeconds(60));
            List<String> a = javaCommand(name + "-a");
            a.addAll(List.of("relay", "--listen-port", String.valueOf(t.remotePort), "--target-port",
                    String.valueOf(t.bindPort), "--timeout", String.valueOf(timeoutSeconds)));
            t.server = Child.start("relay A", a, logs.resolve(name + "-a.log"));
            t.server.awaitLine("READY", Duration.ofSeconds(60));
            log(String.format(Locale.ROOT, "%s: relay A pid %d on :%d -> relay B pid %d on :%d -> iperf3 :%d", p.label,
                    t.server.process.pid(), t.remotePort, t.client.process.pid(), t.bindPort, iperfPort));
            return t;
        }
        List<String> server = javaCommand(name + "-server");
        server.addAll(List.of("server", "--token", token, "--tcp-mux", String.valueOf(p.tcpMux), "--tls",
                String.valueOf(p.tls), "--bind-port", String.valueOf(t.bindPort), "--self-signed-dir",
                logs.resolve("self-signed").toString(), "--timeout", String.valueOf(timeoutSeconds)));
        t.server = Child.start("jfrps " + p.name(), server, logs.resolve(name + "-jfrps.log"));
        t.server.awaitLine("READY", Duration.ofSeconds(60));
        List<String> client = javaCommand(name + "-client");
        client.addAll(List.of("client", "--token", token, "--tcp-mux", String.valueOf(p.tcpMux), "--tls",
                String.valueOf(p.tls), "--server-port", String.valueOf(t.bindPort), "--pool-count",
                String.valueOf(p == PathKind.POOL_TLS ? poolCount : 0), "--local-port", String.valueOf(iperfPort),
                "--remote-port", String.valueOf(t.remotePort), "--timeout", String.valueOf(timeoutSeconds)));
        t.client = Child.start("jfrpc " + p.name(), client, logs.resolve(name + "-jfrpc.log"));
        t.client.awaitLine("READY", Duration.ofSeconds(60));
        log(String.format(Locale.ROOT, "%s: jfrps pid %d on :%d, jfrpc pid %d, proxy on %s:%d -> iperf3 :%d", p.label,
                t.server.process.pid(), t.bindPort, t.client.process.pid(), HOST, t.remotePort, iperfPort));
        return t;
    }

    private List<String> javaCommand(String jfrName) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(Arrays.asList(childJavaOpts.trim().split("\\s+")));
        // server and client jars carry their own logback.xml too; keep logback's notice about that quiet
        cmd.add("-Dlogback.statusListenerClass=ch.qos.logback.core.status.NopStatusListener");
        if (jfrDir != null) {
            cmd.add("-XX:StartFlightRecording=filename=" + jfrDir.resolve(jfrName + ".jfr").toAbsolutePath()
                    + ",settings=profile");
        }
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), TunnelProcess.class.getName()));
        return cmd;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            return s.getLocalPort();
        }
    }

    // ------------------------------------------------------------------ measuring

    private Run measure(PathKind p, int round, int runSeconds) throws Exception {
        Tunnel t = tunnels.get(p);
        int port = t == null ? iperfPort : t.remotePort;
        List<String> cmd = new ArrayList<>(List.of(iperf3, "-c", HOST, "-p", String.valueOf(port), "-t",
                String.valueOf(runSeconds), "-J", "--connect-timeout", "10000"));
        if (reverse) {
            cmd.add("-R");
        }
        if (parallel > 1) {
            cmd.addAll(List.of("-P", String.valueOf(parallel)));
        }
        if (omit > 0) {
            cmd.addAll(List.of("-O", String.valueOf(omit)));
        }
        waitForIdle();
        long s0 = t == null ? 0 : t.serverCpu();
        long c0 = t == null ? 0 : t.clientCpu();
        long i0 = iperfServer.cpuNanos();
        long busy0 = machineBusyTicks();
        long wall0 = System.nanoTime();
        Path outFile = logs.resolve("iperf3-client-last.json");
        Process proc = new ProcessBuilder(cmd).redirectOutput(outFile.toFile())
                .redirectError(ProcessBuilder.Redirect.appendTo(logs.resolve("iperf3-client.stderr").toFile())).start();
        long limit = runSeconds + omit + 30L;
        String error = null;
        if (!proc.waitFor(limit, TimeUnit.SECONDS)) {
            proc.destroyForcibly();
            proc.waitFor(5, TimeUnit.SECONDS);
            error = "iperf3 client did not finish within " + limit + " s";
        }
        long s1 = t == null ? 0 : t.serverCpu();
        long c1 = t == null ? 0 : t.clientCpu();
        long i1 = iperfServer.cpuNanos();
        long busy1 = machineBusyTicks();
        double wall = (System.nanoTime() - wall0) / 1e9;
        String text = Files.readString(outFile, StandardCharsets.UTF_8);
        Files.writeString(logs.resolve("iperf3-client-" + p.name().toLowerCase(Locale.ROOT) + "-" + round + ".json"), text);
        Object root = null;
        if (error == null) {
            try {
                root = JsonText.parse(text);
                if (JsonText.at(root, "error") instanceof String e) {
                    error = "iperf3: " + e;
                }
            } catch (IllegalArgumentException e) {
                error = "iperf3 exit " + proc.exitValue() + ", output not JSON: " + e.getMessage();
            }
        }
        Object bps = JsonText.at(root, "end", "sum_received", "bits_per_second");
        if (error == null && !(bps instanceof Double)) {
            error = "iperf3 JSON without end.sum_received.bits_per_second";
        }
        if (error != null) {
            log("  " + p.label + " round " + round + " FAILED: " + error + "; restarting the iperf3 server");
            restartIperfServer();
            return new Run(p, round, false, error, Double.NaN, 0, 0, 0, Double.NaN, Double.NaN, -1, -1, wall, -1, 0);
        }
        double hostCpu = number(JsonText.at(root, "end", "cpu_utilization_percent", "host_total")).doubleValue();
        double serverCpu = t == null || s0 < 0 ? -1 : (s1 - s0) / 1e9;
        double clientCpu = t == null || c0 < 0 ? -1 : (c1 - c0) / 1e9;
        double ours = Math.max(0, serverCpu) + Math.max(0, clientCpu) + (i0 < 0 ? 0 : (i1 - i0) / 1e9)
                + (Double.isFinite(hostCpu) ? hostCpu / 100 * (runSeconds + omit) : 0);
        return new Run(p, round, true, null, (Double) bps,
                number(JsonText.at(root, "end", "sum_received", "bytes")).longValue(),
                number(JsonText.at(root, "end", "sum_received", "seconds")).doubleValue(),
                number(JsonText.at(root, "end", "sum_sent", "retransmits")).longValue(),
                hostCpu, number(JsonText.at(root, "end", "cpu_utilization_percent", "remote_total")).doubleValue(),
                serverCpu, clientCpu, wall, busy0 < 0 || busy1 < 0 ? -1 : (busy1 - busy0) / USER_HZ, ours);
    }

    /** Waits (bounded by --wait-idle) until the machine's CPUs were less than --idle-percent busy for 1 s. */
    private void waitForIdle() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(waitIdleSeconds);
        double busy = Double.NaN;
        while (waitIdleSeconds > 0) {
            long b0 = machineBusyTicks();
            Thread.sleep(1000);
            long b1 = machineBusyTicks();
            if (b0 < 0 || b1 < 0) {
                return;
            }
            busy = (b1 - b0) / USER_HZ / CPUS * 100;
            if (busy < idlePercent) {
                return;
            }
            if (System.nanoTime() > deadline) {
                log(String.format(Locale.ROOT, "  machine still %.0f%% busy after waiting %d s; measuring anyway", busy,
                        waitIdleSeconds));
                idleWaitsTimedOut++;
                return;
            }
        }
    }

    /** Busy clock ticks of all CPUs from /proc/stat (everything but idle and iowait), or -1. */
    private static long machineBusyTicks() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long busy = 0;
            for (int k = 1; k < f.length && k <= 8; k++) {
                if (k != 4 && k != 5) { // idle, iowait
                    busy += Long.parseLong(f[k]);
                }
            }
            return busy;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private static Number number(Object o) {
        return o instanceof Number n ? n : Double.NaN;
    }

    private static String describe(Run r) {
        if (!r.ok) {
            return "FAILED: " + r.error;
        }
        String cpu = r.path.tunnel ? String.format(Locale.ROOT, ", %s %.2f + %s %.2f CPU s = %.2f CPU s/GB",
                r.path == PathKind.RELAY ? "relay A" : "jfrps", r.serverCpuSeconds,
                r.path == PathKind.RELAY ? "relay B" : "jfrpc", r.clientCpuSeconds, r.tunnelCpuPerGb()) : "";
        return String.format(Locale.ROOT, "%7.2f Gbit/s (%8.1f MB/s, retransmits %d%s, background CPU %.0f%%)", r.gbps(),
                r.bitsPerSecond / 8e6, r.retransmits, cpu, r.backgroundCpuPercent());
    }

    // ------------------------------------------------------------------ report

    private Map<String, Object> summarize(List<Run> runs, StringBuilder md) {
        Map<PathKind, List<Double>> byPath = new EnumMap<>(PathKind.class);
        for (PathKind p : paths) {
            byPath.put(p, new ArrayList<>());
        }
        for (Run r : runs) {
            if (r.ok) {
                byPath.get(r.path).add(r.gbps());
            }
        }
        double direct = byPath.containsKey(PathKind.DIRECT) ? median(byPath.get(PathKind.DIRECT)) : Double.NaN;
        md.append(String.format(Locale.ROOT, "## iperf3 through jfrp on 127.0.0.1 (%d s per run, %d rounds, %s, -P %d)%n%n",
                seconds, rounds, reverse ? "reverse (-R)" : "forward", parallel));
        md.append("| path | median Gbit/s | min | max | median MB/s | ratio to direct (medians) "
                + "| median of per-round ratios | tunnel CPU s/GB | background CPU % (max) |\n");
        md.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        Map<String, Object> summary = new LinkedHashMap<>();
        for (PathKind p : paths) {
            List<Double> g = byPath.get(p);
            List<Double> roundRatios = new ArrayList<>();
            List<Double> cpu = new ArrayList<>();
            List<Double> background = new ArrayList<>();
            for (Run r : runs) {
                if (r.path != p || !r.ok) {
                    continue;
                }
                background.add(r.backgroundCpuPercent());
                if (p.tunnel) {
                    cpu.add(r.tunnelCpuPerGb());
                }
                runs.stream().filter(d -> d.path == PathKind.DIRECT && d.round == r.round && d.ok).findFirst()
                        .ifPresent(d -> roundRatios.add(r.gbps() / d.gbps()));
            }
            double med = median(g);
            double ratio = med / direct;
            double roundRatio = median(roundRatios);
            double cpuMed = median(cpu);
            long failures = runs.stream().filter(r -> r.path == p && !r.ok).count();
            md.append(String.format(Locale.ROOT, "| %s%s | %.2f | %.2f | %.2f | %.0f | %s | %s | %s | %.0f |%n", p.label,
                    failures > 0 ? " (" + failures + " failed)" : "", med, min(g), max(g), med * 1e9 / 8e6,
                    fmt(ratio), fmt(roundRatio), p.tunnel ? fmt(cpuMed) : "–", max(background)));
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("label", p.label);
            s.put("runs", g.size());
            s.put("failures", failures);
            s.put("medianGbps", med);
            s.put("minGbps", min(g));
            s.put("maxGbps", max(g));
            s.put("ratioToDirectOfMedians", ratio);
            s.put("medianOfPerRoundRatios", roundRatio);
            if (p.tunnel) {
                s.put("medianTunnelCpuSecondsPerGB", cpuMed);
            }
            s.put("maxBackgroundCpuPercent", max(background));
            summary.put(p.name(), s);
        }
        md.append("\nGbit/s = iperf3 end.sum_received.bits_per_second / 10^9; MB = 10^6 bytes. Tunnel CPU s/GB: median "
                + "user+system time of the tunnel's two JVMs (jfrps + jfrpc, or relay A + B) per GB received. Background "
                + "CPU: busy time of the machine (/proc/stat) not used by iperf3 or the tunnel during a run, % of all "
                + "CPUs (approximate); large values mean something else competed. Everything shares this machine's ")
                .append(CPUS).append(" CPUs.\n");
        return summary;
    }

    private static String fmt(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.2f", v) : "–";
    }

    static double median(List<Double> values) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        double[] a = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int n = a.length;
        return n % 2 == 1 ? a[n / 2] : (a[n / 2 - 1] + a[n / 2]) / 2;
    }

    private static double min(List<Double> v) {
        return v.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
    }

    private static double max(List<Double> v) {
        return v.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
    }

    private Map<String, Object> environment(String iperfVersion) {
        Map<String, Object> env = new LinkedHashMap<>();
        env.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        Version nettyVersion = Version.identify().get("netty-transport");
        env.put("netty", nettyVersion == null ? "?" : nettyVersion.artifactVersion());
        env.put("iperf3", iperfVersion);
        env.put("cpus", Runtime.getRuntime().availableProcessors());
        env.put("cpuModel", procLine("/proc/cpuinfo", "model name"));
        env.put("memTotal", procLine("/proc/meminfo", "MemTotal"));
        env.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        env.put("benchJvmArgs", java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments());
        env.put("childJvmArgs", childJavaOpts);
        return env;
    }

    private static String procLine(String file, String key) {
        try {
            return Files.readAllLines(Path.of(file)).stream().filter(l -> l.startsWith(key))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse(null);
        } catch (IOException e) {
            return null;
        }
    }

    private static void log(String line) {
        System.err.println(LocalDateTime.now().format(DateTimeFormatter.ofPattern("HH:mm:ss")) + " " + line);
    }
}
