package io.jfrp.bench.scenarios;

import io.jfrp.bench.harness.BenchContext;
import io.jfrp.bench.harness.Figure;
import io.jfrp.bench.harness.Mode;
import io.jfrp.bench.harness.PathFactory;
import io.jfrp.bench.harness.PublicEndpoint;
import io.jfrp.bench.harness.Results;
import io.jfrp.bench.harness.TunnelPath;
import io.jfrp.testkit.RequiredTools;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each of the HTTP, latency, churn, scale and memory scenarios in quick mode with a one-second phase through a plain direct path (the
 * service's own address, no processes), and an HTTP-only path that the TCP scenarios must skip:
 * they produce their figures with the right names and units, and skip what they should.
 */
class ScenariosOnDirectPathTest {
    @TempDir
    Path out;

    /** The direct path: clients connect to the service itself. */
    static final class Direct implements PathFactory {
        private final String name;
        private final boolean httpOnly;

        Direct(String name, boolean httpOnly) {
            this.name = name;
            this.httpOnly = httpOnly;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public boolean httpOnly() {
            return httpOnly;
        }

        @Override
        public List<String> missingTools() {
            return List.of();
        }

        @Override
        public TunnelPath create(BenchContext ctx) {
            return new TunnelPath() {
                @Override
                public String name() {
                    return name;
                }

                @Override
                public boolean httpOnly() {
                    return httpOnly;
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
            };
        }
    }

    private BenchContext quick() {
        return new BenchContext(Mode.QUICK, out, 1, Duration.ofSeconds(1));
    }

    private static List<Figure> of(Results r, String path) {
        return r.figures().stream().filter(f -> f.path().equals(path)).toList();
    }

    @Test
    void churnAndScaleMeasureTcpPathsAndSkipHttpOnlyOnes() throws Exception {
        List<PathFactory> paths = List.of(new Direct("direct", false), new Direct("vhost", true));
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
        List<PathFactory> paths = List.of(new Direct("direct", false), new Direct("vhost", true));
        Results results = new Results();
        new HttpRpsScenario().run(quick(), paths, results);
        new HttpLatencyScenario().run(quick(), paths, results);
        new MemoryScenario().run(quick(), paths, results);
        for (String path : List.of("direct", "vhost")) {
            assertThat(of(results, path)).extracting(Figure::metric)
                    .as("notes: %s", results.notes())
                    .contains("req/s, 16 conns", "p50 at 2000 req/s", "p99 at 2000 req/s", "p99.9 at 2000 req/s");
        }
        Figure p99 = of(results, "direct").stream().filter(f -> f.metric().equals("p99 at 2000 req/s")).findFirst().orElseThrow();
        assertThat(p99.unit()).isEqualTo("µs");
        assertThat(p99.higherIsBetter()).isFalse();
        assertThat(p99.value()).isPositive();
        // Only the vhost stand-in has a process; its RSS was sampled under load.
        assertThat(of(results, "vhost")).extracting(Figure::metric).contains("RSS server at 2000 req/s");
        assertThat(results.notes()).contains("memory: direct has no tunnel processes to measure");
    }
}
