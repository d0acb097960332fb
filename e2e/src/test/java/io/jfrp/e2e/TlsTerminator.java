package io.jfrp.e2e;

import io.jfrp.protocol.relay.Relay;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DuplexChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;

import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * A TLS-terminating TCP forwarder, what users put in front of stock frps for frpc's wss transport
 * (stock frps cannot terminate wss itself): TLS on its own port, the plain bytes to {@code target}.
 */
final class TlsTerminator implements AutoCloseable {
    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final Channel listener;

    TlsTerminator(SslContext tls, InetSocketAddress target) throws InterruptedException {
        listener = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childOption(ChannelOption.AUTO_READ, false)
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        SslHandler ssl = tls.newHandler(ch.alloc());
                        ch.pipeline().addLast(ssl);
                        Relay.holdUntilJoined(ch); // what arrives with or after the handshake waits for the join
                        ch.read();
                        ssl.handshakeFuture().addListener(h -> {
                            if (!h.isSuccess()) {
                                ch.close();
                                return;
                            }
                            new Bootstrap().group(ch.eventLoop()).channel(NioSocketChannel.class)
                                    .option(ChannelOption.AUTO_READ, false)
                                    .handler(new ChannelInboundHandlerAdapter())
                                    .connect(target).addListener((ChannelFuture f) -> {
                                        if (f.isSuccess()) {
                                            Relay.join((DuplexChannel) ch, (DuplexChannel) f.channel());
                                        } else {
                                            ch.close();
                                        }
                                    });
                        });
                    }

                    @Override
                    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                        ctx.close();
                    }
                })
                .bind(new InetSocketAddress("127.0.0.1", 0)).sync().channel();
    }

    int port() {
        return ((InetSocketAddress) listener.localAddress()).getPort();
    }

    @Override
    public void close() {
        listener.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
