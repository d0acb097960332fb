/**
 * How jfrpc reaches the server (rathole's Transport trait, frp's Connector):
 * {@link io.jfrp.client.transport.ServerTransport} opens a {@link io.jfrp.client.transport.ServerSession},
 * which opens the connections frp's messages run on. {@link io.jfrp.client.transport.ServerTransports}
 * picks the implementation from transport.protocol:
 * <ul>
 *   <li>{@link io.jfrp.client.transport.StreamServerTransport} for tcp, kcp, websocket and wss: a
 *   {@link io.jfrp.client.transport.dial.StreamDialer} dials (TCP, through a proxyURL or not, or KCP)
 *   and stacks TLS and the WebSocket upgrade in frp's order; with tcpMux a session is yamux over one
 *   connection ({@code YamuxServerSession}), without it every connection is dialed
 *   ({@code DialingServerSession});</li>
 *   <li>{@link io.jfrp.client.transport.quic.QuicServerTransport}: a session is a QUIC connection, every
 *   frp connection a stream.</li>
 * </ul>
 * Also the event loops everything runs on, and {@link io.jfrp.client.transport.ServerAddresses}: the
 * server's name resolved first, for the transports over UDP.
 *
 * <p>May use: certs, config's model, mux, kcp, protocol's websocket frames. Never {@code control} or
 * {@code proxy}: they use it.
 */
package io.jfrp.client.transport;
