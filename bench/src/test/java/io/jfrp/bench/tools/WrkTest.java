package io.jfrp.bench.tools;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** {@link Wrk#parse} on reports captured from wrk 4.1.0 (Debian) against nginx on this machine. */
class WrkTest {

    private static String sample(String name) throws IOException {
        try (InputStream in = WrkTest.class.getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void readsRateAndPercentilesInMicroseconds() throws IOException {
        Wrk.Result r = Wrk.parse(sample("wrk-16c-1k.txt"));
        assertThat(r.requestsPerSecond()).isEqualTo(46491.69);
        assertThat(r.requests()).isEqualTo(97630);
        assertThat(r.p50Us()).isCloseTo(341.0, within(1e-9));
        assertThat(r.p75Us()).isCloseTo(388.0, within(1e-9));
        assertThat(r.p90Us()).isCloseTo(441.0, within(1e-9));
        assertThat(r.p99Us()).isCloseTo(630.0, within(1e-9));
        assertThat(r.errors()).isZero();
    }

    @Test
    void convertsMilliseconds() throws IOException {
        Wrk.Result r = Wrk.parse(sample("wrk-64c-index.txt"));
        assertThat(r.requestsPerSecond()).isEqualTo(43027.41);
        assertThat(r.p50Us()).isCloseTo(1580.0, within(1e-6));
        assertThat(r.p99Us()).isCloseTo(5540.0, within(1e-6));
    }

    @Test
    void countsNon2xxResponsesAsErrors() throws IOException {
        Wrk.Result r = Wrk.parse(sample("wrk-16c-non2xx.txt"));
        assertThat(r.errors()).isEqualTo(113923);
        assertThat(r.p99Us()).isCloseTo(3930.0, within(1e-6));
    }

    @Test
    void countsSocketErrors() throws IOException {
        String text = sample("wrk-16c-1k.txt").replace("Requests/sec:",
                "  Socket errors: connect 1, read 2, write 3, timeout 4\nRequests/sec:");
        assertThat(Wrk.parse(text).errors()).isEqualTo(10);
    }

    @Test
    void refusesOutputWithoutReport() {
        assertThatThrownBy(() -> Wrk.parse("unable to connect to 127.0.0.1:1 Connection refused"))
                .isInstanceOf(IOException.class).hasMessageContaining("Requests/sec");
    }

    @Test
    void refusesOutputWithoutLatencyDistribution() throws IOException {
        String text = sample("wrk-16c-1k.txt").replaceAll("(?m)^\\s+9[09]%.*$\\n", "");
        assertThatThrownBy(() -> Wrk.parse(text)).isInstanceOf(IOException.class)
                .hasMessageContaining("2 of the 4 latency percentiles");
    }
}
