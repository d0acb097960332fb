package io.jfrp.client.transport;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.util.concurrent.Future;

/**
 * A way to reach the server, giving connections that carry frp's bytes (rathole's {@code Transport}
 * trait): TCP with or without TLS today ({@link TcpServerTransport}); websocket, QUIC, KCP or a
 * proxyURL tomorrow, each one implementation of this interface. The control connection, the yamux
 * session and the work connections are written against it and never know which transport carries
 * them.
 */
public interface ServerTransport {
    /**
     * A new connection to the server.
     *
     * @param handler added after the transport's own handlers (TLS...) before the connection is active,
     *                so its {@code channelActive} fires; null for none
     * @return completes on the connection's event loop when the connection is ready for frp's bytes
     *         (connected, TLS handshake done), or fails with why (refused, timed out, a TLS alert); a
     *         connection that failed is closed
     */
    Future<Channel> connect(ChannelHandler handler);
}
