package io.jfrp.bench.load;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * The keep-alive HTTP connections of {@link HttpLatencyClient}, kept from one run to the next (the
 * warm-up's connections carry the measured run), each in a {@link Slot} that hands its responses and
 * its end to whichever run listens to it. Set-up and {@link #open} on the caller's thread; the slots'
 * listeners on the connections' one event loop.
 */
final class KeepAliveConnections implements AutoCloseable {
    /** What a run hears from one connection, on its event loop. */
    interface Listener {
        void response(FullHttpResponse response);

        void closed();

        void failed(Throwable cause);
    }

    /** One connection and its listener (none between runs: responses are dropped then, failures close it). */
    static final class Slot {
        private Channel channel;
        private Listener listener;

        Channel channel() {
            return channel;
        }

        /** Sets who hears this connection; null for nobody. Event loop only. */
        void listen(Listener listener) {
            this.listener = listener;
        }

        /** The listener, if {@code from} is still this slot's connection (not one it replaced). */
        private Listener listenerFor(Channel from) {
            return from == channel ? listener : null;
        }
    }

    /** The end of one connection's pipeline: passes what it hears to its slot's listener. */
    private static final class SlotHandler extends SimpleChannelInboundHandler<FullHttpResponse> {
        private final Slot slot;

        SlotHandler(Slot slot) {
            this.slot = slot;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpResponse response) {
            Listener l = slot.listenerFor(ctx.channel());
            if (l != null) {
                l.response(response);
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            Listener l = slot.listenerFor(ctx.channel());
            if (l != null) {
                l.closed();
            }
            ctx.fireChannelInactive();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            Listener l = slot.listenerFor(ctx.channel());
            if (l != null) {
                l.failed(cause);
            }
            ctx.close();
        }
    }

    private final InetSocketAddress target;
    private final EventLoopGroup group;
    private final List<Slot> slots = new ArrayList<>();

    /** {@code count} connections to {@code target} on {@code group}, which must have one event loop. */
    KeepAliveConnections(InetSocketAddress target, int count, EventLoopGroup group) {
        this.target = target;
        this.group = group;
        for (int i = 0; i < count; i++) {
            slots.add(new Slot());
        }
    }

    /**
     * The slots, each with an open connection: the first call connects them all, later ones replace
     * those that have closed since.
     *
     * @throws IOException when a connection cannot be made
     */
    List<Slot> open() throws IOException, InterruptedException {
        for (Slot slot : slots) {
            if (slot.channel == null || !slot.channel.isActive()) {
                slot.channel = connect(slot);
            }
        }
        return List.copyOf(slots);
    }

    /** The event loop of every connection. */
    EventLoop loop() {
        return slots.get(0).channel.eventLoop();
    }

    private Channel connect(Slot slot) throws IOException, InterruptedException {
        var future = NettyLoops.tcpClient(group,
                        ch -> ch.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(1 << 20),
                                new SlotHandler(slot)))
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 10_000)
                .connect(target).await();
        if (!future.isSuccess()) {
            throw new IOException("cannot connect to " + target + ": " + future.cause(), future.cause());
        }
        return future.channel();
    }

    @Override
    public void close() {
        for (Slot slot : slots) {
            if (slot.channel != null) {
                slot.channel.close().awaitUninterruptibly();
            }
        }
    }
}
