package io.jfrp.e2e.udp;

import io.jfrp.e2e.E2e;
import io.jfrp.e2e.wirev2.Payload;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A byte round trip through an echo without half-close (stock frp ends a relay at the first FIN):
 * {@code size} seeded bytes written while the same number is read back, SHA-256 compared.
 */
final class TcpRoundTrip {
    private TcpRoundTrip() {
    }

    /** Sends {@code size} seeded bytes to 127.0.0.1:{@code port} and asserts the same bytes come back. */
    static void assertEchoed(int port, int size, long seed) throws Exception {
        byte[] payload = Payload.random(size, seed);
        byte[] back = E2e.echoWithoutHalfClose(port, payload);
        assertThat(back.length).as("bytes echoed").isEqualTo(size);
        assertThat(Payload.sha256(back)).isEqualTo(Payload.sha256(payload));
    }
}
