package io.jfrp.bench.mux;

import io.jfrp.bench.BenchContext;
import io.jfrp.bench.Figure;
import io.jfrp.bench.Mode;
import io.jfrp.bench.Results;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

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

        assertThat(results.figures()).extracting(Figure::path)
                .containsExactly("direct", "yamux-1-stream", "yamux-8-streams");
        assertThat(results.figures()).allSatisfy(f -> {
            assertThat(f.scenario()).isEqualTo("mux-throughput");
            assertThat(f.unit()).isEqualTo("MB/s");
            assertThat(f.higherIsBetter()).isTrue();
            assertThat(f.value()).isPositive();
        });
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
