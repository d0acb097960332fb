package io.jfrp.bench.tools;

import io.jfrp.bench.paths.Child;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

/**
 * Runs wrk ({@code wrk -t1 -c N -d T --latency [-H 'Host: h'] URL}) and reads its text report:
 * requests per second, the latency distribution (p50/p75/p90/p99) and errors (socket errors and
 * non-2xx/3xx responses). One wrk thread: on a two-core machine more threads only fight the server
 * and the tunnel for the CPUs.
 */
public final class Wrk {
    private static final Pattern RPS = Pattern.compile("^Requests/sec:\\s+([0-9.]+)", Pattern.MULTILINE);
    private static final Pattern REQUESTS = Pattern.compile("^\\s*(\\d+) requests in ([0-9.]+)(us|ms|s|m|h),", Pattern.MULTILINE);
    private static final Pattern PERCENTILE = Pattern.compile("^\\s+(50|75|90|99)%\\s+([0-9.]+)(us|ms|s|m|h)\\s*$", Pattern.MULTILINE);
    private static final Pattern NON_2XX = Pattern.compile("^\\s*Non-2xx or 3xx responses:\\s+(\\d+)", Pattern.MULTILINE);
    private static final Pattern SOCKET_ERRORS = Pattern.compile(
            "^\\s*Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)", Pattern.MULTILINE);
    /** Microseconds in each unit wrk prints times in. */
    private static final Map<String, Double> UNIT_MICROS = Map.of("us", 1.0, "ms", 1e3, "s", 1e6, "m", 60e6, "h", 3600e6);

    /** What one wrk run reported, latencies in µs; errors are socket errors plus non-2xx/3xx responses. */
    public record Result(double requestsPerSecond, long requests, double p50Us, double p75Us, double p90Us,
                         double p99Us, long errors) {
    }

    private Wrk() {
    }

    /** wrk at {@code connections} against {@code url} for {@code duration}, with Host {@code hostHeader} when not null. */
    public static Result run(String url, int connections, Duration duration, String hostHeader)
            throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(Tools.path("wrk"), "-t1", "-c" + connections,
                "-d" + Math.max(1, duration.toSeconds()) + "s", "--latency", "--timeout", "5s"));
        if (hostHeader != null) {
            cmd.add("-H");
            cmd.add("Host: " + hostHeader);
        }
        cmd.add(url);
        Child.Output out = Child.run(cmd, duration.plusSeconds(30));
        if (out.exit() != 0) {
            throw new IOException("wrk exited with " + out.exit() + " (" + String.join(" ", cmd) + "): " + out.text().strip());
        }
        return parse(out.text());
    }

    /** Reads wrk's report; an IOException when it lacks {@code Requests/sec} or the latency distribution. */
    public static Result parse(String text) throws IOException {
        Matcher rps = RPS.matcher(text);
        if (!rps.find()) {
            throw new IOException("no 'Requests/sec:' line in wrk's output: " + text.strip());
        }
        Matcher req = REQUESTS.matcher(text);
        long requests = req.find() ? Long.parseLong(req.group(1)) : -1;
        double[] pct = new double[4];
        int found = 0;
        Matcher m = PERCENTILE.matcher(text);
        while (m.find()) {
            pct[List.of("50", "75", "90", "99").indexOf(m.group(1))] =
                    Double.parseDouble(m.group(2)) * UNIT_MICROS.get(m.group(3));
            found++;
        }
        if (found != 4) {
            throw new IOException("wrk's output has " + found + " of the 4 latency percentiles (was --latency given?): "
                    + text.strip());
        }
        long errors = sumOfNumbers(NON_2XX, text) + sumOfNumbers(SOCKET_ERRORS, text);
        return new Result(Double.parseDouble(rps.group(1)), requests, pct[0], pct[1], pct[2], pct[3], errors);
    }

    /** The sum of the numbers {@code pattern}'s groups match at its first match in {@code text}; 0 when it has none. */
    private static long sumOfNumbers(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        return m.find() ? IntStream.rangeClosed(1, m.groupCount()).mapToLong(g -> Long.parseLong(m.group(g))).sum() : 0;
    }
}
