/**
 * How frp clients reach jfrps, on every transport: {@link io.jfrp.server.transport.ClientListener}
 * binds bindPort (TCP: TLS, frp's 0x17 marker, WebSocket and plain told apart by
 * {@link io.jfrp.server.transport.TransportSniffer}, WebSocket upgraded by {@code WebSocketUpgrade}),
 * kcpBindPort (KCP) and quicBindPort (QUIC); {@link io.jfrp.server.transport.ClientStreams} puts the yamux
 * session (tcpMux) and, on each frp connection, the wire v1/v2 detection and the handler of the first
 * message it is given. Also the server's TLS contexts ({@link io.jfrp.server.transport.ServerTls}) and
 * the event loops everything runs on ({@link io.jfrp.server.transport.EventLoops}). Knows nothing of
 * frp's messages beyond their framing.
 *
 * <p>May use: mux, kcp, protocol (framing, WebSocket frames), certs, config's model. Never
 * {@code control}, {@code proxy} or {@code vhost}.
 */
package io.jfrp.server.transport;
