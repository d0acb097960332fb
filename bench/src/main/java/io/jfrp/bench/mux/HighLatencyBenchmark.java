package io.jfrp.bench.mux;

import io.jfrp.mux.YamuxConfig;
import io.jfrp.mux.YamuxRole;
import io.jfrp.mux.YamuxSession;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.Future;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One stream's throughput across a long link (50 ms RTT by bench/netem/setup.sh): raw TCP, one
 * yamux stream with auto-tuned windows, and one with a fixed 256 KiB window, interleaved.
 *
 * <p>Runs in namespace jfrp-a (the driver, in process) and starts three discarding receivers in
 * jfrp-b with {@code ip netns exec}: the window a sender may use is the receiver's setting, so the
 * fixed-window receiver runs with {@code --fixed-window}. Every figure is end to end: the driver
 * sends for {@code --seconds}, half-closes, and stops the clock when the receiver, having read
 * every byte, half-closes back; each receiver also prints its own bytes/seconds (RECV line).
 */
@Command(name = "jfrp-mux-bench high-latency", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"One stream across a long link: raw TCP vs yamux auto-tuned vs yamux fixed 256 KiB window.",
                "Normally started by bench/netem/run-high-latency.sh inside namespace jfrp-a."})
public final class HighLatencyBenchmark implements Callable<Integer> {
    private static final Pattern RECV = Pattern.compile(
            "RECV stream=\\S+ bytes=(\\d+) seconds=([0-9.]+) MBps=([0-9.]+)(?: recvWindow=(\\d+))?");

    @Option(names = "--host", description = "receivers' address (default: ${DEFAULT-VALUE})", defaultValue = "10.99.0.2")
    String host;
    @Option(names = "--base-port", description = "ports base..base+2 (default: ${DEFAULT-VALUE})", defaultValue = "7301")
    int basePort;
    @Option(names = "--server-netns", description = "namespace for the receivers; 'none' runs them here (default: ${DEFAULT-VALUE})",
            defaultValue = "jfrp-b")
    String serverNetns;
    @Option(names = "--seconds", description = "sending time per run (default: ${DEFAULT-VALUE})", defaultValue = "10")
    double seconds;
    @Option(names = "--rounds", description = "interleaved rounds (default: ${DEFAULT-VALUE})", defaultValue = "3")
    int rounds;
    @Option(names = "--chunk", description = "bytes per write (default: ${DEFAULT-VALUE})", defaultValue = "64KiB",
            converter = ByteSize.class)
    long chunk;
    @Option(names = "--server-java-opts", description = "JVM options of the receivers (default: ${DEFAULT-VALUE})",
            defaultValue = "-Xmx1g")
    String serverJavaOpts;
    @Option(names = "--link", description = "description of the emulated link, recorded in the results")
    String link;
    @Option(names = "--transport", description = "auto, epoll or nio (default: ${DEFAULT-VALUE})", defaultValue = "auto")
    String transportName;
    @Option(names = "--out", description = "JSON result file (default: $jfrp.bench.results or bench/results, /high-latency-<timestamp>.json)")
    Path out;

    enum Kind {
        RAW("raw TCP", "--raw"), AUTO("yamux, auto-tuned window (max 16 MiB)", null),
        FIXED("yamux, fixed 256 KiB window", "--fixed-window");

        final String label;
        final String serverFlag;

        Kind(String label, String serverFlag) {
            this.label = label;
            this.serverFlag = serverFlag;
        }
    }

    /** A receiver process in the other namespace. */
    static final class Receiver {
        final Kind kind;
        final Process process;
        final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        final int port;

