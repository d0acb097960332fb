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

/**
 * iperf3 for the throughput scenarios: a server ({@code iperf3 -s}, one test at a time) and client runs
 * ({@code iperf3 -c ... -J}) whose figure is what the receiving side counted.
 */
public final class Iperf3 implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String netns;
    private final InetSocketAddress address;
    private final Path logDir;
    private Child server;
    private int starts;

    private Iperf3(String netns, String host, int port, Path logDir) {
        this.netns = netns;
        this.address = new InetSocketAddress(host, port);
        this.logDir = logDir;
    }

    /** A server listening on host:port inside {@code netns} (null: ours), its logs in {@code logDir}. */
    public static Iperf3 start(String netns, String host, int port, Path logDir) throws Exception {
        Iperf3 server = new Iperf3(netns, host, port, logDir);
        server.restart();
        return server;
    }

    public InetSocketAddress address() {
        return address;
    }

    /** The running server process (its CPU belongs to every run through it). */
    public synchronized ProcessHandle process() {
        return server.process.toHandle();
    }

    /** Stops the server and starts a new one (after a failed run, which iperf3's server takes badly). */
    public synchronized void restart() throws Exception {
        close();
        starts++;
        server = Child.start("iperf3 server", Child.inNetns(netns, List.of(Tools.path("iperf3"), "-s", "-B",
                address.getHostString(), "-p", String.valueOf(address.getPort()), "--forceflush")),
                logDir.resolve("iperf3-server-" + starts + ".log"));
        server.awaitLine(Duration.ofSeconds(10), "Server listening");
    }

    @Override
    public synchronized void close() {
        if (server != null) {
            server.stop(Duration.ofMillis(100));
            server = null;
        }
    }

    public record Result(double bitsPerSecond, long bytes, long retransmits) {
        public double gbps() {
            return bitsPerSecond / 1e9;
        }

        public double megabytesPerSecond() {
            return bitsPerSecond / 8e6;
        }
    }

    /** One UDP run's outcome, as the receiver counted it; {@code bytes}: the payload bytes received. */
    public record UdpResult(double bitsPerSecond, long bytes, long packets, double lostPercent, double jitterMs) {
        public double mbps() {
            return bitsPerSecond / 1e6;
        }
    }

    /**
     * Runs {@code iperf3 -c target -t seconds -J -P parallel -O omit [-R]} inside {@code clientNetns}, its
     * JSON in {@code jsonOut}; throws with iperf3's own error when it failed (restart the server then).
     */
    public static Result run(String clientNetns, InetSocketAddress target, int seconds, boolean reverse, int parallel,
                             int omit, Path jsonOut) throws IOException, InterruptedException {
        List<String> cmd = command(target, seconds, reverse, "-P", String.valueOf(parallel), "-O", String.valueOf(omit));
        return parse(client(clientNetns, cmd, seconds + omit + 30L, jsonOut));
    }

    /** As {@link #run} with {@code -u -b bitsPerSecond -l length}, from this process's namespace. */
    public static UdpResult runUdp(InetSocketAddress target, int seconds, long bitsPerSecond, int length,
                                   boolean reverse, Path jsonOut) throws IOException, InterruptedException {
        List<String> cmd = command(target, seconds, reverse, "-u", "-b", String.valueOf(bitsPerSecond), "-l",
                String.valueOf(length));
        return parseUdp(client(null, cmd, seconds + 30L, jsonOut));
    }

    private static List<String> command(InetSocketAddress target, int seconds, boolean reverse, String... options) {
        List<String> cmd = new ArrayList<>(List.of(Tools.path("iperf3"), "-c", target.getHostString(), "-p",
                String.valueOf(target.getPort()), "-t", String.valueOf(seconds), "-J", "--connect-timeout", "10000"));
        cmd.addAll(List.of(options));
        if (reverse) {
            cmd.add("-R");
        }
        return cmd;
    }

    /**
     * The JSON output of client {@code cmd} run in {@code netns}; once more after a second when the server
     * still counts the previous test as running (a tunnel closing its connections late: seen with ssh -R).
     */
    private static String client(String netns, List<String> cmd, long limit, Path jsonOut)
            throws IOException, InterruptedException {
        for (int attempt = 1; ; attempt++) {
            Files.deleteIfExists(jsonOut);
            int exit = Child.run(Child.inNetns(netns, cmd), Duration.ofSeconds(limit), jsonOut, false);
            String json = Files.readString(jsonOut, StandardCharsets.UTF_8);
            try {
                root(json);
                return json;
            } catch (IOException e) {
                if (attempt == 1 && e.getMessage().contains("busy")) {
                    Thread.sleep(1000);
                    continue;
                }
                throw new IOException("iperf3 exit " + exit + ": " + e.getMessage() + " (" + jsonOut + ")", e);
            }
        }
    }

    /** The receiver's figures of a UDP run's {@code -J} output ({@code end.sum}). */
    public static UdpResult parseUdp(String json) throws IOException {
        JsonNode end = root(json).path("end");
        JsonNode received = end.path("sum_received");
        if (received.path("bits_per_second").isNumber() && received.path("lost_percent").isNumber()) {
            // iperf3 3.10 and later: the receiver's own sums
            return new UdpResult(received.get("bits_per_second").asDouble(), received.path("bytes").asLong(),
                    received.path("packets").asLong(), received.get("lost_percent").asDouble(),
                    received.path("jitter_ms").asDouble());
        }
        JsonNode sum = end.path("sum");
        if (!sum.path("lost_percent").isNumber()) {
            throw new IOException("iperf3 JSON without end.sum.lost_percent (not a UDP run?)");
        }
        // older iperf3: end.sum is the sender's view with the receiver's loss; received = sent minus lost
        long packets = sum.path("packets").asLong();
        double sentBits = sum.path("bytes").asDouble() * 8;
        double receivedBits = packets > 0 ? sentBits * (packets - sum.path("lost_packets").asLong()) / packets : 0;
        return new UdpResult(receivedBits / sum.path("seconds").asDouble(1), (long) (receivedBits / 8), packets,
                sum.path("lost_percent").asDouble(), sum.path("jitter_ms").asDouble());
    }

    /** The figures of iperf3's {@code -J} output; a clear error when it reports one or lacks the sums. */
    public static Result parse(String json) throws IOException {
        JsonNode end = root(json).path("end");
        JsonNode received = end.path("sum_received");
        if (!received.path("bits_per_second").isNumber()) {
            throw new IOException("iperf3 JSON without end.sum_received.bits_per_second");
        }
        return new Result(received.get("bits_per_second").asDouble(), received.path("bytes").asLong(),
                end.path("sum_sent").path("retransmits").asLong(0));
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
