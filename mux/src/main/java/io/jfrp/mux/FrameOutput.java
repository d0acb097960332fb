package io.jfrp.mux;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;

import java.util.concurrent.RejectedExecutionException;

/**
 * Writes a session's header-only frames (WindowUpdate, Ping, RST, FIN) to its connection and decides
 * when to flush. The send scheduler writes Data frames through the same context and asks for a flush
 * here too.
 *
 * <h3>Flushing</h3>
 * Inside a read of the connection ({@link #beginReadBatch()} to {@link #endReadBatch()}) writes wait
 * for the read's end, so every answer to one socket read leaves in one flush (the session flushes
 * once it has delivered the read's data to the streams). Outside one, {@link #flushIfNeeded()} does
 * not flush at once but hands one flush to the event loop as a task, which runs once the loop has
 * handled the rest of the I/O events it woke up with: the streams whose sockets were ready together
 * (32 HTTP clients of the vhost, their services' answers on jfrpc's side) leave in one flush, so in
 * one TLS record and one system call instead of one each. Until it runs, later asks add nothing.
 *
 * <h3>Small frames: one buffer per flush</h3>
 * Header-only frames and small Data frames ({@link SendScheduler#COPY_MAX}) are written into one
 * buffer of at most {@value #BATCH_BYTES} bytes (one TLS record's plaintext), handed to the
 * connection when it is flushed, when it is full, or before anything else is written to it (a
 * larger frame's header and slices, the GO_AWAY, another handler's write). The 32 HTTP exchanges of
 * one loop turn leave as one message instead of two or more per frame: through {@code SslHandler}
 * it is sealed as it is, where separate messages were first merged into a new buffer, and without
 * TLS it is one piece of the {@code writev} (README, "Small Data frames: one buffer per flush").
 *
 * <h3>Answers to a peer that does not read</h3>
 * Frames written because of what the peer sent ({@link #writeAnswer}: a RST refusing its SYN, a Ping
 * ACK) cost memory until the peer reads them. A peer that sends and never reads would grow the
 * connection's outbound buffer without bound; so answers written while the connection is not
 * writable are counted, the count restarts whenever it becomes writable again, and past
 * {@link YamuxConfig#maxQueuedControlFrames()} the session ends with a protocol error (Netty's HTTP/2
 * codec guards the same way in {@code Http2ControlFrameLimitEncoder}).
 *
 * <p>Event-loop confined.
 */
final class FrameOutput {
    private final ChannelHandlerContext ctx;
    private final int maxQueuedAnswers;
    private final SessionMetrics metrics;
    private boolean inReadBatch;
    private boolean flushNeeded;
    /** Answers written since the connection last became writable, while it was not writable. */
    private int answersWhileUnwritable;
    /** The session has ended: nothing more is written. */
    private boolean stopped;
    /** A flush is queued on the event loop and has not run yet. */
    private boolean flushQueued;
    /** The queued flush; one object for the session's life. */
    private final Runnable queuedFlush = this::runQueuedFlush;
    /** Small frames written since the last hand-over to the connection, in one buffer; null when none. */
    private ByteBuf batch;

    /** The most bytes of small frames held in one buffer: a TLS record's plaintext. */
    static final int BATCH_BYTES = 16 * 1024;

    FrameOutput(ChannelHandlerContext ctx, YamuxConfig config, SessionMetrics metrics) {
        this.ctx = ctx;
        this.maxQueuedAnswers = config.maxQueuedControlFrames();
        this.metrics = metrics;
    }

    /** Writes a header-only frame; flushed by {@link #flushIfNeeded()} or at the end of the read batch. */
    void writeControl(YamuxFrameType type, int flags, int streamId, long length) {
        assert ctx.executor().inEventLoop();
        if (stopped) {
            return;
        }
        YamuxFrameWriter.writeHeader(room(YamuxFrameReader.HEADER_LENGTH), type, flags, streamId, length);
    }

    /**
     * The buffer to write a small frame of {@code frameBytes} bytes (header included, at most
     * {@link #BATCH_BYTES}) into: the batch, handed over first and begun anew when the frame does not
     * fit. The caller writes the whole frame at once.
     */
    ByteBuf room(int frameBytes) {
        if (batch != null && batch.writableBytes() < frameBytes) {
            writeBatch();
        }
        if (batch == null) {
            batch = ctx.alloc().buffer(BATCH_BYTES, BATCH_BYTES);
        }
        flushNeeded = true;
        return batch;
    }

    /** Hands the small frames held so far to the connection (written, not flushed), keeping their order. */
    void writeBatch() {
        ByteBuf held = batch;
        if (held != null) {
            batch = null;
            ctx.write(held, ctx.voidPromise());
        }
    }

    /**
     * Writes a frame that answers the peer (RST for a refused or late stream, Ping ACK), counting it
     * against the limit of answers queued for a peer that does not read.
     *
     * @throws YamuxException when the peer has let too many answers pile up
     */
    void writeAnswer(YamuxFrameType type, int flags, int streamId, long length) throws YamuxException {
        if (!ctx.channel().isWritable() && ++answersWhileUnwritable > maxQueuedAnswers) {
            metrics.controlFrameFloods++;
            throw YamuxException.protocolError(
                    "flood of answers the peer does not read: more than %d RST and Ping ACK frames queued",
                    maxQueuedAnswers);
        }
        writeControl(type, flags, streamId, length);
    }

    /** A larger Data frame's header or a payload slice, written by the send scheduler after the batch. */
    void writeData(ByteBuf buf) {
        writeBatch();
        ctx.write(buf, ctx.voidPromise());
        flushNeeded = true;
    }

    /** The connection's writability changed; an answer count restarts once it drains. */
    void onWritabilityChanged(boolean writable) {
        if (writable) {
            answersWhileUnwritable = 0;
        }
    }

    void beginReadBatch() {
        inReadBatch = true;
    }

    /** The read batch ended: later writes flush once the loop's turn ends; the caller asks for the batch's flush. */
    void endReadBatch() {
        inReadBatch = false;
    }

    /** True inside a read of the connection, when deliveries and flushes wait for its end. */
    boolean inReadBatch() {
        return inReadBatch;
    }

    /**
     * Queues a flush of what was written, to run once the event loop has handled the I/O events it is
     * handling now; inside a read batch, the caller asks again at its end.
     */
    void flushIfNeeded() {
        if (flushNeeded && !inReadBatch && !flushQueued) {
            flushQueued = true;
            try {
                ctx.executor().execute(queuedFlush);
            } catch (RejectedExecutionException e) {
                // The loop is shutting down and runs no more tasks: flush now.
                runQueuedFlush();
            }
        }
    }

    private void runQueuedFlush() {
        flushQueued = false;
        if (!inReadBatch) {
            flushWritten();
        }
    }

    /**
     * The connection is being closed: what was written leaves now, inside a read batch too, instead of
     * being dropped with the connection's unflushed writes.
     */
    void flushBeforeClose() {
        if (!stopped) {
            flushWritten();
        }
    }

    private void flushWritten() {
        if (flushNeeded) {
            flushNeeded = false;
            writeBatch();
            ctx.flush();
        }
    }

    /** The session ended: later writes are dropped, and so are the held ones, as unflushed writes are at a close. */
    void stop() {
        stopped = true;
        if (batch != null) {
            batch.release();
            batch = null;
        }
    }
}
