package io.jfrp.bench.scenarios;

import io.jfrp.bench.BenchContext;
import io.jfrp.bench.Figure;
import io.jfrp.bench.Mode;
import io.jfrp.bench.Results;
import io.jfrp.bench.load.PhaseCpu;
import io.jfrp.bench.paths.PathFactory;
import io.jfrp.bench.paths.PublicEndpoint;
import io.jfrp.bench.paths.TunnelPath;
import io.jfrp.testkit.RequiredTools;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Each of the throughput, HTTP, latency, memory, churn and scale scenarios in quick mode with a one-second phase
 * through a plain direct path (the service's own address, no processes), and an HTTP-only path that
 * the TCP scenarios must skip: they produce their figures with the right names and units, and skip
 * what they should.
 */
class ScenariosOnDirectPathTest {
    @TempDir
    Path out;

    /**
     * A path whose factory makes it alone: clients connect to the service itself; the HTTP-only one
     * sends a Host header and has a process (this JVM) whose memory can be sampled.
     */
    record Direct(String name, boolean httpOnly) implements TunnelPath {
        PathFactory factory() {
            return new PathFactory(name, httpOnly, List.of(), ctx -> this, false);
        }

        @Override
        public PublicEndpoint publish(InetSocketAddress service) {
            return new PublicEndpoint(service, httpOnly ? "vhost.example.test" : null);
        }

        @Override
        public Map<String, ProcessHandle> processes() {
            return httpOnly ? Map.of("server", ProcessHandle.current()) : Map.of();
        }

        @Override
        public void close() {
        }
    }

    private BenchContext quick() {
        return quick(Mode.QUICK);
    }

    private BenchContext quick(Mode mode) {
        return new BenchContext(mode, out, 1, Duration.ofSeconds(1), Path.of("..").toAbsolutePath(), java.util.List.of("-Xmx256m"));
    }

    private static List<Figure> of(Results r, String path) {
        return r.figures().stream().filter(f -> f.path().equals(path)).toList();
    }

    @Test
    void churnAndScaleMeasureTcpPathsAndSkipHttpOnlyOnes() throws Exception {
        List<PathFactory> paths = List.of(new Direct("direct", false).factory(), new Direct("vhost", true).factory());
        Results results = new Results();
        new ChurnScenario().run(quick(), paths, results);
        new ScaleScenario().run(quick(), paths, results);
        assertThat(results.figures()).extracting(Figure::scenario, Figure::metric, Figure::unit)
                .contains(org.assertj.core.groups.Tuple.tuple("churn", "connections/s", "conn/s"),
                        org.assertj.core.groups.Tuple.tuple("scale", "held, N=1000", "conns"));
        assertThat(of(results, "vhost")).isEmpty();
        assertThat(results.notes()).contains("churn: vhost skipped (HTTP only)", "scale: vhost skipped (HTTP only)");
        Figure held = of(results, "direct").stream().filter(f -> f.metric().equals("held, N=1000")).findFirst().orElseThrow();
        assertThat(held.value()).as("notes: %s", results.notes()).isEqualTo(1000);
        Figure rate = of(results, "direct").stream().filter(f -> f.metric().equals("connections/s")).findFirst().orElseThrow();
        assertThat(rate.value()).isPositive();
        assertThat(rate.higherIsBetter()).isTrue();
    }

    @Test
    void httpScenariosMeasureEveryPathWithItsHostHeader() throws Exception {
        RequiredTools.requireOnPath("nginx", "wrk");
        List<PathFactory> paths = List.of(new Direct("direct", false).factory(), new Direct("vhost", true).factory());
        Results results = new Results();
        // The warm-up capped at its three slices: 1 s wrk slices to nginx vary by more than its 10% on a busy
        // machine (CI runs bench beside e2e), so the quick mode's 20 s cap was reached on each of the four
        // warm-ups, most of this test's time; the rule itself is SteadyRateWarmupTest's.
        BenchContext ctx = quick(Mode.QUICK.withWarmupCap(SteadyRateWarmup.STEADY_SLICES));
        new HttpRpsScenario().run(ctx, paths, results);
        new HttpLatencyScenario().run(ctx, paths, results);
        for (String path : List.of("direct", "vhost")) {
            assertThat(of(results, path)).extracting(Figure::metric)
                    .as("notes: %s", results.notes())
                    .contains("req/s, 32 conns", "warm-up to a steady rate", "p50 at 1000 req/s", "p99 at 1000 req/s", "p99.9 at 1000 req/s");
        }
        Figure p99 = of(results, "direct").stream().filter(f -> f.metric().equals("p99 at 1000 req/s")).findFirst().orElseThrow();
        assertThat(p99.unit()).isEqualTo("µs");
        assertThat(p99.higherIsBetter()).isFalse();
        assertThat(p99.value()).isPositive();
    }

    @Test
    void throughputWarmsEachPathToASteadyRateAndReportsItsFirstSecond() throws Exception {
        RequiredTools.requireOnPath("iperf3");
        Results results = new Results();
        IperfScenario.throughput().run(quick(), List.of(new Direct("direct", false).factory()), results);
        List<Figure> direct = of(results, "direct");
        List<String> cases = List.of("1 stream upload", "1 stream download", "4 streams upload", "4 streams download");
        List<String> metrics = new ArrayList<>(List.of("1 stream upload, first second", "warm-up to a steady rate"));
        for (String c : cases) {
            // quick mode: the one-stream cases (the goals') in three rounds, the four-stream ones in one
            for (int round = 1; round <= (c.startsWith("1 stream") ? IperfScenario.QUICK_ONE_STREAM_ROUNDS : 1); round++) {
                metrics.add(c);
                if (PhaseCpu.available()) {
                    metrics.addAll(List.of(c + PhaseCpu.CPU, c + PhaseCpu.BUSY, c + PhaseCpu.OTHER));
                }
            }
        }
        assertThat(direct).as("notes: %s", results.notes()).extracting(Figure::metric)
                .containsExactlyInAnyOrderElementsOf(metrics);
        // Each run's CPU: the two iperf3 processes spent some per GB carried; shares of the machine in 0-100 %
        for (Figure f : direct) {
            if (f.metric().endsWith(PhaseCpu.CPU)) {
                assertThat(f.unit()).isEqualTo("s/GB");
                assertThat(f.value()).as(f.metric()).isPositive();
            } else if (f.metric().endsWith(PhaseCpu.BUSY) || f.metric().endsWith(PhaseCpu.OTHER)) {
                assertThat(f.unit()).isEqualTo("% of the machine");
                assertThat(f.value()).as(f.metric()).isBetween(0.0, 100.0);
            }
        }
        Figure cold = direct.stream().filter(f -> f.metric().endsWith("first second")).findFirst().orElseThrow();
        assertThat(cold.unit()).isEqualTo("Gbit/s");
        assertThat(cold.value()).isPositive();
        Figure warmUp = direct.stream().filter(f -> f.metric().equals("warm-up to a steady rate")).findFirst().orElseThrow();
        assertThat(warmUp.unit()).isEqualTo("s");
        assertThat(warmUp.higherIsBetter()).isFalse();
        // At least the three slices the rule compares, at most the quick mode's cap.
        assertThat(warmUp.value()).isBetween((double) SteadyRateWarmup.STEADY_SLICES, (double) SteadyRateWarmup.cap(quick()));
    }

    /**
     * udp, stcp and xtcp through the direct path: beside each rate its CPU per GB (so the run counted the
     * bytes it carried: without them there is no such figure), the machine's busy share and the other load.
     */
    @Test
    void udpStcpAndXtcpReportTheCpuOfEachRun() throws Exception {
        RequiredTools.requireOnPath("iperf3");
        if (!PhaseCpu.available()) {
            RequiredTools.missing("no /proc: PhaseCpu reads Linux's /proc");
        }
        List<PathFactory> direct = List.of(new Direct("direct", false).factory());
        for (IperfScenario s : List.of(IperfScenario.udp(), IperfScenario.stcp(), IperfScenario.xtcp())) {
            Results results = new Results();
            s.onPaths(direct).run(quick(), direct, results);
            boolean udp = s.name.equals("udp");
            List<String> cases = udp ? List.of("up at 100 Mbit/s", "down at 100 Mbit/s")
                    : List.of("1 stream upload", "1 stream download");
            List<Figure> figures = of(results, "direct");
            for (String c : cases) {
                assertThat(figures).as("%s, notes: %s", s.name, results.notes()).filteredOn(f -> f.metric().startsWith(c)
                        || f.metric().startsWith("received, " + c)).extracting(Figure::metric, Figure::unit)
                        .containsExactlyInAnyOrder(tuple(udp ? "received, " + c : c, udp ? "Mbit/s" : "Gbit/s"),
                                tuple(c + PhaseCpu.CPU, "s/GB"), tuple(c + PhaseCpu.BUSY, "% of the machine"),
                                tuple(c + PhaseCpu.OTHER, "% of the machine"));
            }
            for (Figure f : figures) {
                if (f.metric().endsWith(PhaseCpu.CPU)) {
                    assertThat(f.value()).as(s.name + " " + f.metric()).isFinite().isGreaterThanOrEqualTo(0.0);
                } else if (f.metric().endsWith(PhaseCpu.BUSY) || f.metric().endsWith(PhaseCpu.OTHER)) {
                    assertThat(f.value()).as(s.name + " " + f.metric()).isBetween(0.0, 100.0);
                }
            }
        }
    }

    @Test
    void memoryMeasuresTheProcessesOfTcpPathsIdleAtTheBurstAndAfter() throws Exception {
        // A TCP stand-in whose "server" process is this JVM; direct (no processes) takes no part.
        record WithProcess(String name) implements TunnelPath {
            public PublicEndpoint publish(InetSocketAddress service) {
                return new PublicEndpoint(service, null);
            }

            public Map<String, ProcessHandle> processes() {
                return Map.of("server", ProcessHandle.current());
            }

            public void close() {
            }
        }
        Results results = new Results();
        new MemoryScenario().run(quick(), List.of(new Direct("direct", false).factory(),
                new PathFactory("tcp", ctx -> new WithProcess("tcp"))), results);
        assertThat(of(results, "direct")).isEmpty();
        assertThat(of(results, "tcp")).as("notes: %s", results.notes()).extracting(Figure::metric).containsExactly(
                "idle RSS server", "peak RSS server, 2000 conns", "RSS server 5 s after", "after/idle server");
        Figure idle = of(results, "tcp").get(0);
        assertThat(idle.unit()).isEqualTo("MiB");
        assertThat(idle.value()).isPositive();
        assertThat(of(results, "tcp").get(1).value()).isGreaterThanOrEqualTo(idle.value());
        assertThat(results.notes()).noneMatch(n -> n.contains("held"));
    }
}
