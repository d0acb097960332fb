package io.jfrp.bench.tools;

import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class Iperf3Test {
    @Test
    void figureIsWhatTheReceiverCounted() throws IOException {
        Iperf3.Result r = Iperf3.parse("""
                {"start": {}, "intervals": [],
                 "end": {"sum_sent": {"bytes": 3000000000, "bits_per_second": 8.1e9, "retransmits": 7},
                         "sum_received": {"bytes": 2999000000, "bits_per_second": 8.0e9}}}
                """);
        assertThat(r.gbps()).isEqualTo(8.0);
        assertThat(r.megabytesPerSecond()).isEqualTo(1000.0);
        assertThat(r.bytes()).isEqualTo(2_999_000_000L);
        assertThat(r.retransmits()).isEqualTo(7);
    }

    @Test
    void iperfErrorsAndBrokenOutputAreNamed() {
        assertThatThrownBy(() -> Iperf3.parse("{\"start\": {}, \"error\": \"the server is busy running a test\"}"))
                .hasMessage("iperf3: the server is busy running a test");
        assertThatThrownBy(() -> Iperf3.parse("{\"end\": {}}"))
                .hasMessage("iperf3 JSON without end.sum_received.bits_per_second");
        assertThatThrownBy(() -> Iperf3.parse("iperf3: error - unable to connect")).hasMessageStartingWith(
                "iperf3 output is not JSON");
        assertThatThrownBy(() -> Iperf3.parse("")).hasMessage("iperf3 printed nothing");
    }
}
