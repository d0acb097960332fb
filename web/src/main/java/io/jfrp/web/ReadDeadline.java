package io.jfrp.web;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The read side of the connection's timeouts, in Go's {@code http.Server} terms: a connection
 * waiting for a request may stay idle for the idle timeout; once the first byte of a request has
 * arrived, the whole request (head and body) must arrive within the read timeout. Either expiry
 * closes the connection, which is what Go does. A peer trickling a head a byte at a time is
 * therefore bounded by the read timeout, not by its patience.
 *
 * <p>Sits in front of the HTTP codec and sees raw bytes. {@link RequestDispatcher} tells it when a
 * request is complete ({@link #requestComplete}: no deadline while the server works on it) and
 * when the connection waits again ({@link #awaitRequest}). Event-loop only.
 */
final class ReadDeadline extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(ReadDeadline.class);

    private enum State { IDLE, READING, PROCESSING }

    private final long idleNanos;
    private final long readNanos;
    private final LoopDeadline deadline = new LoopDeadline();
    private ChannelHandlerContext ctx;
    private State state = State.IDLE;

    ReadDeadline(Duration idle, Duration read) {
        this.idleNanos = idle.toNanos();
        this.readNanos = read.toNanos();
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        arm(idleNanos, "idle");
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (state == State.IDLE && msg instanceof ByteBuf buf && buf.isReadable()) {
            state = State.READING;
            arm(readNanos, "read");
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        deadline.disarm();
        ctx.fireChannelInactive();
    }

    /** The dispatcher has a complete request: no read deadline while it is answered. */
    void requestComplete() {
        assert ctx.executor().inEventLoop();
        state = State.PROCESSING;
        deadline.disarm();
    }

    /** The response is written and nothing is queued: wait for the next request. */
    void awaitRequest() {
        assert ctx.executor().inEventLoop();
        state = State.IDLE;
        arm(idleNanos, "idle");
    }

    private void arm(long nanos, String what) {
        deadline.arm(ctx.executor(), nanos, TimeUnit.NANOSECONDS, () -> {
            if (ctx.channel().isActive()) {
                log.debug("{}: {} timeout, closing", ctx.channel().remoteAddress(), what);
                ctx.close();
            }
        });
    }
}
