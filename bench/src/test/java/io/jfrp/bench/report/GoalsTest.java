package io.jfrp.bench.report;

import io.jfrp.bench.Figure;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** The goals of issue 16 judged on hand-made figures: differences, bounds with stock frp beside, limits. */
class GoalsTest {
    private static List<Goals.Check> checks(Figure... figures) {
        return Goals.check(Summary.of(List.of(figures)));
    }

    private static Goals.Check only(List<Goals.Check> checks, String goalStart, String metric) {
        return checks.stream().filter(c -> c.goal().startsWith(goalStart) && c.metric().equals(metric)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + goalStart + " / " + metric + " in " + checks));
    }

    @Test
    void vhostLatencyIsADifferenceFromDirectInMilliseconds() {
        List<Goals.Check> c = checks(new Figure("http-latency", "p99 at 1000 req/s", "direct", 300, "µs", false),
                new Figure("http-latency", "p99 at 1000 req/s", "jfrp-vhost-http", 1500, "µs", false));
        Goals.Check p99 = only(c, "p99 through the vhost", "p99 at 1000 req/s");
        assertThat(p99.status()).isEqualTo("not met");
        assertThat(p99.detail()).isEqualTo("jfrp-vhost-http − direct = 1.200 ms (goal ≤ 1.00 ms); over by 0.200 ms");
    }

    @Test
    void throughputGoalsJudgeTheSteadyFiguresNotTheWarmUps() {
        List<Goals.Check> c = checks(
                new Figure("throughput", "1 stream upload, first second", "jfrp-mux-tls", 1, "Gbit/s", true),
                new Figure("throughput", "1 stream upload, first second", "frp-mux-tls", 2, "Gbit/s", true),
                new Figure("throughput", "warm-up to a steady rate", "jfrp-mux-tls", 9, "s", false),
                new Figure("throughput", "warm-up to a steady rate", "frp-mux-tls", 3, "s", false),
                new Figure("throughput", "1 stream upload", "jfrp-mux-tls", 6, "Gbit/s", true),
                new Figure("throughput", "1 stream upload", "frp-mux-tls", 2, "Gbit/s", true));
        assertThat(c).filteredOn(k -> k.goal().startsWith("one stream through tcpMux+TLS ≥ 3×"))
                .extracting(Goals.Check::metric).containsExactly("1 stream upload");
        assertThat(only(c, "one stream through tcpMux+TLS ≥ 3×", "1 stream upload").status()).isEqualTo("met");
        assertThat(c).filteredOn(k -> k.goal().startsWith("jfrp pool mode"))
                .extracting(Goals.Check::metric).containsExactly("1 stream upload");
    }

    @Test
    void cpuPerGigabyteIsContextUnderTheOneStreamRowNotAFigureTheGoalsJudge() {
        List<Goals.Check> c = checks(
                new Figure("throughput", "1 stream upload", "jfrp-mux-tls", 6, "Gbit/s", true),
                new Figure("throughput", "1 stream upload", "frp-mux-tls", 2.5, "Gbit/s", true),
                new Figure("throughput", "1 stream upload, cpu", "jfrp-mux-tls", 2.1, "s/GB", false),
                new Figure("throughput", "1 stream upload, cpu", "frp-mux-tls", 4.2, "s/GB", false),
                new Figure("throughput", "1 stream upload, other load", "jfrp-mux-tls", 30, "% of the machine", false),
                new Figure("throughput", "1 stream upload, other load", "frp-mux-tls", 5, "% of the machine", false),
                new Figure("throughput", "1 stream upload", "jfrp-pool-tls", 5, "Gbit/s", true),
                new Figure("throughput", "1 stream upload", "frp-pool-tls", 4, "Gbit/s", true),
                new Figure("throughput", "1 stream upload, cpu", "jfrp-pool-tls", 9, "s/GB", false),
                new Figure("throughput", "1 stream upload, cpu", "frp-pool-tls", 1, "s/GB", false));
        assertThat(c).filteredOn(k -> k.goal().startsWith("one stream through tcpMux+TLS ≥ 3×"))
                .extracting(Goals.Check::metric).containsExactly("1 stream upload");
        assertThat(c).filteredOn(k -> k.goal().startsWith("jfrp pool mode"))
                .extracting(Goals.Check::metric, Goals.Check::status).containsExactly(tuple("1 stream upload", "met"));
        Goals.Check first = only(c, "one stream through tcpMux+TLS ≥ 3×", "1 stream upload");
        Goals.Check context = c.get(c.indexOf(first) + 1);
        assertThat(context.goal()).startsWith("↳ CPU per GB");
        assertThat(context.metric()).isEqualTo("1 stream upload, cpu");
        assertThat(context.status()).isEqualTo("context");
        assertThat(context.detail()).isEqualTo("jfrp-mux-tls / frp-mux-tls = 2.10 / 4.20 s/GB = 0.50");
    }

    /** The high-latency and mux-throughput goals judge the rates, not the CPU figures beside them. */
    @Test
    void goalsOfScenariosWithCpuBesideJudgeOnlyTheRates() {
        List<Goals.Check> c = checks(
                new Figure("high-latency", "1 stream download, 50 ms RTT", "jfrp-mux-tls", 60, "MB/s", true),
                new Figure("high-latency", "1 stream download, 50 ms RTT", "jfrp-mux-tls-fixed-256k", 10, "MB/s", true),
                new Figure("high-latency", "1 stream download, 50 ms RTT, cpu", "jfrp-mux-tls", 2, "s/GB", false),
                new Figure("high-latency", "1 stream download, 50 ms RTT, cpu", "jfrp-mux-tls-fixed-256k", 3, "s/GB",
                        false),
                new Figure("high-latency", "1 stream download, 50 ms RTT, other load", "jfrp-mux-tls", 9,
                        "% of the machine", false),
                new Figure("high-latency", "1 stream download, 50 ms RTT, other load", "jfrp-mux-tls-fixed-256k", 1,
                        "% of the machine", false),
                new Figure("mux-throughput", "bulk transfer, 64 KiB writes", "yamux-1-stream", 800, "MB/s", true),
                new Figure("mux-throughput", "bulk transfer, 64 KiB writes", "direct", 1000, "MB/s", true),
                new Figure("mux-throughput", "bulk transfer, 64 KiB writes, machine busy", "yamux-1-stream", 90,
                        "% of the machine", false),
                new Figure("mux-throughput", "bulk transfer, 64 KiB writes, machine busy", "direct", 50,
                        "% of the machine", false));
        assertThat(c).filteredOn(k -> k.goal().startsWith("high-latency single stream"))
                .extracting(Goals.Check::metric, Goals.Check::status)
                .containsExactly(tuple("1 stream download, 50 ms RTT", "met"));
        assertThat(c).filteredOn(k -> k.goal().startsWith("yamux, 1 stream"))
                .extracting(Goals.Check::metric, Goals.Check::status)
                .containsExactly(tuple("bulk transfer, 64 KiB writes", "met"));
    }

    @Test
    void startupIsABoundOnJfrpWithStockFrpBesideIt() {
        List<Goals.Check> c = checks(new Figure("startup", "server accepting on bindPort", "jfrp-mux-tls", 0.8, "s", false),
                new Figure("startup", "server accepting on bindPort", "frp-mux-tls", 0.12, "s", false),
                new Figure("startup", "client's proxy open", "jfrp-mux-tls", 1.4, "s", false));
        Goals.Check server = only(c, "start-up", "server accepting on bindPort");
        assertThat(server.status()).isEqualTo("met");
        assertThat(server.detail()).isEqualTo("0.80 s through jfrp-mux-tls (goal ≤ 1.00); beside it frp-mux-tls: 0.12 s");
        Goals.Check client = only(c, "start-up", "client's proxy open");
        assertThat(client.status()).isEqualTo("not met");
        assertThat(client.detail()).isEqualTo("1.40 s through jfrp-mux-tls (goal ≤ 1.00); the bound is 1.00");
    }

    @Test
    void memoryReturnedIsTheRatioAfterToIdle() {
        List<Goals.Check> c = checks(new Figure("memory", "idle RSS server", "jfrp-mux-tls", 70, "MiB", false),
                new Figure("memory", "after/idle server", "jfrp-mux-tls", 1.1, "x", false),
                new Figure("clients", "unchecked tunnels, N=20", "jfrp-mux-tls", 0, "tunnels", false));
        assertThat(only(c, "idle RSS", "idle RSS server").status()).isEqualTo("not met");
        assertThat(only(c, "memory returned", "after/idle server").status()).isEqualTo("met");
        assertThat(only(c, "every tunnel", "unchecked tunnels, N=20").status()).as("a bound of 0 met by 0").isEqualTo("met");
    }

    @Test
    void hundredThousandConnectionsIsNotReachableUnderTheHardLimit() {
        List<Goals.Check> c = checks(new Figure("scale", Goals.HARD_NOFILE, "load client", 20000, "files", true),
                new Figure("scale", "held, N=10000", "jfrp-mux-tls", 10000, "conns", true),
                new Figure("scale", "heap/conn client, N=10000", "jfrp-mux-tls", 900, "bytes", false));
        Goals.Check held = only(c, "100,000", "held");
        assertThat(held.status()).isEqualTo("not reachable here");
        assertThat(held.detail()).startsWith("hard nofile limit 20000 ").endsWith("held 10,000 (held, N=10000)");
        assertThat(only(c, "heap per concurrent connection", "heap/conn client, N=10000").status()).isEqualTo("met");
    }

    @Test
    void hundredThousandConnectionsThroughAPluginEndAreJudgedOnScale100k() {
        Figure limit = new Figure("scale", Goals.HARD_NOFILE, "load client", 20000, "files", true);
        String n = ", N=100000 over 6 jfrps";
        List<Goals.Check> met = checks(limit, new Figure("scale-100k", "held" + n, "jfrp-mux-tls", 100000, "conns", true),
                new Figure("scale-100k", "heap/conn jfrpc" + n, "jfrp-mux-tls", 1946, "bytes", false));
        Goals.Check held = only(met, "100,000", "held" + n);
        assertThat(held.status()).isEqualTo("met");
        assertThat(held.detail()).startsWith("100,000 held through one jfrpc, each ending in its static_file plugin")
                .contains(", N = 100000 over 6 jfrps").contains("jfrpc's heap per connection 1,946 B")
                .endsWith("not 100,000 local sockets behind jfrpc, which the hard open-file limit per process does not allow here");

        List<Goals.Check> heavy = checks(limit, new Figure("scale-100k", "held" + n, "jfrp-mux-tls", 100000, "conns", true),
                new Figure("scale-100k", "heap/conn jfrpc" + n, "jfrp-mux-tls", 2100, "bytes", false));
        assertThat(only(heavy, "100,000", "held" + n).detail()).endsWith("; heap per connection not under 2 KiB");
        assertThat(only(heavy, "100,000", "held" + n).status()).isEqualTo("not met");

        String few = ", N=10000 over 2 jfrps";
        List<Goals.Check> quick = checks(limit, new Figure("scale-100k", "held" + few, "jfrp-mux-tls", 10000, "conns", true),
                new Figure("scale-100k", "heap/conn jfrpc" + few, "jfrp-mux-tls", 1946, "bytes", false));
        assertThat(only(quick, "100,000", "held" + few).status()).isEqualTo("not met");
        assertThat(only(quick, "100,000", "held" + few).detail()).endsWith("; fewer than 100,000 held");
    }

    @Test
    void aGoalWithoutFiguresIsNotMeasuredRatherThanMet() {
        assertThat(checks()).extracting(Goals.Check::status).containsOnly("not measured");
    }
}
