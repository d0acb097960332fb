package io.jfrp.client.transport;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.util.concurrent.Future;

/**
 * One session with the server, opened by a {@link ServerTransport}: it opens the connections frp's
 * messages travel on (the control connection first, then work and visitor connections) as yamux
 * streams, QUIC streams, or new connections, whichever the transport does.
 *
 * <p>Thread-safe.
 */
public interface ServerSession {
    /**
     * Opens a connection to the server.
     *
     * @param handler added once the connection is ready for frp's bytes (after the transport's TLS,
     *                WebSocket...), then {@code channelActive} is fired to it; a {@code ChannelInitializer}
     *                usually
     * @return completes on the connection's event loop once it is ready, or fails with why; a
     *         connection that failed is closed
     */
    Future<? extends Channel> openConnection(ChannelHandler handler);

    /** Completes when the session has ended (its connection closed, or {@link #close()}). */
    Future<?> closeFuture();

    /** Why the session ended, if it ended on an error (a yamux protocol error, a QUIC close); else null. */
    Throwable terminationCause();

    /** Ends the session: its connection or connections the session owns. */
    void close();
}
