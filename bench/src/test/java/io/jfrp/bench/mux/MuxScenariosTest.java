package io.jfrp.bench.mux;

import io.jfrp.bench.BenchContext;
import io.jfrp.bench.Figure;
import io.jfrp.bench.Mode;
import io.jfrp.bench.Results;
import io.jfrp.bench.load.PhaseCpu;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The multiplexer-alone scenarios in quick mode: every case moves all its bytes (the scenario fails
 * otherwise) and gives a figure, and the heap figures per stream are those of a working measurement.
 */
class MuxScenariosTest {
    @TempDir
    Path out;

    private BenchContext quick() {
        return new BenchContext(Mode.QUICK, out, 1, Duration.ofSeconds(1), Path.of("..").toAbsolutePath(), java.util.List.of());
    }

    @Test
    void throughputHasAFigurePerCase() throws Exception {
        Results results = new Results();
        new MuxThroughputScenario(32 << 20).run(quick(), List.of(), results); // small: leak detection is paranoid

        List<Figure> rates = results.figures().stream().filter(f -> f.metric().equals(MuxThroughputScenario.METRIC))
                .toList();
        assertThat(rates).extracting(Figure::path).containsExactly("direct", "yamux-1-stream", "yamux-8-streams");
        assertThat(rates).allSatisfy(f -> {
            assertThat(f.scenario()).isEqualTo("mux-throughput");
            assertThat(f.unit()).isEqualTo("MB/s");
            assertThat(f.higherIsBetter()).isTrue();
            assertThat(f.value()).isPositive();
        });
        if (!PhaseCpu.available()) {
            assertThat(results.notes()).contains("mux-throughput: CPU per GB and other load not measured (no /proc: "
                    + "Linux only)");
            return;
        }
        // Beside each rate, the run's CPU: this JVM's, per GB sent (so the bytes were counted), and the machine's
        String m = MuxThroughputScenario.METRIC;
        for (String path : List.of("direct", "yamux-1-stream", "yamux-8-streams")) {
            assertThat(results.figures()).filteredOn(f -> f.path().equals(path) && !f.metric().equals(m))
                    .extracting(Figure::metric, Figure::unit).containsExactly(tuple(m + PhaseCpu.CPU, "s/GB"),
                            tuple(m + PhaseCpu.BUSY, "% of the machine"), tuple(m + PhaseCpu.OTHER, "% of the machine"));
        }
        assertThat(results.figures()).filteredOn(f -> f.metric().endsWith(PhaseCpu.CPU))
                .allSatisfy(f -> assertThat(f.value()).isFinite().isGreaterThanOrEqualTo(0.0));
    }

    @Test
    void memoryMeasuresIdleAndFinishedStreams() throws Exception {
        Results results = new Results();
        new MuxMemoryScenario().run(quick(), List.of(), results);

        assertThat(results.figures()).extracting(Figure::metric).containsExactly("heap per idle stream, opener",
                "heap per idle stream, acceptor", "heap kept per finished stream");
        assertThat(results.figures()).allSatisfy(f -> {
            assertThat(f.path()).isEqualTo("yamux");
            assertThat(f.unit()).isEqualTo("bytes");
            assertThat(f.higherIsBetter()).isFalse();
        });
        // an open stream costs each side something, and far less than 16 KiB; a finished one about nothing
        assertThat(results.figures().subList(0, 2)).allSatisfy(f -> assertThat(f.value()).isBetween(50.0, 16384.0));
        assertThat(Math.abs(results.figures().get(2).value())).isLessThan(2048);
    }
}
