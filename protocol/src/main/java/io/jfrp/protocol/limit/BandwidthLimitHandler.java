package io.jfrp.protocol.limit;

import io.jfrp.protocol.relay.ReadGate;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.ChannelPromise;
import io.netty.channel.PendingWriteQueue;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;

import java.nio.channels.ClosedChannelException;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;

/**
 * Holds the bytes a channel reads and writes to a proxy's {@link TokenBucket}, as frp's
 * {@code limit.Reader} and {@code limit.Writer} do: what is read is passed on in pieces no larger
 * than the burst (and 16 KiB) as tokens allow, and what is written waits for its tokens the same way.
 * One bucket is shared by every connection of a proxy and both directions.
 *
 * <h3>Backpressure, not buffering</h3>
 * Netty's traffic shaping handlers were not used: {@code ChannelTrafficShapingHandler} queues writes
 * without bound (past {@code maxWriteSize} it only flips a writability bit a writer may ignore) and
 * switches {@code AUTO_READ} itself, which a relay switching it too would undo. Here the inbound side
 * holds at most what one read delivered and keeps reading paused ({@link ReadGate}, reason
 * BANDWIDTH) until that is passed on; the outbound side keeps waiting writes in a
 * {@link PendingWriteQueue}, which counts towards the channel's water marks, so the channel turns
 * unwritable and a relay stops reading its source: the sender is slowed, nothing piles up.
 *
 * <h3>Order</h3>
 * Events that arrive while bytes are held (an input shutdown) are passed on after them; flushes
 * wait for the writes before them; a close drops the writes still waiting (their promises fail).
 * When the channel goes inactive what is held inbound is passed on at once.
 *
 * <h3>Threading</h3>
 * The channel's event loop; the bucket is the only state shared with other channels.
 */
public final class BandwidthLimitHandler extends ChannelDuplexHandler {
    /** The handler's name in a pipeline. */
    public static final String NAME = "bandwidth-limit";
    /** Largest piece passed on at once, so a large bucket still releases bytes smoothly. */
    static final int MAX_PIECE = 16 * 1024;

    private final TokenBucket bucket;
    private final int piece;
    /** Read bytes (ByteBuf) and events ({@link HeldEvent}) not passed on yet. */
    private final ArrayDeque<Object> inbound = new ArrayDeque<>();
    private PendingWriteQueue outbound;
    private ChannelHandlerContext ctx;
    private ScheduledFuture<?> inboundTimer;
    private ScheduledFuture<?> outboundTimer;
    /** A flush came while writes were waiting: flush once they are out. */
    private boolean flushPending;
    /** A read was asked for while bytes were held: ask for it once they are passed on. */
    private boolean readPending;
    private boolean draining;
    private boolean drainingOut;

    public BandwidthLimitHandler(TokenBucket bucket) {
        this.bucket = bucket;
        this.piece = (int) Math.max(1, Math.min(MAX_PIECE, bucket.burst()));
    }

    /**
     * Adds a limiter at the network end of {@code pipeline}, under any encryption and compression
     * (frp's client mode limits the raw work connection): first, or right after TLS when the
     * connection is a TLS connection of its own.
     */
    public static void addAtNetworkEnd(ChannelPipeline pipeline, TokenBucket bucket) {
        ChannelHandlerContext tls = pipeline.context(SslHandler.class);
        if (tls != null) {
            pipeline.addAfter(tls.name(), NAME, new BandwidthLimitHandler(bucket));
        } else {
            pipeline.addFirst(NAME, new BandwidthLimitHandler(bucket));
        }
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        this.outbound = new PendingWriteQueue(ctx);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        cancelTimers();
        Object held;
        while ((held = inbound.poll()) != null) {
            ReferenceCountUtil.release(held);
        }
        if (ctx.channel().isActive()) {
            outbound.removeAndWriteAll();
            ctx.flush();
        } else {
            outbound.removeAndFailAll(new ClosedChannelException());
        }
    }

