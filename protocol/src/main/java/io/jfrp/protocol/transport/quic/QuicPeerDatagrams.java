package io.jfrp.protocol.transport.quic;

import io.netty.handler.codec.quic.QuicChannel;
import io.netty.handler.codec.quic.QuicTransportParameters;

/**
 * Whether a QUIC peer takes DATAGRAM frames (RFC 9221: it sent a {@code max_datagram_frame_size}
 * transport parameter), which decides whether jfrpc's keepalive, a one-byte DATAGRAM, may go to it.
 * Another jfrp takes them; quic-go as stock frp runs it does not, and a DATAGRAM written to it ends
 * the connection.
 *
 * <h3>Why not just {@link QuicTransportParameters#maxDatagramFrameSize()}</h3>
 * Netty 4.2.18's QUIC codec reads quiche's {@code quiche_transport_params} with the field order of
 * quiche.h, but the compiled struct has the one-byte {@code peer_disable_active_migration} after the
 * two fields declared behind it, so {@code activeConnIdLimit()} gives the peer's
 * {@code max_datagram_frame_size} (-1 when it sent none) and {@code maxDatagramFrameSize()} the
 * migration flag (0 or 1). Measured here: a jfrp peer offering 65,536 reads as activeConnIdLimit 65536,
 * maxDatagramFrameSize 0 (the keepalive was never sent, so idle jfrp-to-jfrp tunnels closed at their
 * idle timeout; {@code XtcpTunnelsTest}). A size above 1 in {@code maxDatagramFrameSize()} is the
 * field itself (a fixed Netty); otherwise {@code activeConnIdLimit()} at or above
 * {@value #SMALLEST_DATAGRAM_LIMIT} is this layout's reading of it: a real
 * {@code active_connection_id_limit} is a handful (quic-go 4, quiche 2), and RFC 9221 peers offer
 * at least a packet's worth.
 */
public final class QuicPeerDatagrams {
    /** The smallest max_datagram_frame_size taken as an offer under the shifted layout (QUIC's minimum datagram size). */
    static final long SMALLEST_DATAGRAM_LIMIT = 1200;

    private QuicPeerDatagrams() {
    }

    /** Whether {@code quic}'s peer said it takes DATAGRAM frames; false before the handshake. */
    public static boolean peerTakesDatagrams(QuicChannel quic) {
        return takesDatagrams(quic.peerTransportParameters());
    }

    /** Whether transport parameters as Netty reads them offer DATAGRAM frames (see the class comment). */
    static boolean takesDatagrams(QuicTransportParameters peer) {
        if (peer == null) {
            return false;
        }
        return peer.maxDatagramFrameSize() > 1 || peer.activeConnIdLimit() >= SMALLEST_DATAGRAM_LIMIT;
    }
}
