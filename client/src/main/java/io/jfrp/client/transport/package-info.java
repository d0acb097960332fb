/**
 * How jfrpc reaches the server: {@link io.jfrp.client.transport.ServerTransport}, one interface for
 * every way of carrying frp's bytes (rathole's Transport trait), implemented today by
 * {@link io.jfrp.client.transport.TcpServerTransport} (TCP, TLS, frp's 0x17 first byte); websocket,
 * QUIC, KCP and proxyURL come as more implementations. Also the event loops everything runs on.
 *
 * <p>May use: certs, config's model. Never {@code control} or {@code proxy}: they use it.
 */
package io.jfrp.client.transport;
