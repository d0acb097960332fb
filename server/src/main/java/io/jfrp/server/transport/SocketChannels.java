package io.jfrp.server.transport;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoEventLoopGroup;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;

/** The client socket type that runs on a group of loops, for the connections jfrps makes itself. */
public final class SocketChannels {
    private SocketChannels() {
    }

    /** Epoll sockets on epoll loops, NIO sockets otherwise. */
    public static Class<? extends SocketChannel> forGroup(EventLoopGroup group) {
        return group instanceof IoEventLoopGroup io && io.isIoType(EpollIoHandler.class)
                ? EpollSocketChannel.class : NioSocketChannel.class;
    }
}
