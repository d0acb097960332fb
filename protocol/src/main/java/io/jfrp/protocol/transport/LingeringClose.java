package io.jfrp.protocol.transport;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufHolder;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.ChannelPromise;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.channel.socket.ChannelInputShutdownReadComplete;
import io.netty.channel.socket.DuplexChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Closes a TCP connection after a final answer (a refused Login's LoginResp, an error page) so that
 * the answer reaches the peer: Linux answers a socket closed with bytes still unread, or bytes that
 * arrive after the close, with a reset, and a reset drops what the closing side had not yet had
 * acknowledged (a segment lost on the way is never sent again) and, on some peers (Windows), what
 * the peer had received and not yet read. A peer that sent more than its first message (a pipelined
 * NewWorkConn, a request body) would see "connection reset" instead of the reason for the refusal.
 *
 * <h3>What it does</h3>
 * On the connection's loop: what was written is flushed, TLS says close_notify (every
 * {@link SslHandler} of the pipeline, innermost first), then the output is shut down (a FIN after the
 * answer), and whatever the peer still sends is read and discarded until it ends its side (its FIN,
 * or a reset), then the connection closes. Nothing read goes further up the pipeline: a handler at
 * its head releases each buffer as it comes, so nothing is buffered and no decoder sees it.
 *
 * <h3>Bounds</h3>
 * The peer may be unauthenticated and hostile, so the linger is bounded twice: the connection
 * closes {@link #DEADLINE_MILLIS} after it began whatever the peer does, and as soon as more than
 * {@link #MAX_DISCARDED_BYTES} have been read and dropped (a reset then, which only a peer that kept
 * sending meets). A close asked by anything else meanwhile (a handler whose write failed after the
 * FIN, a session's timer) waits for the linger's end, which is at most the deadline; the promise of
 * such a close completes when the connection has closed. {@link #closeNow} ends the linger at once
 * (an eviction that must free the connection's place now).
 *
 * <h3>Transports</h3>
 * A TCP connection of NIO or epoll ({@link SocketChannel}); half-closure is switched on for it
 * (ALLOW_HALF_CLOSURE), so that the peer's FIN ends the linger instead of closing the channel under
 * it. Any other channel (QUIC, KCP, a yamux stream) is closed at once as before: their own closes are
 * not resets of a socket.
 *
 * <p>Thread-safe: {@link #close} may be called from any thread and runs on the channel's loop.
 */
public final class LingeringClose {
    /** The longest a connection lingers after its final answer: a second for the answer's way, one for slack. */
    public static final long DEADLINE_MILLIS = 2_000;
    /** The most that is read and dropped while lingering; a peer that sends more is closed at once (a reset). */
    public static final int MAX_DISCARDED_BYTES = 256 * 1024;

    private static final String NAME = "lingeringClose";

    private LingeringClose() {
    }

    /**
     * Closes {@code connection} after what was written to it: at once when it is not a TCP connection
     * or not open, else after the linger described above. Idempotent; any thread.
     */
    public static void close(Channel connection) {
        close(connection, DEADLINE_MILLIS, MAX_DISCARDED_BYTES);
    }

    /** As {@link #close(Channel)} with other bounds (tests). */
    static void close(Channel connection, long deadlineMillis, int maxDiscardedBytes) {
        if (!(connection instanceof SocketChannel) || !connection.isActive()) {
            connection.close();
            return;
        }
        if (connection.eventLoop().inEventLoop()) {
            begin(connection, deadlineMillis, maxDiscardedBytes);
        } else {
            connection.eventLoop().execute(() -> begin(connection, deadlineMillis, maxDiscardedBytes));
        }
    }

    /**
     * Closes {@code connection} now, lingering or not: what must not wait (an eviction to admit
     * another connection, a deadline that ends the connection whatever it is doing). Any thread.
     */
    public static void closeNow(Channel connection) {
        if (connection.eventLoop().inEventLoop()) {
            Discarder lingering = connection.pipeline().get(Discarder.class);
            if (lingering != null) {
                lingering.closeNow();
            } else {
                connection.close();
            }
        } else {
            connection.eventLoop().execute(() -> closeNow(connection));
        }
    }

    private static void begin(Channel connection, long deadlineMillis, int maxDiscardedBytes) {
        ChannelPipeline pipeline = connection.pipeline();
        if (!connection.isActive()) {
            connection.close();
            return;
        }
        if (pipeline.get(Discarder.class) != null) {
            return;
        }
        connection.config().setOption(ChannelOption.ALLOW_HALF_CLOSURE, true);
        Discarder discarder = new Discarder(deadlineMillis, maxDiscardedBytes);
        pipeline.addFirst(NAME, discarder);
        // What the handlers above wrote and hold (yamux's frames wait for the loop's turn to end) goes out.
        connection.flush();
        List<SslHandler> tls = new ArrayList<>(2);
        for (var entry : pipeline) {
            if (entry.getValue() instanceof SslHandler ssl) {
                tls.add(0, ssl); // innermost (nearest the tail) first: its close_notify goes through the outer one
            }
        }
        for (SslHandler ssl : tls) {
            ssl.closeOutbound();
        }
        discarder.shutOutputAfterFlush();
        DuplexChannel duplex = (DuplexChannel) connection;
        if (duplex.isInputShutdown()) {
            discarder.inputEnded();
        } else {
            connection.config().setAutoRead(true);
            connection.read();
        }
    }

    /**
     * The head of a lingering connection's pipeline: drops what is read, ends the linger on the
     * peer's FIN, the deadline or the byte bound, and holds back other closes until then.
     * Event loop only.
     */
    private static final class Discarder extends ChannelDuplexHandler {
        private final long deadlineMillis;
        private final int maxDiscardedBytes;
        private ChannelHandlerContext ctx;
        private ScheduledFuture<?> deadline;
        /** Bytes read and dropped so far. */
        private long discarded;
        /** The FIN after the answer has been sent (or could not be: the output failed). */
        private boolean outputShut;
        /** The peer has ended its side. */
        private boolean inputEnded;
        /** The connection is being closed by the linger itself. */
        private boolean closing;

        Discarder(long deadlineMillis, int maxDiscardedBytes) {
            this.deadlineMillis = deadlineMillis;
            this.maxDiscardedBytes = maxDiscardedBytes;
        }

        @Override
        public void handlerAdded(ChannelHandlerContext ctx) {
            this.ctx = ctx;
            deadline = ctx.executor().schedule(this::closeNow, deadlineMillis, TimeUnit.MILLISECONDS);
        }

        /** Shuts the output once everything written before has left (the answer, TLS' close_notify). */
        void shutOutputAfterFlush() {
            ctx.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(written -> {
                if (!written.isSuccess() || !ctx.channel().isActive()) {
                    closeNow();
                    return;
                }
                ((DuplexChannel) ctx.channel()).shutdownOutput().addListener(shut -> {
                    outputShut = true;
                    if (!shut.isSuccess() || inputEnded) {
                        closeNow();
                    }
                });
            });
        }

        /** The peer has ended its side: close once the FIN is out. */
        void inputEnded() {
            inputEnded = true;
            if (outputShut) {
                closeNow();
            }
        }

        private void closeNow() {
            if (closing) {
                return;
            }
            closing = true;
            deadline.cancel(false);
            ctx.close();
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof ByteBuf buf) {
                discarded += buf.readableBytes();
            } else if (msg instanceof ByteBufHolder holder) {
                discarded += holder.content().readableBytes();
            }
            ReferenceCountUtil.release(msg);
            if (discarded > maxDiscardedBytes) {
                closeNow();
            }
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            // dropped with the reads
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            if (evt == ChannelInputShutdownEvent.INSTANCE || evt == ChannelInputShutdownReadComplete.INSTANCE) {
                inputEnded();
            }
            ReferenceCountUtil.release(evt);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            closeNow(); // a reset from the peer: there is nobody left to answer
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            deadline.cancel(false);
            ctx.fireChannelInactive();
        }

        @Override
        public void close(ChannelHandlerContext ctx, ChannelPromise promise) {
            if (closing) {
                ctx.close(promise);
                return;
            }
            if (!promise.isVoid()) {
                ctx.channel().closeFuture().addListener(f -> promise.trySuccess());
            }
        }

        @Override
        public void disconnect(ChannelHandlerContext ctx, ChannelPromise promise) {
            close(ctx, promise);
        }
    }
}
