package io.jfrp.client.proxy;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.SocketChannel;

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
        return new Bootstrap()
                .group(loop)
                .channel(socketChannel)
                .option(ChannelOption.AUTO_READ, false)
                .option(ChannelOption.ALLOW_HALF_CLOSURE, true)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) timeout.toMillis())
                .handler(new ChannelInboundHandlerAdapter())
                .connect(host, port);
    }
}
