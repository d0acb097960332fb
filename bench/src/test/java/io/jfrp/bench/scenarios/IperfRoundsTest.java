package io.jfrp.bench.scenarios;

import io.jfrp.bench.BenchContext;
import io.jfrp.bench.Figure;
import io.jfrp.bench.Mode;
import io.jfrp.bench.report.Goals;
import io.jfrp.bench.report.Summary;
import io.jfrp.bench.scenarios.IperfScenario.Case;
import io.jfrp.bench.scenarios.IperfScenario.Run;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The iperf3 scenarios' rounds: the path order rotated each round, and in quick mode the throughput's
 * one-stream cases in three rounds whose median (with the rounds' spread) the goals judge, the four-stream
 * cases in the run's one.
 */
class IperfRoundsTest {
    private static final List<String> PATHS = List.of("direct", "jfrp-mux-tls", "frp-mux-tls");

    private static BenchContext context(Mode mode, int rounds) {
        return new BenchContext(mode, Path.of("out"), rounds, Duration.ofSeconds(mode.phaseSeconds()), Path.of("."),
                List.of());
    }

    @Test
    void eachRoundRotatesThePathOrderAndRunsACaseOnlyInItsRounds() {
        assertThat(IperfScenario.schedule(3, new int[] {3, 1})).containsExactly(
                new Run(1, 0, 0), new Run(1, 0, 1), new Run(1, 1, 0), new Run(1, 1, 1), new Run(1, 2, 0), new Run(1, 2, 1),
                new Run(2, 1, 0), new Run(2, 2, 0), new Run(2, 0, 0),
                new Run(3, 2, 0), new Run(3, 0, 0), new Run(3, 1, 0));
    }

    @Test
    void quickModeRunsTheOneStreamCasesInThreeRoundsAndFullModeItsOwn() {
        List<Case> cases = IperfScenario.throughputCases();
        assertThat(cases).extracting(Case::label).containsExactly("1 stream upload", "1 stream download",
                "4 streams upload", "4 streams download");
        assertThat(IperfScenario.caseRounds(context(Mode.QUICK, 1), cases)).containsExactly(3, 3, 1, 1);
        assertThat(IperfScenario.caseRounds(context(Mode.QUICK, 5), cases)).containsExactly(5, 5, 5, 5);
        assertThat(IperfScenario.caseRounds(context(Mode.FULL, 3), cases)).containsExactly(3, 3, 3, 3);
    }

    /**
     * Exact rates per (path, round) through the quick throughput's schedule: each one-stream row is the
     * median of its three rounds with their spread, and the 3× goal judges the medians (the first round
     * alone, 7 / 3, would not meet it); each four-stream row is its one round.
     */
    @Test
    void theGoalsJudgeTheMedianOfTheQuickOneStreamRoundsWithTheirSpread() {
        double[][] oneStream = {{20, 24, 22}, {7, 9, 8}, {3, 2.5, 2}}; // [path][round - 1], Gbit/s
        List<Case> cases = IperfScenario.throughputCases();
        List<Figure> figures = new ArrayList<>();
        List<String> order = new ArrayList<>();
        for (Run run : IperfScenario.schedule(PATHS.size(), IperfScenario.caseRounds(context(Mode.QUICK, 1), cases))) {
            String label = cases.get(run.caseIndex()).label();
            String path = PATHS.get(run.path());
            double rate = label.startsWith("1 stream") ? oneStream[run.path()][run.round() - 1] : 10 + run.path();
            figures.add(new Figure("throughput", label, path, rate, "Gbit/s", true));
            if (label.equals("1 stream upload")) {
                order.add(path);
            }
        }
        assertThat(order).containsExactly("direct", "jfrp-mux-tls", "frp-mux-tls", "jfrp-mux-tls", "frp-mux-tls",
                "direct", "frp-mux-tls", "direct", "jfrp-mux-tls");

        List<Summary.Row> rows = Summary.of(figures);
        Summary.Row jfrp = row(rows, "1 stream download", "jfrp-mux-tls");
        assertThat(jfrp.values()).containsExactly(7.0, 9.0, 8.0);
        assertThat(jfrp.median()).isEqualTo(8.0);
        assertThat(jfrp.min()).isEqualTo(7.0);
        assertThat(jfrp.max()).isEqualTo(9.0);
        assertThat(row(rows, "1 stream upload", "frp-mux-tls").median()).isEqualTo(2.5);
        assertThat(row(rows, "4 streams upload", "frp-mux-tls").values()).containsExactly(12.0);

        Goals.Check vsFrp = Goals.check(rows).stream().filter(c -> c.goal().startsWith("one stream through tcpMux+TLS ≥ 3×")
                && c.metric().equals("1 stream upload")).findFirst().orElseThrow();
        assertThat(vsFrp.status()).isEqualTo("met");
        assertThat(vsFrp.detail()).isEqualTo("jfrp-mux-tls / frp-mux-tls = 8.00 / 2.50 = 3.20 (goal ≥ 3.00), "
                + "medians of 3 / 3 rounds: 7.00–9.00 / 2.00–3.00");
    }

    private static Summary.Row row(List<Summary.Row> rows, String metric, String path) {
        return rows.stream().filter(r -> r.metric().equals(metric) && r.path().equals(path)).findFirst().orElseThrow();
    }
}
