package io.jfrp.client;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;

/**
 * The client's event loops and socket type: NIO, unless {@code -Djfrp.epoll=true} asks for epoll
 * (Netty 4.2.18's epoll transport cuts data written after a socket's input was shut down, which a
 * tunnel carrying half-close meets; see the server's {@code Transports} and
 * {@code NettyEpollHalfClosedWriteTest}).
 */
final class Transport {
    final EventLoopGroup group;
    final Class<? extends SocketChannel> socketChannel;

    Transport() {
        boolean epoll = Boolean.getBoolean("jfrp.epoll") && Epoll.isAvailable();
        this.group = new MultiThreadIoEventLoopGroup(0, epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
        this.socketChannel = epoll ? EpollSocketChannel.class : NioSocketChannel.class;
    }
}
