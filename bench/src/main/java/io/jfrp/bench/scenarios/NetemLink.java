package io.jfrp.bench.scenarios;

import io.jfrp.bench.BenchLog;
import io.jfrp.bench.paths.Child;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The emulated long link of {@code bench/netem}: namespaces {@code jfrp-a} and {@code jfrp-b} joined by
 * a link delaying each packet each way ({@code tc netem}, or the TUN delay line where the kernel lacks
 * sch_netem). Removed on {@link #close()} and, should the harness be killed, by the shutdown hook.
 *
 * @param description what setup.sh built, e.g. "TUN + user-space delay line ... 25ms each way"
 * @param rttMillis   the TCP connect time setup.sh measured across the link (one RTT), NaN when unknown
 */
public record NetemLink(String description, double rttMillis, Path netemDir, Thread hook) implements AutoCloseable {
    public static final String NS_CLIENT = "jfrp-a";
    public static final String NS_SERVER = "jfrp-b";
    public static final String ADDR_CLIENT = "10.99.0.1";
    public static final String ADDR_SERVER = "10.99.0.2";
    private static final Pattern RTT = Pattern.compile("TCP connect RTT ([0-9.]+) ms");

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
            List<String> lines = out.lines().filter(l -> !l.isBlank()).toList();
            throw new IOException("bench/netem/setup.sh failed (exit " + rc + "): "
                    + (lines.isEmpty() ? "(no output)" : lines.get(lines.size() - 1)));
        }
        Matcher m = RTT.matcher(out);
        double rtt = m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
        String link = Files.exists(Path.of("/run/jfrp-netem/link"))
                ? Files.readString(Path.of("/run/jfrp-netem/link"), StandardCharsets.UTF_8).strip() : "?";
        return new NetemLink(link, rtt, netemDir, hook);
    }

    /** Runs teardown.sh (it is idempotent) and drops the shutdown hook. */
    @Override
    public void close() {
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

    /** The exit status of {@code cmd}, its output appended to {@code log}; -1 when it could not run or ran out of time. */
    private static int runBounded(List<String> cmd, Path log, long seconds) throws InterruptedException {
        try {
            return Child.run(cmd, Duration.ofSeconds(seconds), log, true);
        } catch (IOException e) {
            return -1;
        }
    }
}
