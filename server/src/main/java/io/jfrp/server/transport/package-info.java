/**
 * How frp clients reach jfrps: the bindPort listener ({@link io.jfrp.server.transport.ClientListener}),
 * TLS or plain told apart by the first byte ({@link io.jfrp.server.transport.TransportSniffer}: 0x16,
 * frp's 0x17 marker, or plain), the server's TLS context ({@link io.jfrp.server.transport.ServerTls}),
 * the yamux session with tcpMux, and the event loops everything runs on
 * ({@link io.jfrp.server.transport.EventLoops}). It hands each connection or stream to the handler of
 * the first message it is given, and knows nothing of frp's messages beyond their framing.
 *
 * <p>May use: mux, protocol (framing), certs, config's model. Never {@code control}, {@code proxy}
 * or {@code vhost}.
 */
package io.jfrp.server.transport;
