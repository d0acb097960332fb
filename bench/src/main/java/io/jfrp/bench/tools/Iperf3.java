package io.jfrp.bench.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jfrp.bench.paths.Child;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * iperf3 for the throughput scenarios: a server ({@code iperf3 -s}, one test at a time, restarted
 * after a failed run) and client runs ({@code iperf3 -c ... -J}) whose figure is iperf3's
 * {@code end.sum_received.bits_per_second}: what the receiving side counted.
 */
public final class Iperf3 {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String netns;
    private final String host;
    private final int port;
    private final Path logDir;
    private Child server;
    private int starts;

    /** A server (not yet started) that listens on host:port inside {@code netns} (null: ours). */
    public Iperf3(String netns, String host, int port, Path logDir) {
        this.netns = netns;
        this.host = host;
        this.port = port;
        this.logDir = logDir;
    }

    /** Where the server listens. */
    public InetSocketAddress address() {
        return new InetSocketAddress(host, port);
    }

    /** Starts (or restarts) the server and waits until it listens. */
    public synchronized void start() throws Exception {
        stop();
        starts++;
        server = Child.start("iperf3 server", Child.inNetns(netns, List.of(Tools.path("iperf3"), "-s", "-B", host,
                "-p", String.valueOf(port), "--forceflush")), logDir.resolve("iperf3-server-" + starts + ".log"));
        server.awaitLine(Duration.ofSeconds(10), "Server listening");
    }

    /** Stops the server if it runs. */
    public synchronized void stop() {
        if (server != null) {
            server.stop(Duration.ofMillis(100));
            server = null;
        }
    }

    /** One client run's outcome. */
    public record Result(double bitsPerSecond, long bytes, long retransmits) {
        public double gbps() {
            return bitsPerSecond / 1e9;
        }

        public double megabytesPerSecond() {
            return bitsPerSecond / 8e6;
        }
    }

