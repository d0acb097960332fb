package io.jfrp.client.transport.dial;

import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.Future;

/**
 * The bottom of a {@link LayeredDialer}: a connection to the server that moves bytes, before any of
 * the transport's layers (TLS, WebSocket). {@link TcpConnector}: TCP, directly or through a
 * proxyURL; {@link KcpConnector}: KCP over UDP.
 */
interface Connector {
    /**
     * Connects.
     *
     * @param loop the event loop the connection is to run on
     * @return completes on {@code loop} once bytes can be written to the server (for a proxy: once it
     *         has opened the tunnel), or fails with why; a connection that failed is closed
     */
    Future<Channel> connect(EventLoop loop);
}