    // ---- inbound: what the channel reads

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (inbound.isEmpty() && !(msg instanceof ByteBuf buf && buf.isReadable())) {
            ctx.fireChannelRead(msg);
            return;
        }
        inbound.add(msg);
        drainInbound();
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (inbound.isEmpty()) {
            ctx.fireChannelReadComplete();
        } // else: fired when the held bytes go on
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (inbound.isEmpty()) {
            ctx.fireUserEventTriggered(evt);
        } else {
            inbound.add(new HeldEvent(evt));
        }
    }

    @Override
    public void read(ChannelHandlerContext ctx) {
        if (inbound.isEmpty()) {
            ctx.read();
        } else {
            readPending = true;
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        cancelTimers();
        // The channel is gone: what it read still belongs to the other side, at once.
        boolean any = false;
        Object held;
        while ((held = inbound.poll()) != null) {
            if (held instanceof HeldEvent e) {
                ctx.fireUserEventTriggered(e.event());
            } else {
                ctx.fireChannelRead(held);
                any = true;
            }
        }
        if (any) {
            ctx.fireChannelReadComplete();
        }
        outbound.removeAndFailAll(new ClosedChannelException());
        ctx.fireChannelInactive();
    }

    /** Passes on what the tokens allow; waits for more when they run out. */
    private void drainInbound() {
        if (draining) {
            return; // the loop below picks it up
        }
        draining = true;
        inboundTimer = null;
        ReadGate.pause(ctx.channel(), ReadGate.Reason.BANDWIDTH);
        boolean fired = false;
        try {
            Object head;
            while ((head = inbound.peek()) != null) {
                if (head instanceof HeldEvent e) {
                    inbound.poll();
                    if (fired) {
                        ctx.fireChannelReadComplete();
                        fired = false;
                    }
                    ctx.fireUserEventTriggered(e.event());
                    continue;
                }
                if (!(head instanceof ByteBuf buf)) {
                    ctx.fireChannelRead(inbound.poll());
                    fired = true;
                    continue;
                }
                int want = Math.min(buf.readableBytes(), piece);
                if (want > 0 && !bucket.tryTake(want)) {
                    inboundTimer = ctx.executor().schedule(this::drainInbound, bucket.nanosUntil(want),
                            TimeUnit.NANOSECONDS);
                    break;
                }
                ByteBuf part = want == buf.readableBytes() ? (ByteBuf) inbound.poll() : buf.readRetainedSlice(want);
                ctx.fireChannelRead(part);
                fired = true;
            }
            if (fired) {
                ctx.fireChannelReadComplete();
            }
        } finally {
            draining = false;
        }
        if (inbound.isEmpty()) {
            ReadGate.resume(ctx.channel(), ReadGate.Reason.BANDWIDTH);
            if (readPending) {
                readPending = false;
                ctx.read();
            }
        }
    }

    // ---- outbound: what is written to the channel

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (!(msg instanceof ByteBuf buf)) {
            if (outbound.isEmpty()) {
                ctx.write(msg, promise);
            } else {
                outbound.add(msg, promise);
            }
            return;
        }
        if (outbound.isEmpty() && buf.readableBytes() <= piece && bucket.tryTake(buf.readableBytes())) {
            ctx.write(buf, promise);
            return;
        }
        while (buf.readableBytes() > piece) {
            ChannelPromise part = ctx.newPromise();
            part.addListener(f -> {
                if (!f.isSuccess()) {
                    promise.tryFailure(f.cause());
                }
            });
            outbound.add(buf.readRetainedSlice(piece), part);
        }
        outbound.add(buf, promise);
        if (outboundTimer == null) {
            drainOutbound();
        }
    }

    @Override
    public void flush(ChannelHandlerContext ctx) {
        // What went through already goes out now; what still waits is flushed when it goes through.
        flushPending = !outbound.isEmpty();
        ctx.flush();
    }

    @Override
    public void close(ChannelHandlerContext ctx, ChannelPromise promise) {
        cancelTimers();
        outbound.removeAndFailAll(new ClosedChannelException());
        ctx.close(promise);
    }

    /** Writes what the tokens allow; waits for more when they run out. */
    private void drainOutbound() {
        if (drainingOut) {
            return; // a write from a listener of an earlier one: the loop below picks it up
        }
        drainingOut = true;
        outboundTimer = null;
        try {
            drainOutboundLoop();
        } finally {
            drainingOut = false;
        }
    }

    private void drainOutboundLoop() {
        boolean wrote = false;
        while (!outbound.isEmpty()) {
            int size = outbound.current() instanceof ByteBuf b ? b.readableBytes() : 0;
            if (size > 0 && !bucket.tryTake(size)) {
                outboundTimer = ctx.executor().schedule(this::drainOutbound, bucket.nanosUntil(size),
                        TimeUnit.NANOSECONDS);
                break;
            }
            outbound.removeAndWrite();
            wrote = true;
        }
        if (wrote && flushPending) {
            flushPending = !outbound.isEmpty();
            ctx.flush();
        }
    }

    private void cancelTimers() {
        if (inboundTimer != null) {
            inboundTimer.cancel(false);
            inboundTimer = null;
        }
        if (outboundTimer != null) {
            outboundTimer.cancel(false);
            outboundTimer = null;
        }
    }

    /** An event that arrived behind held bytes. */
    private record HeldEvent(Object event) {
    }
}
