package io.jfrp.client.transport;

import io.jfrp.client.transport.dial.StreamDialer;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.EventLoop;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.Future;

/**
 * A session without tcpMux: every frp connection (control, work, visitor) is a connection dialed anew;
 * nothing ties them together but this object. frp's Ping/Pong heartbeat watches the peer. Closing
 * the session closes the connections it made that are still open.
 *
 * <p>Thread-safe.
 */
final class DialingServerSession extends OwnedConnectionsSession {
    private final StreamDialer dialer;
    private final ChannelGroup connections;

    DialingServerSession(StreamDialer dialer, EventLoop loop) {
        super(loop.newPromise());
        this.dialer = dialer;
        this.connections = new DefaultChannelGroup("server-connections", loop);
    }

    @Override
    public Future<Channel> openConnection(ChannelHandler handler) {
        Future<Channel> dialed = dialer.dial(handler);
        dialed.addListener(f -> {
            if (f.isSuccess()) {
                Channel ch = (Channel) f.getNow();
                connections.add(ch);
                if (isClosed()) {
                    ch.close();
                }
            }
        });
        return dialed;
    }

    @Override
    protected void closeConnections() {
        connections.close();
    }
}
