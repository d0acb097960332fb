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
        ctx.write(YamuxFrameWriter.header(ctx.alloc(), type, flags, streamId, length), ctx.voidPromise());
        flushNeeded = true;
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

    /** A Data frame's header or payload slice, written by the send scheduler. */
    void writeData(ByteBuf buf) {
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
            ctx.flush();
        }
    }

    /** The session ended: later writes are dropped. */
    void stop() {
        stopped = true;
    }
}
