package io.jfrp.client.transport;

import io.jfrp.client.transport.dial.StreamDialer;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.EventLoop;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;

/**
 * A session without tcpMux: every frp connection (control, work, visitor) is a connection dialed anew;
 * nothing ties them together but this object. frp's Ping/Pong heartbeat watches the peer. Closing
 * the session closes the connections it made that are still open.
 *
 * <p>Thread-safe.
 */
final class DialingServerSession implements ServerSession {
    private final StreamDialer dialer;
    private final Promise<Void> closed;
    private final ChannelGroup connections;

    DialingServerSession(StreamDialer dialer, EventLoop loop) {
        this.dialer = dialer;
        this.closed = loop.newPromise();
        this.connections = new DefaultChannelGroup("server-connections", loop);
    }

    @Override
    public Future<Channel> openConnection(ChannelHandler handler) {
        Future<Channel> dialed = dialer.dial(handler);
        dialed.addListener(f -> {
            if (f.isSuccess()) {
                Channel ch = (Channel) f.getNow();
                connections.add(ch);
                if (closed.isDone()) {
                    ch.close();
                }
            }
        });
        return dialed;
    }

    @Override
    public Future<?> closeFuture() {
        return closed;
    }

    @Override
    public Throwable terminationCause() {
        return null;
    }

    @Override
    public void close() {
        if (closed.trySuccess(null)) {
            connections.close();
        }
    }
}
