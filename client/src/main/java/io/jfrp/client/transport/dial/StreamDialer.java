package io.jfrp.client.transport.dial;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.util.concurrent.Future;

/**
 * Dials one connection to the server that carries frp's bytes as a byte stream: what the tcp, kcp,
 * websocket and wss transports have in common ({@link LayeredDialer}). A yamux session runs over one
 * such connection; without tcpMux each frp connection is one.
 *
 * <p>Thread-safe.
 */
public interface StreamDialer {
    /**
     * Dials the server and sets up the transport's layers.
     *
     * @param handler added once the connection is ready for frp's bytes, then sent {@code channelActive};
     *                null for none
     * @return completes on the connection's event loop when it is ready, or fails with why; a connection
     *         that failed is closed
     */
    Future<Channel> dial(ChannelHandler handler);
}
