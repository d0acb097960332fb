package io.jfrp.protocol.transport.quic;

import io.netty.handler.codec.quic.QuicTransportParameters;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link QuicPeerDatagrams} over transport parameters as Netty reads them: its shifted layout
 * (the datagram limit in activeConnIdLimit, the migration flag in maxDatagramFrameSize) and a
 * correct one. The live reading of a jfrp peer is XtcpTunnelsTest's (an idle tunnel outlives its
 * idle timeout only if the keepalive goes).
 */
class QuicPeerDatagramsTest {
    @Test
    void theShiftedLayoutOfNetty4218() {
        // another jfrp (quiche, datagrams enabled: 65,536), as read on this Netty
        assertThat(QuicPeerDatagrams.takesDatagrams(params(65_536, 0))).isTrue();
        // quic-go without datagrams (none sent: -1), migration allowed or not
        assertThat(QuicPeerDatagrams.takesDatagrams(params(-1, 0))).isFalse();
        assertThat(QuicPeerDatagrams.takesDatagrams(params(-1, 1))).isFalse();
    }

    @Test
    void aCorrectLayout() {
        assertThat(QuicPeerDatagrams.takesDatagrams(params(2, 65_536))).isTrue();
        assertThat(QuicPeerDatagrams.takesDatagrams(params(4, 1_200))).isTrue();
        assertThat(QuicPeerDatagrams.takesDatagrams(params(4, 0))).isFalse();
        assertThat(QuicPeerDatagrams.takesDatagrams(params(8, -1))).isFalse();
    }

    @Test
    void noParametersBeforeTheHandshake() {
        assertThat(QuicPeerDatagrams.takesDatagrams(null)).isFalse();
    }

    /** Parameters whose two getters in question read {@code activeConnIdLimit} and {@code maxDatagramFrameSize}. */
    private static QuicTransportParameters params(long activeConnIdLimit, long maxDatagramFrameSize) {
        return new QuicTransportParameters() {
            @Override public long maxIdleTimeout() { return 30_000; }
            @Override public long maxUdpPayloadSize() { return 65_527; }
            @Override public long initialMaxData() { return 1 << 20; }
            @Override public long initialMaxStreamDataBidiLocal() { return 1 << 18; }
            @Override public long initialMaxStreamDataBidiRemote() { return 1 << 18; }
            @Override public long initialMaxStreamDataUni() { return 0; }
            @Override public long initialMaxStreamsBidi() { return 100; }
            @Override public long initialMaxStreamsUni() { return 0; }
            @Override public long ackDelayExponent() { return 3; }
            @Override public long maxAckDelay() { return 25; }
            @Override public boolean disableActiveMigration() { return false; }
            @Override public long activeConnIdLimit() { return activeConnIdLimit; }
            @Override public long maxDatagramFrameSize() { return maxDatagramFrameSize; }
        };
    }
}
