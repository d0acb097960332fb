package io.jfrp.bench.load;

import io.jfrp.bench.paths.Child;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.channel.socket.DuplexChannel;

import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP echo server on 127.0.0.1, the service of the connection scenarios. Reading pauses while the
 * socket is not writable; on the peer's FIN it half-closes after the echoed bytes. {@link #main} runs
 * it as a process of its own ({@link EchoProcess}).
 */
public final class EchoServer implements AutoCloseable {
    private final EventLoopGroup group;
    private final Channel listener;
    private final AtomicInteger open = new AtomicInteger();

    /** Starts an echo server on 127.0.0.1 at a free port with one event loop thread. */
    public static EchoServer start() throws InterruptedException {
        return new EchoServer();
    }

    private EchoServer() throws InterruptedException {
        group = NettyLoops.newGroup(1);
        try {
            ChannelHandler handler = new EchoHandler();
            listener = NettyLoops.tcpServer(group, ch -> {
                open.incrementAndGet();
                ch.closeFuture().addListener(f -> open.decrementAndGet());
                ch.pipeline().addLast(handler);
            }).option(ChannelOption.SO_BACKLOG, 4096).childOption(ChannelOption.ALLOW_HALF_CLOSURE, true)
                    .childOption(ChannelOption.TCP_NODELAY, true).bind("127.0.0.1", 0).sync().channel();
        } catch (RuntimeException | InterruptedException e) {
            group.shutdownGracefully(0, 0, TimeUnit.SECONDS);
            throw e;
        }
    }

    public InetSocketAddress address() {
        return (InetSocketAddress) listener.localAddress();
    }

    public int openConnections() {
        return open.get();
    }

    @Override
    public void close() {
        listener.close().awaitUninterruptibly();
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
    }

    /** Prints {@code LISTENING 127.0.0.1:port}; exits when stdin closes. */
    public static void main(String[] args) throws Exception {
        try (EchoServer server = start()) {
            InetSocketAddress a = server.address();
            System.out.println("LISTENING " + a.getHostString() + ":" + a.getPort());
            System.out.flush();
            Child.awaitStdinClosed();
        }
    }

    @ChannelHandler.Sharable
    private static final class EchoHandler extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ctx.write(msg, ctx.voidPromise());
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            ctx.flush();
            if (!ctx.channel().isWritable()) {
                ctx.channel().config().setAutoRead(false);
            }
        }

        @Override
        public void channelWritabilityChanged(ChannelHandlerContext ctx) {
            if (ctx.channel().isWritable()) {
                ctx.channel().config().setAutoRead(true);
            }
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            if (evt instanceof ChannelInputShutdownEvent) {
                // The peer's FIN: half-close once everything read before it has been written back.
                ctx.writeAndFlush(Unpooled.EMPTY_BUFFER)
                        .addListener(f -> ((DuplexChannel) ctx.channel()).shutdownOutput()
                                .addListener(g -> ctx.close()));
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close(); // a reset by the peer is normal for a load test
        }
    }
}
