package io.jfrp.mux;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundBuffer;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.function.Supplier;

/**
 * Moves the streams' flushed writes onto the connection as Data frames, fairly.
 *
 * <h3>Scheduling</h3>
 * Streams with something to send (flushed bytes and send window, or a FIN) wait in one round-robin
 * queue. Each turn writes one frame of the stream at the head, at most
 * {@link YamuxConfig#maxFrameSize()} bytes and the stream's send window, and puts the stream back at
 * the tail if it has more. The queue is served only while the connection is writable, and again when
 * it becomes writable: a bulk stream delays another by at most one frame per turn, and nothing is
 * buffered beyond the connection's water mark plus one frame.
 *
 * <h3>A stream alone</h3>
 * When no other stream waits, the stream's frame may be larger than the cap: up to the room left
 * below the connection's high water mark ({@link Channel#bytesBeforeUnwritable()}), at most
 * {@value #MAX_SOLO_FRAME} bytes. Nothing waits behind it that the cap would have let in between,
 * and the bound on what is buffered stays the water mark plus one capped frame. Fewer, larger
 * frames cost the sender less per byte: one header, one payload slice per buffer and, under TLS,
 * one coalescing copy (a header and its payload sealed into one record) per frame instead of one
 * per 16 KiB (docs/PERFORMANCE.md, "One stream through tcpMux+TLS").
 *
 * <h3>Reference counting</h3>
 * A frame's payload is written as retained slices of the stream's buffers (never copied); the
 * stream's outbound buffer then releases the bytes it gave away ({@link YamuxStreamChannel#onDataFramed}).
 *
 * <p>Event-loop confined; one per session.
 */
final class SendScheduler {
    /** The largest frame a stream alone on the session is given (the protocol's initial window). */
    static final int MAX_SOLO_FRAME = YamuxConfig.INITIAL_WINDOW;

    private final ChannelHandlerContext ctx;
    private final FrameOutput output;
    private final int maxFrame;
    private final Supplier<YamuxSessionListener> events;
    private final ArrayDeque<YamuxStreamChannel> queue = new ArrayDeque<>();
    private final FrameSizer sizer = new FrameSizer();
    private boolean writing;
    private boolean stopped;

    SendScheduler(ChannelHandlerContext ctx, FrameOutput output, YamuxConfig config,
                  Supplier<YamuxSessionListener> events) {
        this.ctx = ctx;
        this.output = output;
        this.maxFrame = config.maxFrameSize();
        this.events = events;
    }

    /** {@code stream} may have something to send (it flushed, or its window opened): queue it and write. */
    void streamReady(YamuxStreamChannel stream) {
        if (stream.hasSendable()) {
            enqueue(stream);
            writeStreams();
        }
    }

    private void enqueue(YamuxStreamChannel stream) {
        if (!stream.queuedForSend) {
            stream.queuedForSend = true;
            queue.add(stream);
        }
    }

    /** Serves the queue, one frame per stream per turn, while the connection is writable. */
    void writeStreams() {
        assert ctx.executor().inEventLoop();
        if (writing || stopped) {
            return;
        }
        writing = true;
        try {
            Channel parent = ctx.channel();
            YamuxStreamChannel stream;
            while (parent.isWritable() && (stream = queue.poll()) != null) {
                stream.queuedForSend = false;
                if (!stream.hasSendable()) {
                    continue;
                }
                writeFrame(stream);
                if (stream.hasSendable()) {
                    enqueue(stream);
                }
            }
        } finally {
            writing = false;
        }
        output.flushIfNeeded();
    }

    /** Nothing more is written: the session is closing. */
    void stop() {
        stopped = true;
        queue.clear();
    }

    /** Writes one frame of {@code stream}: Data up to the frame cap and send window, or its FIN. */
    private void writeFrame(YamuxStreamChannel stream) {
        ChannelOutboundBuffer in = stream.outboundBuffer();
        Object head;
        while ((head = in.current()) instanceof ByteBuf && !((ByteBuf) head).isReadable()) {
            in.remove();
        }
        if (head == null) {
            return;
        }
        if (head == YamuxStreamChannel.FIN_MARKER) {
            stream.onFinFramed();
            return;
        }
        long budget = Math.min(stream.sendWindow, frameCap());
        if (budget <= 0) {
            return;
        }
        sizer.reset(budget);
        try {
            in.forEachFlushedMessage(sizer);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        int length = (int) sizer.total;
        // The whole frame (header and payload slices) is written before the stream's buffer completes
        // promises and fires writability events: handlers reacting to those may write frames of
        // their own (a WindowUpdate, say), which must not land inside this one.
        output.writeData(YamuxFrameWriter.header(ctx.alloc(), YamuxFrameType.DATA, 0, stream.streamId(), length));
        int remaining = length;
        for (int i = 0; i < sizer.count; i++) {
            ByteBuf buf = sizer.bufs[i];
            int take = Math.min(buf.readableBytes(), remaining);
            output.writeData(buf.retainedSlice(buf.readerIndex(), take));
            remaining -= take;
        }
        sizer.clear();
        stream.onDataFramed(length);
        if (stream.sendWindow <= 0 && stream.hasUnsentBytes()) {
            events.get().windowStalled(); // the rest waits for the peer's WindowUpdate
        }
    }

    /**
     * The most the next frame may carry: the configured cap while other streams wait their turn;
     * for a stream alone, the room below the connection's high water mark, within
     * [cap, {@link #MAX_SOLO_FRAME}].
     */
    private long frameCap() {
        if (!queue.isEmpty()) {
            return maxFrame;
        }
        // bytesBeforeUnwritable() counts to the first byte past the mark: one more than the room.
        long room = ctx.channel().bytesBeforeUnwritable() - 1;
        return Math.max(maxFrame, Math.min(room, MAX_SOLO_FRAME));
    }

    /**
     * Sums the flushed ByteBufs that fit in one frame, stopping at a FIN marker. One per session,
     * reused for every frame (one frame is built at a time, on the event loop).
     */
    static final class FrameSizer implements ChannelOutboundBuffer.MessageProcessor {
        private long budget;
        long total;
        int count;
        private ByteBuf[] bufs = new ByteBuf[4];

        void reset(long budget) {
            this.budget = budget;
            this.total = 0;
            this.count = 0;
        }

        @Override
        public boolean processMessage(Object msg) {
            if (!(msg instanceof ByteBuf)) {
                return false;
            }
            ByteBuf buf = (ByteBuf) msg;
            if (!buf.isReadable()) {
                return true;
            }
            if (count == bufs.length) {
                bufs = Arrays.copyOf(bufs, count * 2);
            }
            bufs[count++] = buf;
            total = Math.min(budget, total + buf.readableBytes());
            return total < budget;
        }

        /** Drops the references to this frame's buffers, which are about to be released. */
        void clear() {
            Arrays.fill(bufs, 0, count, null);
            count = 0;
        }
    }
}
