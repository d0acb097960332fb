/**
 * Routing a connection by its HTTP CONNECT request, frp's {@code httpconnect} multiplexer
 * ({@link io.jfrp.server.vhost.tcpmux.HttpConnectRouter}), then tunnelling it unchanged.
 */
package io.jfrp.server.vhost.tcpmux;
