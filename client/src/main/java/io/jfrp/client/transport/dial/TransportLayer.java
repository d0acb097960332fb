package io.jfrp.client.transport.dial;

import io.netty.channel.Channel;
import io.netty.util.concurrent.Future;

/**
 * One layer a transport stacks on its connection, in order: TLS ({@link TlsLayer}), the WebSocket
 * upgrade ({@link WebSocketLayer}). Each is added to a connection that is active and whose layers
 * below are ready.
 */
interface TransportLayer {
    /**
     * Adds the layer's handlers at the end of {@code channel}'s pipeline and starts its handshake.
     * Called on the channel's event loop.
     *
     * @return completes when the layer carries bytes (handshake done), or fails with why
     */
    Future<?> install(Channel channel);
}
