package io.jfrp.bench.load;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpVersion;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntToLongFunction;

/**
 * A small Netty HTTP server on loopback for the load clients' tests: answers every request with
 * {@code status} and 100 bytes after {@code delayMillis}, keeps each request's Host header and counts
 * the connections it accepts.
 */
final class SmallHttpServer implements AutoCloseable {
    private final EventLoopGroup group = NettyLoops.newGroup(1);
    /** The Host header of every request received, in order. */
    final List<String> hosts = new CopyOnWriteArrayList<>();
    /** How many connections it has accepted. */
    final AtomicInteger accepted = new AtomicInteger();
    final InetSocketAddress address;

    SmallHttpServer(long delayMillis, HttpResponseStatus status) throws InterruptedException {
        this(request -> delayMillis, status);
    }

    /** A server answering request number {@code n} (from 0, over all connections) after {@code delayMillis.applyAsLong(n)}. */
    SmallHttpServer(IntToLongFunction delayOfRequest, HttpResponseStatus status) throws InterruptedException {
        AtomicInteger requests = new AtomicInteger();
        Channel ch = new ServerBootstrap().group(group).channel(NettyLoops.serverChannel())
                .childHandler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel c) {
                        accepted.incrementAndGet();
                        c.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(1024),
                                new SimpleChannelInboundHandler<FullHttpRequest>() {
                                    @Override
                                    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
                                        hosts.add(req.headers().get(HttpHeaderNames.HOST));
                                        long delayMillis = delayOfRequest.applyAsLong(requests.getAndIncrement());
                                        var resp = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                                                Unpooled.wrappedBuffer(new byte[100]));
                                        resp.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, 100);
                                        if (delayMillis == 0) {
                                            ctx.writeAndFlush(resp);
                                        } else {
                                            ctx.executor().schedule(() -> ctx.writeAndFlush(resp), delayMillis,
                                                    TimeUnit.MILLISECONDS);
                                        }
                                    }
                                });
                    }
                })
                .bind("127.0.0.1", 0).sync().channel();
        address = (InetSocketAddress) ch.localAddress();
    }

    @Override
    public void close() {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
