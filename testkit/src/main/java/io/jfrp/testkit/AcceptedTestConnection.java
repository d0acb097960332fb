package io.jfrp.testkit;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.EventExecutor;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A real TCP connection accepted by a NIO listener, for tests that move a channel between event
 * loops ({@code LoopMove}, the pool's work connections): the accepted channel records each read with
 * whether it ran on the channel's own loop ("text on its loop") and answers every read with "ok";
 * the test talks to it through a plain socket.
 */
public final class AcceptedTestConnection implements AutoCloseable {
    private final BlockingQueue<String> reads = new LinkedBlockingQueue<>();
    private final CompletableFuture<Channel> accepted = new CompletableFuture<>();
    private Channel listener;
    private Socket peer;

    /** What the accepted channel read, each as "text on its loop" (or the thread's name). */
    public BlockingQueue<String> reads() {
        return reads;
    }

    /** Listens on {@code group}, connects to it, and gives the accepted channel (auto-read on). */
    public Channel open(EventLoopGroup group) throws Exception {
        listener = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInboundHandlerAdapter() {
                    @Override
                    public void channelActive(ChannelHandlerContext ctx) {
                        accepted.complete(ctx.channel());
                        ctx.fireChannelActive();
                    }

                    @Override
                    public void channelRead(ChannelHandlerContext ctx, Object msg) {
                        ByteBuf buf = (ByteBuf) msg;
                        reads.add(buf.toString(StandardCharsets.US_ASCII) + " on "
                                + (ctx.channel().eventLoop().inEventLoop() ? "its loop" : Thread.currentThread().getName()));
                        buf.release();
                        ctx.writeAndFlush(Unpooled.copiedBuffer("ok", StandardCharsets.US_ASCII));
                    }
                })
                .bind(new InetSocketAddress("127.0.0.1", 0)).sync().channel();
        peer = new Socket("127.0.0.1", ((InetSocketAddress) listener.localAddress()).getPort());
        peer.setSoTimeout(10_000);
        return accepted.get(10, TimeUnit.SECONDS);
    }

    /** Sends {@code text} from the socket end. */
    public void send(String text) throws Exception {
        peer.getOutputStream().write(text.getBytes(StandardCharsets.US_ASCII));
        peer.getOutputStream().flush();
    }

    /** The next answer at the socket end ("ok"). */
    public String answer() throws Exception {
        return new String(peer.getInputStream().readNBytes(2), StandardCharsets.US_ASCII);
    }

    /** Another loop of {@code ch}'s group. */
    public static EventLoop otherLoop(Channel ch) {
        for (EventExecutor e : ch.eventLoop().parent()) {
            if (e != ch.eventLoop()) {
                return (EventLoop) e;
            }
        }
        throw new AssertionError("one loop only");
    }

    @Override
    public void close() throws Exception {
        if (peer != null) {
            peer.close();
        }
        if (accepted.isDone()) {
            accepted.get().close().sync();
        }
        if (listener != null) {
            listener.close().sync();
        }
    }
}
