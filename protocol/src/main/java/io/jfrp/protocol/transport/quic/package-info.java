/**
 * What both programs' QUIC connections share: {@link io.jfrp.protocol.transport.quic.QuicKeepalive}
 * (transport.quic.keepalivePeriod as a one-byte DATAGRAM, Netty's QUIC having no PING) and
 * {@link io.jfrp.protocol.transport.quic.QuicPeerDatagrams} (whether the peer takes DATAGRAM frames,
 * read around Netty 4.2.18's misread transport parameters). Imports Netty's QUIC classes only.
 */
package io.jfrp.protocol.transport.quic;
