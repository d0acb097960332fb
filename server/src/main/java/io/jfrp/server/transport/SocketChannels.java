package io.jfrp.server.transport;

import io.jfrp.protocol.transport.HalfCloseSafeEpoll;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;

/** The client socket type that runs on a group of loops, for the connections jfrps makes itself. */
public final class SocketChannels {
    private SocketChannels() {
    }

    /** Epoll sockets on epoll loops, NIO sockets otherwise. */
    public static Class<? extends SocketChannel> forGroup(EventLoopGroup group) {
        return HalfCloseSafeEpoll.runs(group) ? EpollSocketChannel.class : NioSocketChannel.class;
    }
}
