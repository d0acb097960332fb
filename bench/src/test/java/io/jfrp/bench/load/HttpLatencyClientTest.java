package io.jfrp.bench.load;

import io.netty.handler.codec.http.HttpResponseStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link HttpLatencyClient} against a small Netty HTTP server on loopback whose service time the
 * test sets: the rate is held, the Host header is sent, latencies are measured from the due time
 * (a slow server makes requests queue, and the queueing shows), and errors are counted.
 */
class HttpLatencyClientTest {
    private final List<SmallHttpServer> servers = new ArrayList<>();
    private SmallHttpServer last;

    @AfterEach
    void tearDown() {
        servers.forEach(SmallHttpServer::close);
    }

    /** A server answering each request after {@code delayMillis} with {@code status}. */
    private InetSocketAddress server(long delayMillis, HttpResponseStatus status) throws InterruptedException {
        SmallHttpServer server = new SmallHttpServer(delayMillis, status);
        servers.add(server);
        last = server;
        return server.address;
    }

    @Test
    void holdsTheRateAndSendsTheHostHeader() throws Exception {
        InetSocketAddress target = server(0, HttpResponseStatus.OK);
        HttpLatencyClient.Result r = HttpLatencyClient.run(new HttpLatencyClient.Settings(target, "app.example.test",
                "/x", 4, 400, Duration.ofMillis(250), Duration.ofSeconds(1), Duration.ofSeconds(5)));
        assertThat(r.errors()).as("first error: %s", r.firstError()).isZero();
        // The client paces itself: never faster than asked (how much slower depends on the machine, so
        // no lower bound; a busy machine delays requests, which the lags below account for).
        assertThat(r.achievedRate()).isPositive().isLessThanOrEqualTo(420.0);
        assertThat(r.sent()).as("the measured run only").isEqualTo(400);
        assertThat(r.latency().count()).isEqualTo(400);
        assertThat(r.latency().p50Us()).isPositive();
        assertThat(last.hosts).as("warm-up and measured runs").hasSize(500).containsOnly("app.example.test");
        assertThat(last.accepted).as("the measured run on the warm-up's 4 connections").hasValue(4);
        assertThat(r.clientLag().count()).isEqualTo(400);
        assertThat(r.clientLag().p50Us()).isLessThanOrEqualTo(r.sendLag().p50Us());
    }

    @Test
    void chargesQueueingToTheRequestsASlowServerDelays() throws Exception {
        // 100 req/s on one connection to a server that takes 20 ms per request: each request waits
        // for the ones before it, so the latency from the due time grows to about half a second by
        // the end, while each response itself takes only 20 ms once sent.
        InetSocketAddress target = server(20, HttpResponseStatus.OK);
        HttpLatencyClient.Result r = HttpLatencyClient.run(new HttpLatencyClient.Settings(target, null, "/", 1, 100,
                Duration.ZERO, Duration.ofSeconds(1), Duration.ofSeconds(5)));
        assertThat(r.errors()).as("first error: %s", r.firstError()).isZero();
        assertThat(r.latency().count()).isEqualTo(100);
        assertThat(r.latency().p50Us()).isGreaterThan(200_000);
        assertThat(r.latency().maxUs()).isGreaterThan(800_000);
        assertThat(r.sendLag().p99Us()).isGreaterThan(700_000);
        // ... and none of that waiting is the client's own: each request went as its connection freed.
        assertThat(r.clientLag().p50Us()).isLessThan(r.sendLag().p50Us() / 10);
        // So taking the client's lateness out leaves the queueing charged to the path (coordinated
        // omission): not the 20 ms each answer took once sent.
        assertThat(r.pathLatency().count()).isEqualTo(100);
        assertThat(r.pathLatency().p50Us()).isGreaterThan(200_000);
        assertThat(r.pathLatency().maxUs()).isGreaterThan(800_000);
    }

    /**
     * A request's client lag is its lateness from when it could have gone (due, and its connection
     * free), and the path latency keeps the rest: a wait for the connection's previous answer, and
     * the time to the answer once sent.
     */
    @Test
    void takesOnlyTheClientsOwnLatenessOutOfThePathLatency() {
        // Due at 1,000; the connection free since 400; the client wrote it at 1,500 (its timer late);
        // answered at 2,300: 1,300 from due, 500 of it the client's, 800 the path's.
        assertThat(HttpLatencyClient.clientLagNanos(1_000, 400, 1_500)).isEqualTo(500);
        assertThat(HttpLatencyClient.pathLatencyNanos(1_000, 500, 2_300)).isEqualTo(800);
        // Due at 1,000; the previous answer came at 1,700 (the path was slow); written at 1,750:
        // 50 the client's, and the 700 spent waiting for the connection stay the path's.
        assertThat(HttpLatencyClient.clientLagNanos(1_000, 1_700, 1_750)).isEqualTo(50);
        assertThat(HttpLatencyClient.pathLatencyNanos(1_000, 50, 2_500)).isEqualTo(1_450);
        // Written on time: nothing taken out.
        assertThat(HttpLatencyClient.clientLagNanos(1_000, 400, 1_000)).isZero();
        assertThat(HttpLatencyClient.pathLatencyNanos(1_000, 0, 1_600)).isEqualTo(600);
    }

