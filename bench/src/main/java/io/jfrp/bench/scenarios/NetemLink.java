package io.jfrp.bench.scenarios;

import io.jfrp.bench.BenchLog;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The emulated long link of {@code bench/netem}: namespaces {@code jfrp-a} (10.99.0.1) and
 * {@code jfrp-b} (10.99.0.2) joined by a link delaying each packet {@code delayMs} each way
 * ({@code tc netem}, or the TUN delay line where the kernel lacks sch_netem). Set up by
 * {@code setup.sh}, removed by {@code teardown.sh} on {@link #close()} and, should the harness be
 * killed, by a shutdown hook.
 */
public final class NetemLink implements AutoCloseable {
    public static final String NS_CLIENT = "jfrp-a";
    public static final String NS_SERVER = "jfrp-b";
    public static final String ADDR_CLIENT = "10.99.0.1";
    public static final String ADDR_SERVER = "10.99.0.2";
    private static final Pattern RTT = Pattern.compile("TCP connect RTT ([0-9.]+) ms");

    private final Path netemDir;
    private final String description;
    private final double rttMillis;
    private final Thread hook;
    private boolean closed;

    private NetemLink(Path netemDir, String description, double rttMillis, Thread hook) {
        this.netemDir = netemDir;
        this.description = description;
        this.rttMillis = rttMillis;
        this.hook = hook;
    }

    /** Runs setup.sh (bounded to 60 s); its output goes to {@code log}. */
    public static NetemLink setUp(Path netemDir, int delayMs, long tcpMemBytes, Path log) throws IOException,
            InterruptedException {
        Thread hook = new Thread(() -> teardown(netemDir, null), "netem-teardown");
        Runtime.getRuntime().addShutdownHook(hook);
        List<String> cmd = new ArrayList<>(List.of("bash", netemDir.resolve("setup.sh").toString(), "--delay-ms",
                String.valueOf(delayMs)));
        if (tcpMemBytes > 0) {
            cmd.addAll(List.of("--tcp-mem", String.valueOf(tcpMemBytes)));
        }
        int rc = runBounded(cmd, log, 60);
        String out = Files.readString(log, StandardCharsets.UTF_8);
        if (rc != 0) {
            teardown(netemDir, log);
            removeHook(hook);
            throw new IOException("bench/netem/setup.sh failed (exit " + rc + "): " + lastLine(out));
        }
        Matcher m = RTT.matcher(out);
        double rtt = m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
        String link = Files.exists(Path.of("/run/jfrp-netem/link"))
                ? Files.readString(Path.of("/run/jfrp-netem/link"), StandardCharsets.UTF_8).strip() : "?";
        return new NetemLink(netemDir, link, rtt, hook);
    }

    /** What setup.sh built, e.g. "TUN + user-space delay line ... 25ms each way". */
    public String description() {
        return description;
    }

    /** The TCP connect time setup.sh measured across the link (one RTT), NaN when unknown. */
    public double rttMillis() {
        return rttMillis;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        teardown(netemDir, null);
        removeHook(hook);
    }

    private static void teardown(Path netemDir, Path log) {
        try {
            Path out = log != null ? log : Files.createTempFile("jfrp-bench-netem-teardown", ".log");
            runBounded(List.of("bash", netemDir.resolve("teardown.sh").toString()), out, 30);
        } catch (IOException e) {
            BenchLog.log("netem teardown failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // already shutting down: the hook runs anyway
        }
    }

    private static int runBounded(List<String> cmd, Path log, long seconds) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            return -1;
        }
        return p.exitValue();
    }

    private static String lastLine(String out) {
        List<String> lines = out.lines().filter(l -> !l.isBlank()).toList();
        return lines.isEmpty() ? "(no output)" : lines.get(lines.size() - 1);
    }
}
