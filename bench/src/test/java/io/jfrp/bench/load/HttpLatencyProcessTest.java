package io.jfrp.bench.load;

import io.jfrp.bench.Stats;
import io.netty.handler.codec.http.HttpResponseStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link HttpLatencyProcess}: the load client in a child JVM against a {@link SmallHttpServer} in this
 * one, over real loopback sockets. The child's requests arrive (warm-up and measured run, with the
 * Host header), its figures come back across the process boundary and match what the server saw,
 * its failures come back as exceptions, and the trace property reaches it.
 */
class HttpLatencyProcessTest {
    @Test
    void runsTheClientInAChildJvmAndReadsBackItsFigures(@TempDir Path dir) throws Exception {
        try (SmallHttpServer server = new SmallHttpServer(20, HttpResponseStatus.OK)) {
            HttpLatencyClient.Result r = HttpLatencyProcess.run(new HttpLatencyClient.Settings(server.address,
                    "app.example.test", "/x", 4, 200, Duration.ofMillis(250), Duration.ofSeconds(1),
                    Duration.ofSeconds(5)), dir);
            assertThat(r.errors()).as("first error: %s", r.firstError()).isZero();
            assertThat(r.firstError()).isNull();
            assertThat(r.targetRate()).isEqualTo(200.0);
            assertThat(r.sent()).as("the measured run only").isEqualTo(200);
            assertThat(r.latency().count()).isEqualTo(200);
            assertThat(r.clientLag().count()).isEqualTo(200);
            // every answer took the server's 20 ms at least, counted from its due time
            assertThat(r.latency().p50Us()).isGreaterThanOrEqualTo(20_000);
            assertThat(r.latency().maxUs()).isGreaterThanOrEqualTo(r.latency().p99Us());
            // the client's own lateness taken out, the server's 20 ms stay in
            assertThat(r.pathLatency().count()).isEqualTo(200);
            assertThat(r.pathLatency().p50Us()).isGreaterThanOrEqualTo(20_000).isLessThanOrEqualTo(r.latency().p50Us());
            assertThat(r.achievedRate()).isPositive().isLessThanOrEqualTo(210.0);
            assertThat(server.hosts).as("warm-up and measured runs, from the child")
                    .hasSize(250).containsOnly("app.example.test");
            assertThat(Files.readString(dir.resolve("latency-client.log"))).contains("HTTP-LATENCY-RESULT\t")
                    .contains(HttpLatencyProcess.class.getName()).contains("-XX:TieredStopAtLevel=1")
                    .doesNotContain("LEAK");
        }
    }

    @Test
    void bringsBackErrorsAndFailures(@TempDir Path dir) throws Exception {
        try (SmallHttpServer server = new SmallHttpServer(0, HttpResponseStatus.NOT_FOUND)) {
            HttpLatencyClient.Result r = HttpLatencyProcess.run(new HttpLatencyClient.Settings(server.address, null,
                    "/", 2, 200, Duration.ZERO, Duration.ofMillis(500), Duration.ofSeconds(2)), dir);
            assertThat(r.errors()).isEqualTo(100);
            assertThat(r.latency().count()).isZero();
            assertThat(r.latency().p99Us()).isNaN();
            assertThat(r.firstError()).contains("404");
            assertThat(server.hosts).hasSize(100)
                    .containsOnly(server.address.getHostString() + ":" + server.address.getPort());
        }
        InetSocketAddress closed;
        try (var s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = new InetSocketAddress("127.0.0.1", s.getLocalPort());
        }
        assertThatThrownBy(() -> HttpLatencyProcess.run(new HttpLatencyClient.Settings(closed, null, "/", 1, 10,
                Duration.ZERO, Duration.ofMillis(100), Duration.ofSeconds(1)), dir))
                .isInstanceOf(IOException.class).hasMessageContaining("cannot connect to");
    }

    @Test
    void handsTheTracePropertyToTheChild(@TempDir Path dir) throws Exception {
        Path traces = dir.resolve("traces");
        System.setProperty(LatencyTrace.PROPERTY, traces.toString());
        try (SmallHttpServer server = new SmallHttpServer(0, HttpResponseStatus.OK)) {
            HttpLatencyClient.Result r = HttpLatencyProcess.run(new HttpLatencyClient.Settings(server.address, null,
                    "/", 2, 100, Duration.ZERO, Duration.ofMillis(500), Duration.ofSeconds(2)), dir);
            assertThat(r.errors()).isZero();
            List<Path> files;
            try (var listing = Files.list(traces)) {
                files = listing.toList();
            }
            assertThat(files).hasSize(1);
            assertThat(Files.readAllLines(files.get(0))).hasSize((int) r.latency().count()).hasSize(50);
        } finally {
            System.clearProperty(LatencyTrace.PROPERTY);
        }
    }

    @Test
    void aResultLineRoundTripsAndBadLinesAreRefused() {
        var r = new HttpLatencyClient.Result(1000, 998.5, 3000, 2, new Stats.Latency(2998, 310.5, 400, 650.25, 900, 1200),
                new Stats.Latency(3000, 1, 2, 3, 4, 5), new Stats.Latency(0, Double.NaN, Double.NaN, Double.NaN,
                Double.NaN, Double.NaN), new Stats.Latency(2998, 300.5, 390, 640.25, 880, 1100),
                "connection 3: closed\tby\npeer");
        String line = HttpLatencyProcess.encode(r);
        assertThat(line).doesNotContain("\n");
        assertThat(HttpLatencyProcess.decode(line))
                .isEqualTo(new HttpLatencyClient.Result(1000, 998.5, 3000, 2, r.latency(), r.sendLag(), r.clientLag(),
                        r.pathLatency(), "connection 3: closed by peer"));
        var none = new HttpLatencyClient.Result(1, 1, 1, 0, r.latency(), r.latency(), r.latency(), r.latency(), null);
        assertThat(HttpLatencyProcess.decode(HttpLatencyProcess.encode(none))).isEqualTo(none);
        assertThatThrownBy(() -> HttpLatencyProcess.decode("HTTP-LATENCY-RESULT\t1\t2")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HttpLatencyProcess.decode("hello")).isInstanceOf(IllegalArgumentException.class);
    }
}