    /**
     * Runs {@code iperf3 -c target -t seconds -J} (with {@code -R}, {@code -P}, {@code -O} as given)
     * inside {@code clientNetns}; bounded to seconds + omit + 30 s. Keeps the JSON in {@code jsonOut}.
     * Throws with iperf3's own error text when the run failed; the caller restarts the server then.
     */
    public static Result run(String clientNetns, InetSocketAddress target, int seconds, boolean reverse, int parallel,
                             int omit, Path jsonOut) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(Tools.path("iperf3"), "-c", target.getHostString(), "-p",
                String.valueOf(target.getPort()), "-t", String.valueOf(seconds), "-J", "--connect-timeout", "10000"));
        if (reverse) {
            cmd.add("-R");
        }
        if (parallel > 1) {
            cmd.addAll(List.of("-P", String.valueOf(parallel)));
        }
        if (omit > 0) {
            cmd.addAll(List.of("-O", String.valueOf(omit)));
        }
        return client(clientNetns, cmd, seconds + omit + 30L, jsonOut, Iperf3::parse);
    }

    /** A parser of iperf3's {@code -J} output. */
    private interface JsonParser<T> {
        T parse(String json) throws IOException;
    }

    /**
     * Runs the client {@code cmd} in {@code netns}, bounded to {@code limit} s; its JSON parsed. When the
     * server still counts the previous test as running (a tunnel that closes the last test's connections
     * late: seen with ssh -R), once more after a second.
     */
    private static <T> T client(String netns, List<String> cmd, long limit, Path jsonOut, JsonParser<T> parser)
            throws IOException, InterruptedException {
        try {
            return clientOnce(netns, cmd, limit, jsonOut, parser);
        } catch (IOException e) {
            if (e.getMessage() == null || !e.getMessage().contains("busy")) {
                throw e;
            }
            Thread.sleep(1000);
            return clientOnce(netns, cmd, limit, jsonOut, parser);
        }
    }

    private static <T> T clientOnce(String netns, List<String> cmd, long limit, Path jsonOut, JsonParser<T> parser)
            throws IOException, InterruptedException {
        Path err = jsonOut.resolveSibling(jsonOut.getFileName() + ".stderr");
        Process p = new ProcessBuilder(Child.inNetns(netns, cmd)).redirectOutput(jsonOut.toFile())
                .redirectError(err.toFile()).start();
        if (!p.waitFor(limit, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            p.waitFor(5, TimeUnit.SECONDS);
            throw new IOException("iperf3 client did not finish within " + limit + " s (" + jsonOut + ")");
        }
        try {
            return parser.parse(Files.readString(jsonOut, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IOException("iperf3 exit " + p.exitValue() + ": " + e.getMessage() + " (" + jsonOut + ")", e);
        }
    }

    /** One UDP run's outcome, as the receiver counted it. */
    public record UdpResult(double bitsPerSecond, long packets, double lostPercent, double jitterMs) {
        public double mbps() {
            return bitsPerSecond / 1e6;
        }
    }

    /**
     * Runs {@code iperf3 -c target -u -b RATE -l LENGTH -t seconds -J} (with {@code -R} as given) from
     * this process's namespace; bounded to seconds + 30 s. Keeps the JSON in {@code jsonOut}.
     */
    public static UdpResult runUdp(InetSocketAddress target, int seconds, long bitsPerSecond, int length,
                                   boolean reverse, Path jsonOut) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(Tools.path("iperf3"), "-c", target.getHostString(), "-p",
                String.valueOf(target.getPort()), "-u", "-b", String.valueOf(bitsPerSecond), "-l",
                String.valueOf(length), "-t", String.valueOf(seconds), "-J", "--connect-timeout", "10000"));
        if (reverse) {
            cmd.add("-R");
        }
        return client(null, cmd, seconds + 30L, jsonOut, Iperf3::parseUdp);
    }

    /** The receiver's figures of a UDP run's {@code -J} output ({@code end.sum}). */
    public static UdpResult parseUdp(String json) throws IOException {
        JsonNode root = root(json);
        JsonNode received = root.path("end").path("sum_received");
        if (received.path("bits_per_second").isNumber() && received.path("lost_percent").isNumber()) {
            // iperf3 3.10 and later: the receiver's own sums
            return new UdpResult(received.get("bits_per_second").asDouble(), received.path("packets").asLong(),
                    received.get("lost_percent").asDouble(), received.path("jitter_ms").asDouble());
        }
        JsonNode sum = root.path("end").path("sum");
        if (!sum.path("lost_percent").isNumber()) {
            throw new IOException("iperf3 JSON without end.sum.lost_percent (not a UDP run?)");
        }
        // older iperf3: end.sum is the sender's view with the receiver's loss; received = sent minus lost
        double seconds = sum.path("seconds").asDouble(1);
        long packets = sum.path("packets").asLong();
        long lost = sum.path("lost_packets").asLong();
        double sentBits = sum.path("bytes").asDouble() * 8;
        double receivedBits = packets > 0 ? sentBits * (packets - lost) / packets : 0;
        return new UdpResult(receivedBits / seconds, packets, sum.path("lost_percent").asDouble(),
                sum.path("jitter_ms").asDouble());
    }

    /** The figures of iperf3's {@code -J} output; a clear error when it reports one or lacks the sums. */
    public static Result parse(String json) throws IOException {
        JsonNode root = root(json);
        JsonNode received = root.path("end").path("sum_received");
        if (!received.path("bits_per_second").isNumber()) {
            throw new IOException("iperf3 JSON without end.sum_received.bits_per_second");
        }
        return new Result(received.get("bits_per_second").asDouble(), received.path("bytes").asLong(),
                root.path("end").path("sum_sent").path("retransmits").asLong(0));
    }

    /** The root of iperf3's {@code -J} output; a clear error when it is not JSON, empty or an error report. */
    private static JsonNode root(String json) throws IOException {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IOException("iperf3 output is not JSON: " + e.getOriginalMessage());
        }
        if (root == null || root.isMissingNode()) {
            throw new IOException("iperf3 printed nothing");
        }
        if (root.hasNonNull("error")) {
            throw new IOException("iperf3: " + root.get("error").asText());
        }
        return root;
    }
}
