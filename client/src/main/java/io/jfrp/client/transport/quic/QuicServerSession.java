package io.jfrp.client.transport.quic;

import io.jfrp.client.transport.ServerSession;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.handler.codec.quic.QuicChannel;
import io.netty.handler.codec.quic.QuicStreamType;
import io.netty.util.concurrent.Future;

import java.io.IOException;
import java.time.Duration;

/**
 * A session that is one QUIC connection: every frp connection is a bidirectional stream of it (no
 * yamux), as frp's quic transport. QUIC's idle timeout and {@link io.jfrp.protocol.transport.quic.QuicKeepalive} watch the peer.
 *
 * <p>Thread-safe.
 */
final class QuicServerSession implements ServerSession {
    private final QuicChannel connection;
    private final Channel udp;
    private final Duration idleTimeout;
    private volatile Throwable closeReason;

    QuicServerSession(QuicChannel connection, Channel udp, Duration idleTimeout) {
        this.connection = connection;
        this.udp = udp;
        this.idleTimeout = idleTimeout;
        connection.closeFuture().addListener(f -> udp.close());
    }

    /** What the server said when it closed the connection (from the QUIC connection's pipeline). */
    void closedByServer(Throwable reason) {
        closeReason = reason;
    }

    @Override
    public Future<? extends Channel> openConnection(ChannelHandler handler) {
        return connection.createStream(QuicStreamType.BIDIRECTIONAL, handler);
    }

    @Override
    public Future<?> closeFuture() {
        return connection.closeFuture();
    }

    @Override
    public Throwable terminationCause() {
        if (closeReason != null) {
            return closeReason;
        }
        if (connection.isTimedOut()) {
            return new IOException("QUIC connection idle for transport.quic.maxIdleTimeout ("
                    + idleTimeout.toSeconds() + " s): the server is gone");
        }
        return null;
    }

    @Override
    public void close() {
        connection.close();
        udp.close();
    }
}
