/**
 * Dialing the server for the transports that carry a byte stream: a {@code Connector} (TCP directly
 * or through a proxyURL's {@link io.jfrp.client.transport.dial.ProxyTunnel}, or KCP) with
 * {@code TransportLayer}s stacked on it (TLS with frp's optional 0x17 byte, the WebSocket upgrade),
 * put together per transport by {@link io.jfrp.client.transport.dial.StreamDialers}.
 */
package io.jfrp.client.transport.dial;
