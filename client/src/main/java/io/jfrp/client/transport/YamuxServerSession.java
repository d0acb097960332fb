package io.jfrp.client.transport;

import io.jfrp.mux.YamuxSession;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;

/**
 * A session that is a yamux session over one connection to the server (tcpMux): every frp connection
 * is a stream opened on it. yamux's keepalive watches the peer.
 *
 * @param session    the yamux session (client role)
 * @param connection the connection it runs on
 */
record YamuxServerSession(YamuxSession session, Channel connection) implements ServerSession {

    @Override
    public Future<Channel> openConnection(ChannelHandler handler) {
        Promise<Channel> opened = connection.eventLoop().newPromise();
        session.openStream(handler).addListener(f -> {
            if (f.isSuccess()) {
                opened.trySuccess((Channel) f.getNow());
            } else {
                opened.tryFailure(f.cause());
            }
        });
        return opened;
    }

    @Override
    public boolean keepsAlive() {
        return true;
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
