package io.jfrp.bench.load;

import io.jfrp.bench.Stats;
import io.jfrp.bench.paths.Child;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;

/**
 * {@link HttpLatencyClient} in a JVM of its own, so that the harness JVM's JIT compiler, collector and
 * other threads do not delay the path being measured, nor the client: run in the harness, the client's
 * C2 compilations (over a second of CPU in a 10 s window, still going while it measured) delayed the
 * woken threads of the path on this 2-core machine, and fell unevenly on the paths measured one after
 * another.
 *
 * <p>The child runs C1 only ({@link #JAVA_OPTS}): its compilations are short and end in its own
 * warm-up run at the rate. It does the warm-up and the measured run of {@link HttpLatencyClient#run},
 * prints one result line (see {@link #encode}) or a failure line and exits. The harness's
 * {@value LatencyTrace#PROPERTY} and Netty leak-detection properties are handed on to it.
 */
public final class HttpLatencyProcess {
    /** The child JVM's options: C1 only, a small heap, the serial collector (one thread, no GC threads to wake). */
    static final List<String> JAVA_OPTS = List.of("-XX:TieredStopAtLevel=1", "-Xms64m", "-Xmx256m", "-XX:+UseSerialGC",
            "-Xss512k");
    private static final String RESULT = "HTTP-LATENCY-RESULT\t";
    private static final String FAILED = "HTTP-LATENCY-FAILED ";
    /** System properties of the harness handed on to the child when set. */
    private static final List<String> INHERITED = List.of(LatencyTrace.PROPERTY, "io.netty.leakDetection.level");

    private HttpLatencyProcess() {
    }

    /**
     * Runs {@code s} in a child JVM and returns its figures; its output goes to {@code dir/latency-client.log}.
     *
     * @throws IOException when the client fails (cannot connect, ...) or does not report in time
     */
    public static HttpLatencyClient.Result run(HttpLatencyClient.Settings s, Path dir)
            throws IOException, InterruptedException {
        List<String> opts = new ArrayList<>(JAVA_OPTS);
        for (String p : INHERITED) {
            String v = System.getProperty(p);
            if (v != null) {
                opts.add("-D" + p + "=" + v);
            }
        }
        List<String> args = List.of(s.target().getHostString() + ":" + s.target().getPort(),
                s.hostHeader() == null ? "" : s.hostHeader(), s.path(), Integer.toString(s.connections()),
                Double.toString(s.rate()), Long.toString(s.warmup().toMillis()), Long.toString(s.duration().toMillis()),
                Long.toString(s.responseTimeout().toMillis()));
        Child c = Child.start("latency client", Child.java(opts, HttpLatencyProcess.class, args),
                dir.resolve("latency-client.log"));
        try {
            // JVM start, both runs, the answers' grace period, and a margin for a busy machine
            Duration limit = s.warmup().plus(s.duration()).plus(s.responseTimeout().multipliedBy(2))
                    .plusSeconds(60);
            String line = c.awaitLine(limit, RESULT, FAILED);
            if (line.startsWith(FAILED)) {
                throw new IOException(line.substring(FAILED.length()));
            }
            return decode(line);
        } catch (TimeoutException | IllegalStateException | IllegalArgumentException e) {
            throw new IOException("latency client process: " + e.getMessage(), e);
        } finally {
            c.stop(Duration.ofSeconds(5));
        }
    }

    /**
     * The child: {@code HOST:PORT HOST_HEADER PATH CONNECTIONS RATE WARMUP_MS DURATION_MS TIMEOUT_MS}
     * (an empty HOST_HEADER: the target's host:port); prints the result line and exits.
     */
    public static void main(String[] args) {
        try {
            HttpLatencyClient.Settings s = new HttpLatencyClient.Settings(Child.address(args[0]),
                    args[1].isEmpty() ? null : args[1], args[2], Integer.parseInt(args[3]), Double.parseDouble(args[4]),
                    Duration.ofMillis(Long.parseLong(args[5])), Duration.ofMillis(Long.parseLong(args[6])),
                    Duration.ofMillis(Long.parseLong(args[7])));
            System.out.println(encode(HttpLatencyClient.run(s)));
            System.out.flush();
            System.exit(0);
        } catch (Exception e) {
            System.out.println(FAILED + oneLine(e.getMessage() != null ? e.getMessage() : e.toString()));
            System.out.flush();
            System.exit(1);
        }
    }

    /**
     * One line: {@code HTTP-LATENCY-RESULT}, then tab-separated the target and achieved rates, sent, errors, the
     * four latency summaries (six fields each) and the first error (empty for none).
     */
    static String encode(HttpLatencyClient.Result r) {
        StringBuilder b = new StringBuilder(RESULT).append(r.targetRate()).append('\t').append(r.achievedRate())
                .append('\t').append(r.sent()).append('\t').append(r.errors());
        for (Stats.Latency l : List.of(r.latency(), r.sendLag(), r.clientLag(), r.pathLatency())) {
            b.append('\t').append(l.count()).append('\t').append(l.p50Us()).append('\t').append(l.p90Us())
                    .append('\t').append(l.p99Us()).append('\t').append(l.p999Us()).append('\t').append(l.maxUs());
        }
        return b.append('\t').append(r.firstError() == null ? "" : oneLine(r.firstError())).toString();
    }

    /** The inverse of {@link #encode}. */
    static HttpLatencyClient.Result decode(String line) {
        if (!line.startsWith(RESULT)) {
            throw new IllegalArgumentException("not a result line: " + line);
        }
        String[] f = line.substring(RESULT.length()).split("\t", -1);
        if (f.length != 4 + 4 * 6 + 1) {
            throw new IllegalArgumentException("a result line with " + f.length + " fields: " + line);
        }
        return new HttpLatencyClient.Result(Double.parseDouble(f[0]), Double.parseDouble(f[1]), Long.parseLong(f[2]),
                Long.parseLong(f[3]), latency(f, 4), latency(f, 10), latency(f, 16), latency(f, 22),
                f[28].isEmpty() ? null : f[28]);
    }

    private static Stats.Latency latency(String[] f, int i) {
        return new Stats.Latency(Long.parseLong(f[i]), Double.parseDouble(f[i + 1]), Double.parseDouble(f[i + 2]),
                Double.parseDouble(f[i + 3]), Double.parseDouble(f[i + 4]), Double.parseDouble(f[i + 5]));
    }

    private static String oneLine(String text) {
        return text.replaceAll("[\\t\\r\\n]+", " ");
    }
}
