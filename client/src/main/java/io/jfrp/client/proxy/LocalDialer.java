package io.jfrp.client.proxy;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.epoll.EpollDomainSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioDomainSocketChannel;
import io.netty.channel.unix.DomainSocketAddress;

import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.time.Duration;

/**
 * Connections to the local services proxies publish: dialed on the work connection's own event loop
 * (so the relay between them needs no hand-over), reading off until the relay starts, half-closure on
 * (a FIN goes through as a FIN), no Nagle. Thread-safe.
 *
 * @param socketChannel the socket type of the loops
 * @param timeout       how long a dial may take (transport.dialServerTimeout, as frpc)
 */
public record LocalDialer(Class<? extends SocketChannel> socketChannel, Duration timeout) {
    /** Dials {@code host:port} on {@code loop}. */
    public ChannelFuture dial(EventLoop loop, String host, int port) {
        return bootstrap(loop, socketChannel).option(ChannelOption.TCP_NODELAY, true).connect(host, port);
    }

    /**
     * Dials the UNIX socket at {@code path} on {@code loop}: Netty's epoll domain socket on epoll loops,
     * its NIO one (the JDK's UNIX sockets) on NIO loops, jfrpc's default.
     */
    public ChannelFuture dialUnix(EventLoop loop, String path) {
        boolean epoll = socketChannel == EpollSocketChannel.class;
        SocketAddress address = epoll ? new DomainSocketAddress(path) : UnixDomainSocketAddress.of(path);
        return bootstrap(loop, epoll ? EpollDomainSocketChannel.class : NioDomainSocketChannel.class).connect(address);
    }

    private Bootstrap bootstrap(EventLoop loop, Class<? extends Channel> type) {
        return new Bootstrap()
                .group(loop)
                .channel(type)
                .option(ChannelOption.AUTO_READ, false)
                .option(ChannelOption.ALLOW_HALF_CLOSURE, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) timeout.toMillis())
                .handler(new ChannelInboundHandlerAdapter());
    }
}