    /**
     * A warm-up that loses its connections (the server holds the first two answers 1.5 s, past the
     * warm-up's wait) leaves the measured run fresh ones: the late answers reach no run, and every
     * measured request is answered.
     */
    @Test
    void replacesTheConnectionsAWarmUpAbandoned() throws Exception {
        SmallHttpServer server = new SmallHttpServer(n -> n < 2 ? 1_500 : 0, HttpResponseStatus.OK);
        servers.add(server);
        HttpLatencyClient.Result r = HttpLatencyClient.run(new HttpLatencyClient.Settings(server.address, null, "/", 2,
                20, Duration.ofMillis(100), Duration.ofMillis(500), Duration.ofMillis(100)));
        assertThat(r.errors()).as("first error: %s", r.firstError()).isZero();
        assertThat(r.latency().count()).isEqualTo(10);
        assertThat(server.accepted).as("2 for the warm-up, 2 more for the measured run").hasValue(4);
    }

    @Test
    void countsNon200AndUnreachableAsErrors() throws Exception {
        InetSocketAddress target = server(0, HttpResponseStatus.NOT_FOUND);
        HttpLatencyClient.Result r = HttpLatencyClient.run(new HttpLatencyClient.Settings(target, null, "/", 2, 200,
                Duration.ZERO, Duration.ofMillis(500), Duration.ofSeconds(2)));
        assertThat(r.errors()).isEqualTo(100);
        assertThat(r.latency().count()).isZero();
        assertThat(r.firstError()).contains("404");

        InetSocketAddress closed;
        try (var s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closed = new InetSocketAddress("127.0.0.1", s.getLocalPort());
        }
        InetSocketAddress unreachable = closed;
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> HttpLatencyClient.run(new HttpLatencyClient.Settings(
                        unreachable, null, "/", 1, 10, Duration.ZERO, Duration.ofMillis(100), Duration.ofSeconds(1))))
                .isInstanceOf(java.io.IOException.class).hasMessageContaining("cannot connect to");
    }

    /**
     * With {@code -Djfrp.bench.trace=DIR} the measured run (not the warm-up) leaves one line per
     * answered request: due times a schedule's step apart in wall-clock microseconds, the connections
     * taking turns, and the latencies the histogram counted (a 20 ms server: none below it).
     */
    @Test
    void tracesEachMeasuredRequestWhenAsked(@TempDir Path dir) throws Exception {
        InetSocketAddress target = server(20, HttpResponseStatus.OK);
        System.setProperty(LatencyTrace.PROPERTY, dir.toString());
        HttpLatencyClient.Result r;
        long before = System.currentTimeMillis() * 1000;
        try {
            r = HttpLatencyClient.run(new HttpLatencyClient.Settings(target, null, "/x", 4, 100,
                    Duration.ofMillis(200), Duration.ofMillis(500), Duration.ofSeconds(5)));
        } finally {
            System.clearProperty(LatencyTrace.PROPERTY);
        }
        assertThat(r.errors()).as("first error: %s", r.firstError()).isZero();
        List<Path> files;
        try (var listing = Files.list(dir)) {
            files = listing.toList();
        }
        assertThat(files).as("the measured run's trace only").hasSize(1);
        assertThat(files.get(0).getFileName().toString()).startsWith("trace-" + target.getPort() + "-");
        List<long[]> rows = Files.readAllLines(files.get(0)).stream()
                .map(l -> java.util.Arrays.stream(l.split(" ")).mapToLong(Long::parseLong).toArray())
                .sorted(java.util.Comparator.comparingLong(a -> a[0])).toList();
        assertThat(rows).hasSize((int) r.latency().count()).hasSize(50);
        assertThat(rows.get(0)[0]).isGreaterThan(before);
        for (int i = 0; i < rows.size(); i++) {
            long[] row = rows.get(i);
            assertThat(row).hasSize(3);
            assertThat(row[0] - rows.get(0)[0]).isEqualTo(i * 10_000L);
            assertThat(row[1]).isEqualTo(i % 4);
            assertThat(row[2]).isGreaterThanOrEqualTo(20_000);
        }
    }
}
