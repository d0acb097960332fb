package io.jfrp.bench.load;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;

import java.util.function.Consumer;

/**
 * Event loops for the load tools and the multiplexer scenarios: native epoll when it loads, NIO
 * otherwise (or with {@code -Djfrp.bench.nio=true}). Epoll matters for the latency client: its
 * scheduled tasks fire from a timerfd with nanosecond resolution, while NIO's selector waits in
 * whole milliseconds, which would add up to a millisecond of send lag to every paced request.
 */
public final class NettyLoops {
    private static final boolean EPOLL = !Boolean.getBoolean("jfrp.bench.nio") && Epoll.isAvailable();

    private NettyLoops() {
    }

    public static boolean epoll() {
        return EPOLL;
    }

    /** A new group of {@code threads} loops; shut it down when done. */
    public static EventLoopGroup newGroup(int threads) {
        return new MultiThreadIoEventLoopGroup(threads, EPOLL ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
    }

    public static Class<? extends SocketChannel> socketChannel() {
        return EPOLL ? EpollSocketChannel.class : NioSocketChannel.class;
    }

    public static Class<? extends ServerChannel> serverChannel() {
        return EPOLL ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
    }

    /** A TCP client bootstrap with TCP_NODELAY whose every channel {@code init} sets up before it connects. */
    public static Bootstrap tcpClient(EventLoopGroup group, Consumer<Channel> init) {
        return new Bootstrap().group(group).channel(socketChannel()).option(ChannelOption.TCP_NODELAY, true)
                .handler(initializer(init));
    }

    /** A TCP server bootstrap on {@code group} whose every accepted channel is set up by {@code init}. */
    public static ServerBootstrap tcpServer(EventLoopGroup group, Consumer<Channel> init) {
        return new ServerBootstrap().group(group).channel(serverChannel()).childHandler(initializer(init));
    }

    /** A handler that sets up each channel it is added to with {@code init}, then leaves the pipeline. */
    public static ChannelInitializer<Channel> initializer(Consumer<Channel> init) {
        return new ChannelInitializer<>() {
            @Override
            protected void initChannel(Channel ch) {
                init.accept(ch);
            }
        };
    }
}