        Receiver(Kind kind, Process process, int port) {
            this.kind = kind;
            this.process = process;
            this.port = port;
            Thread t = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = r.readLine()) != null) {
                        lines.add(line);
                    }
                } catch (Exception ignored) {
                    // the process ended
                }
            }, "receiver-" + kind);
            t.setDaemon(true);
            t.start();
        }

        String await(String prefix, long seconds) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            for (;;) {
                long left = deadline - System.nanoTime();
                String line = left > 0 ? lines.poll(left, TimeUnit.NANOSECONDS) : null;
                if (line == null) {
                    return null;
                }
                if (line.startsWith(prefix)) {
                    return line;
                }
            }
        }
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new HighLatencyBenchmark()).setCaseInsensitiveEnumValuesAllowed(true).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        Transport transport = Transport.choose(transportName);
        double perRun = seconds + 20;
        long serverLifetime = (long) (rounds * Kind.values().length * perRun + 120);
        List<Receiver> receivers = new ArrayList<>();
        EventLoopGroup group = transport.newGroup(1);
        Map<String, Object> json = new LinkedHashMap<>();
        try {
            for (Kind k : Kind.values()) {
                receivers.add(startReceiver(k, basePort + k.ordinal(), serverLifetime));
            }
            for (Receiver r : receivers) {
                String line = r.await("LISTENING", 60);
                if (line == null) {
                    throw new IllegalStateException("receiver " + r.kind + " did not start (see its log)");
                }
                PeerLog.info("receiver %s: %s", r.kind, line);
            }
            json.put("benchmark", "high-latency");
            json.put("timestamp", LocalDateTime.now().toString());
            json.put("environment", MuxBenchmark.environment());
            json.put("link", link);
            Map<String, Object> settings = new LinkedHashMap<>();
            settings.put("host", host);
            settings.put("serverNetns", serverNetns);
            settings.put("secondsPerRun", seconds);
            settings.put("rounds", rounds);
            settings.put("chunk", chunk);
            settings.put("driverYamuxConfig", YamuxConfig.defaults().toString());
            json.put("settings", settings);

            double tcpConnectRttMs = tcpConnectRtt(receivers.get(Kind.RAW.ordinal()).port);
            double pingRttMs = yamuxPingRtt(transport, group, receivers.get(Kind.AUTO.ordinal()).port);
            PeerLog.out(String.format(Locale.ROOT, "RTT: TCP connect %.1f ms, yamux ping %.1f ms (idle link)",
                    tcpConnectRttMs, pingRttMs));

            Map<Kind, List<Double>> sender = new LinkedHashMap<>();
            Map<Kind, List<Double>> receiverSide = new LinkedHashMap<>();
            Map<Kind, List<Long>> windows = new LinkedHashMap<>();
            for (Kind k : Kind.values()) {
                sender.put(k, new ArrayList<>());
                receiverSide.put(k, new ArrayList<>());
                windows.put(k, new ArrayList<>());
            }
            int failures = 0;
            for (int round = 1; round <= rounds; round++) {
                for (Kind k : Kind.values()) {
                    Receiver r = receivers.get(k.ordinal());
                    r.lines.clear();
                    DriveRun.Summary s = drive(transport, group, k, r.port);
                    double recvMbps = Double.NaN;
                    long window = -1;
                    for (String recv; (recv = r.await("RECV", 15)) != null; ) {
                        Matcher m = RECV.matcher(recv);
                        if (m.find() && Long.parseLong(m.group(1)) > 0) { // skip the RTT probes' empty streams
                            recvMbps = Double.parseDouble(m.group(3));
                            window = m.group(4) != null ? Long.parseLong(m.group(4)) : -1;
                            break;
                        }
                    }
                    failures += s.failures;
                    for (String e : s.errors) {
                        PeerLog.warn("%s: %s", k, e);
                    }
                    sender.get(k).add(s.megabytesPerSecond());
                    receiverSide.get(k).add(recvMbps);
                    windows.get(k).add(window);
                    PeerLog.out(String.format(Locale.ROOT, "  round %d %-40s %8.2f MB/s end-to-end (%s in %.2f s), receiver %8.2f MB/s%s%s",
                            round, k.label, s.megabytesPerSecond(), ByteSize.format(s.bytesSent), s.seconds, recvMbps,
                            window > 0 ? ", receive window " + ByteSize.format(window) : "",
                            s.failures > 0 ? "  FAILED" : ""));
                }
            }
            double rttSeconds = (Double.isNaN(pingRttMs) ? tcpConnectRttMs : pingRttMs) / 1000.0;
            double fixedCeiling = YamuxConfig.INITIAL_WINDOW / rttSeconds / 1e6;
            double nominalCeiling = YamuxConfig.INITIAL_WINDOW / 0.050 / 1e6;
            double auto = Stats.median(sender.get(Kind.AUTO));
            double fixed = Stats.median(sender.get(Kind.FIXED));
            double raw = Stats.median(sender.get(Kind.RAW));
            StringBuilder md = new StringBuilder();
            md.append(String.format(Locale.ROOT, "## One stream across a long link (%s; measured RTT %.1f ms; %.0f s per run, "
                            + "%d interleaved rounds, MB = 10^6 bytes)%n%n", link == null ? "link not described" : link,
                    rttSeconds * 1000, seconds, rounds));
            md.append("| case | median MB/s (end to end, sender) | median MB/s (receiver) | per round | receive window reached |\n");
            md.append("|---|---:|---:|---|---|\n");
            List<Object> rows = new ArrayList<>();
            for (Kind k : Kind.values()) {
                md.append(String.format(Locale.ROOT, "| %s | %.2f | %.2f | %s | %s |%n", k.label, Stats.median(sender.get(k)),
                        Stats.median(receiverSide.get(k)), fmt(sender.get(k)), windowsText(windows.get(k))));
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("case", k.label);
                row.put("mbpsPerRound", sender.get(k));
                row.put("receiverMbpsPerRound", receiverSide.get(k));
                row.put("receiveWindowPerRound", windows.get(k));
                row.put("medianMBps", Stats.median(sender.get(k)));
                rows.add(row);
            }
            md.append(String.format(Locale.ROOT, "%nauto / fixed = **%.1f×** (goal ≥ 5×); auto / raw TCP = %.2f; "
                    + "a 256 KiB window allows at most 256 KiB per RTT = %.2f MB/s at the measured RTT (%.2f MB/s at 50 ms).%n",
                    auto / fixed, auto / raw, fixedCeiling, nominalCeiling));
            json.put("rttMs", Map.of("tcpConnect", tcpConnectRttMs, "yamuxPing", pingRttMs));
            json.put("cases", rows);
            json.put("autoOverFixed", auto / fixed);
            json.put("autoOverRaw", auto / raw);
            json.put("goalAutoOverFixed", 5.0);
            json.put("fixedWindowCeilingMBpsAtMeasuredRtt", fixedCeiling);
            json.put("fixedWindowCeilingMBpsAt50ms", nominalCeiling);
            json.put("failures", failures);
            System.out.println();
            System.out.print(md);
            Path file = out != null ? out : Paths.get(System.getProperty("jfrp.bench.results", "bench/results"),
                    "high-latency-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + ".json");
            MuxBenchmark.write(file, Json.write(json));
            System.out.println("\nJSON: " + file.toAbsolutePath());
            return failures == 0 ? 0 : 1;
        } finally {
            for (Receiver r : receivers) {
                r.process.destroy();
            }
            for (Receiver r : receivers) {
                if (!r.process.waitFor(5, TimeUnit.SECONDS)) {
                    r.process.destroyForcibly();
                }
            }
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).await(5, TimeUnit.SECONDS);
        }
    }

    private static String fmt(List<Double> v) {
        StringBuilder sb = new StringBuilder();
        for (double d : v) {
            sb.append(sb.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.2f", d));
        }
        return sb.toString();
    }

    private static String windowsText(List<Long> w) {
        StringBuilder sb = new StringBuilder();
        for (long x : w) {
            if (x > 0) {
                sb.append(sb.length() == 0 ? "" : ", ").append(ByteSize.format(x));
            }
        }
        return sb.length() == 0 ? "-" : sb.toString();
    }

    private Receiver startReceiver(Kind k, int port, long lifetimeSeconds) throws Exception {
        List<String> cmd = new ArrayList<>();
        if (!"none".equals(serverNetns) && !serverNetns.isEmpty()) {
            cmd.addAll(List.of("ip", "netns", "exec", serverNetns));
        }
        cmd.add(ProcessHandle.current().info().command().orElse(System.getProperty("java.home") + "/bin/java"));
        for (String opt : serverJavaOpts.trim().split("\\s+")) {
            if (!opt.isEmpty()) {
                cmd.add(opt);
            }
        }
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), YamuxPeer.class.getName(), "listen",
                host + ":" + port, "--mode", "discard", "--timeout", String.valueOf(lifetimeSeconds),
                "--transport", transportName));
        if (k.serverFlag != null) {
            cmd.add(k.serverFlag);
        }
        File log = new File(System.getProperty("java.io.tmpdir"), "jfrp-high-latency-receiver-" + k.name().toLowerCase(Locale.ROOT) + ".log");
        PeerLog.info("starting receiver %s: %s (log %s)", k, String.join(" ", cmd), log);
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.to(log)).start();
        return new Receiver(k, p, port);
    }

    private double tcpConnectRtt(int port) {
        List<Double> samples = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            long t = System.nanoTime();
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(host, port), 5000);
                samples.add((System.nanoTime() - t) / 1e6);
            } catch (Exception e) {
                PeerLog.warn("connect to %s:%d failed: %s", host, port, e);
            }
        }
        // The receiver sees these as empty streams; give it a moment, then drop its RECV lines.
        return Stats.median(samples);
    }

    private double yamuxPingRtt(Transport transport, EventLoopGroup group, int port) throws Exception {
        Channel ch = connect(transport, group, port, true);
        try {
            YamuxSession session = YamuxSession.of(ch);
            List<Double> samples = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                Future<Duration> f = session.ping();
                if (f.await(5, TimeUnit.SECONDS) && f.isSuccess()) {
                    samples.add(f.getNow().toNanos() / 1e6);
                }
            }
            return Stats.median(samples);
        } finally {
            ch.close().await(5, TimeUnit.SECONDS);
        }
    }

    private Channel connect(Transport transport, EventLoopGroup group, int port, boolean yamux) throws Exception {
        Bootstrap b = new Bootstrap().group(group).channel(transport.socketChannel())
                .option(ChannelOption.ALLOW_HALF_CLOSURE, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 10_000);
        if (yamux) {
            b.handler(new YamuxSession(YamuxRole.CLIENT, YamuxConfig.defaults(), null));
        } else {
            b.handler(new io.netty.channel.ChannelInboundHandlerAdapter());
        }
        return b.connect(host, port).sync().channel();
    }

    private DriveRun.Summary drive(Transport transport, EventLoopGroup group, Kind k, int port) throws Exception {
        DriveRun run = new DriveRun();
        run.streams = 1;
        run.sendSeconds = seconds;
        run.expectEcho = false;
        run.chunk = Math.toIntExact(chunk);
        run.timeoutNanos = (long) ((seconds + 60) * 1e9);
        if (k == Kind.RAW) {
            Bootstrap b = new Bootstrap().group(group).channel(transport.socketChannel())
                    .option(ChannelOption.ALLOW_HALF_CLOSURE, true)
                    .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 10_000)
                    .remoteAddress(host, port);
            return run.run(StreamOpener.tcp(b));
        }
        Channel ch = connect(transport, group, port, true);
        try {
            return run.run(StreamOpener.yamux(YamuxSession.of(ch)));
        } finally {
            YamuxSession.of(ch).close().await(5, TimeUnit.SECONDS);
            ch.close().await(5, TimeUnit.SECONDS);
        }
    }
}
