package io.jfrp.client.transport;

import io.jfrp.mux.YamuxSession;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.util.concurrent.Future;

/**
 * A session that is a yamux session over one connection to the server (tcpMux): every frp connection
 * is a stream opened on it. yamux's keepalive watches the peer.
 *
 * @param session    the yamux session (client role)
 * @param connection the connection it runs on
 */
record YamuxServerSession(YamuxSession session, Channel connection) implements ServerSession {

    @Override
    public Future<? extends Channel> openConnection(ChannelHandler handler) {
        return session.openStream(handler);
    }

    @Override
    public Future<?> closeFuture() {
        return connection.closeFuture();
    }

    @Override
    public Throwable terminationCause() {
        return session.terminationCause();
    }

    @Override
    public void close() {
        connection.close();
    }
}
