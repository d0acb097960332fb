/**
 * frp's quic transport for jfrpc: {@link io.jfrp.client.transport.quic.QuicServerTransport} on
 * Netty's QUIC codec: a session is a QUIC connection (TLS 1.3, ALPN "frp"), every frp connection one of
 * its streams; a keepalive by one-byte DATAGRAM frames, since quiche cannot send a PING on demand.
 */
package io.jfrp.client.transport.quic;
