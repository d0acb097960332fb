package io.jfrp.mux;

import io.netty.buffer.ByteBuf;
import io.netty.channel.AbstractChannel;
import io.netty.channel.Channel;
import io.netty.channel.ChannelConfig;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelId;
import io.netty.channel.ChannelMetadata;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.ChannelPromise;
import io.netty.channel.DefaultChannelConfig;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.channel.socket.ChannelInputShutdownReadComplete;
import io.netty.channel.socket.ChannelOutputShutdownEvent;
import io.netty.channel.socket.ChannelOutputShutdownException;
import io.netty.channel.socket.DuplexChannel;
import io.netty.util.ReferenceCountUtil;

import java.net.SocketAddress;
import java.nio.channels.ClosedChannelException;
import java.util.ArrayDeque;

/**
 * One yamux stream as a Netty child channel of the session's channel, running on the parent's
 * event loop (modelled on Netty's {@code Http2StreamChannel}). Reads deliver {@link ByteBuf}s;
 * writes take {@link ByteBuf}s.
 *
 * <h3>Lifecycle</h3>
 * A stream is created by {@link YamuxSession#openStream} (we send SYN) or by a peer's SYN and
 * {@link YamuxSession#acceptStream} (we answer ACK). It is active from registration until closed.
 * <ul>
 *   <li>{@link #shutdownOutput()} sends FIN after every byte written before it; the stream can still
 *   read. A {@link ChannelOutputShutdownEvent} follows.</li>
 *   <li>A FIN from the peer is delivered, after the data before it has been read, as a
 *   {@link ChannelInputShutdownEvent} then {@link ChannelInputShutdownReadComplete}; the stream can
 *   still write.</li>
 *   <li>When both directions have ended and everything received has been read, the channel closes by
 *   itself.</li>
 *   <li>{@link #close()} before that is graceful when nothing would be lost: if no written byte is
 *   still unsent and no received byte is unread, the stream sends FIN (if it had not) and the session
 *   keeps the id until the peer's FIN, answering any later data with RST (as TCP does). Otherwise
 *   close is abortive: RST, and both directions end at once.</li>
 *   <li>A RST from the peer fires {@link YamuxStreamResetEvent} and closes the channel, discarding
 *   unread data and failing unsent writes.</li>
 *   <li>When the session ends, every stream closes.</li>
 * </ul>
 *
 * <h3>Flow control</h3>
 * Receive credit (WindowUpdate) is returned only for bytes the child has read (passed to its
 * pipeline), so a child with auto-read off holds the peer to one window. Written bytes leave the
 * channel's outbound buffer only as the send window and the parent's writability allow, so the
 * child's writability (its outbound buffer against its water marks) follows both.
 *
 * <h3>Threading</h3>
 * Every field is confined to the parent's event loop.
 */
public final class YamuxStreamChannel extends AbstractChannel implements DuplexChannel {
    private static final ChannelMetadata METADATA = new ChannelMetadata(false, 16);
    /** Marker written into the outbound buffer by {@link #shutdownOutput()}; becomes a FIN frame. */
    static final Object FIN_MARKER = new Object() {
        @Override
        public String toString() {
            return "FIN";
        }
    };
    private static final int MAX_READS_PER_LOOP = 16;

    private final YamuxSession session;
    private final int streamId;
    private final boolean outbound;
    private final ChannelConfig config;
    private final ChannelOutboundBuffer outboundBuffer;

    /** Bytes we may still send: the peer's grant minus what we sent. */
    long sendWindow = YamuxConfig.INITIAL_WINDOW;
    /** The receive window this stream grants (grows with auto-tuning, never shrinks). */
    int recvWindow = YamuxConfig.INITIAL_WINDOW;
    /** Bytes the peer may still send: granted minus received. */
    long recvCredit = YamuxConfig.INITIAL_WINDOW;
    /** Bytes read by the child whose credit has not been returned yet. */
    int consumedUnacked;
    /** When the last WindowUpdate was sent (nanoTime), for the consumption-rate estimate. */
    long lastWindowUpdateNanos;

    /**
     * Bytes written to the channel and not yet put into frames. Counted here rather than read from
     * the outbound buffer, whose pending-bytes total lags behind inside write listeners.
     */
    private long unsentBytes;

    /** Received payload not yet read by the child; null while empty to keep idle streams small. */
    private ArrayDeque<ByteBuf> inbound;
    private int inboundBytes;

    private boolean open = true;
    private boolean ackReceived;
    boolean finSent;
    boolean finReceived;
    /** The session has forgotten this id (both FINs, or RST either way). */
    boolean removed;
    /** The child was closed while the session still tracks the id, waiting for the peer's FIN. */
    boolean orphaned;
    /** Resets the stream if the peer's FIN does not come after a local close; cancelled on removal. */
    io.netty.util.concurrent.ScheduledFuture<?> closeTimeout;
    /** In the session's queue of streams to deliver to at the end of the parent's read. */
    boolean queuedForDelivery;
    /** In the session's round-robin send queue. */
    boolean queuedForSend;
    private boolean finQueued;
    private boolean readPending;
    private boolean inReadLoop;
    private boolean inputShutdownFired;
    /** {@link #shutdownInput()} was called: input is dropped on arrival. */
    private boolean inputDiscarded;

    YamuxStreamChannel(YamuxSession session, Channel parent, int streamId, boolean outbound) {
        super(parent, new YamuxStreamChannelId(parent.id(), streamId));
        this.session = session;
        this.streamId = streamId;
        this.outbound = outbound;
        this.config = new DefaultChannelConfig(this) {
            @Override
            protected void autoReadCleared() {
                // As a socket channel does: turning autoRead off also cancels a read already
                // requested, so nothing more is delivered until the next read().
                clearReadPending();
            }
        };
        this.outboundBuffer = unsafe().outboundBuffer();
    }

    /** The yamux stream id: odd for streams the dialling side opened, even for the other side. */
    public int streamId() {
        return streamId;
    }

    /** True when this side opened the stream. */
    public boolean isOutbound() {
        return outbound;
    }

    /** The session this stream belongs to. */
    public YamuxSession session() {
        return session;
    }

    /**
     * True once the peer's FIN has been delivered to the pipeline (after every byte before it), or
     * {@link #shutdownInput()} was called: as for a socket, there is then nothing left to read.
     */
    @Override
    public boolean isInputShutdown() {
        return inputShutdownFired || inputDiscarded;
    }

    /** True once FIN has been requested by {@link #shutdownOutput()} (or sent). */
    @Override
    public boolean isOutputShutdown() {
        return finQueued || finSent;
    }

    @Override
    public boolean isShutdown() {
        return isInputShutdown() && isOutputShutdown();
    }

    @Override
    public ChannelFuture shutdownInput() {
        return shutdownInput(newPromise());
    }

    /**
     * Stops delivering input, as a socket's shutdownInput does: queued and later data is discarded
     * (its credit returned, so the peer is not stalled). yamux has no frame for this; the peer
     * learns nothing until the stream closes.
     */
    @Override
    public ChannelFuture shutdownInput(ChannelPromise promise) {
        inLoop(() -> {
            if (!inputDiscarded) {
                inputDiscarded = true;
                int dropped = inboundBytes;
                releaseInbound();
                if (dropped > 0) {
                    session.onConsumed(this, dropped);
                }
            }
            promise.trySuccess();
        });
        return promise;
    }

    @Override
    public ChannelFuture shutdown() {
        return shutdown(newPromise());
    }

    /** {@link #shutdownOutput()} then {@link #shutdownInput()}; completes when both have. */
    @Override
    public ChannelFuture shutdown(ChannelPromise promise) {
        shutdownOutput().addListener(f -> shutdownInput().addListener(g -> {
            if (f.isSuccess()) {
                promise.trySuccess();
            } else {
                promise.tryFailure(f.cause());
            }
        }));
        return promise;
    }

    private void inLoop(Runnable task) {
        if (eventLoop().inEventLoop()) {
            task.run();
        } else {
            eventLoop().execute(task);
        }
    }

    /** The stream's current send window, for tests and metrics. */
    public long sendWindow() {
        return sendWindow;
    }

    /** The stream's current receive window size, for tests and metrics. */
    public int receiveWindow() {
        return recvWindow;
    }

    /** Bytes received and not yet read by the child. */
    public int queuedInboundBytes() {
        return inboundBytes;
    }

    /** Half-closes: FIN is sent after every byte already written. */
    @Override
    public ChannelFuture shutdownOutput() {
        return shutdownOutput(newPromise());
    }

    /** Half-closes: FIN is sent after every byte already written; {@code promise} completes then. */
    @Override
    public ChannelFuture shutdownOutput(ChannelPromise promise) {
        inLoop(() -> shutdownOutput0(promise));
        return promise;
    }

    private void shutdownOutput0(ChannelPromise promise) {
        if (finQueued || finSent) {
            promise.trySuccess();
            return;
        }
        if (!open) {
            promise.tryFailure(new ClosedChannelException());
            return;
        }
        unsafe().write(FIN_MARKER, promise);
        finQueued = true;
        unsafe().flush();
    }

    @Override
    public ChannelConfig config() {
        return config;
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public boolean isActive() {
        return open && isRegistered();
    }

    @Override
    public ChannelMetadata metadata() {
        return METADATA;
    }

    @Override
    protected AbstractUnsafe newUnsafe() {
        return new StreamUnsafe();
    }

    @Override
    protected boolean isCompatible(EventLoop loop) {
        return true;
    }

    @Override
    protected SocketAddress localAddress0() {
        return parent().localAddress();
    }

    @Override
    protected SocketAddress remoteAddress0() {
        return parent().remoteAddress();
    }

    @Override
    protected void doBind(SocketAddress localAddress) {
        throw new IllegalStateException("a yamux stream cannot be bound");
    }

    @Override
    protected void doDisconnect() {
        unsafe().close(voidPromise());
    }

    @Override
    protected void doClose() {
        if (!open) {
            return;
        }
        open = false;
        boolean unreadInput = inboundBytes > 0;
        releaseInbound();
        session.onStreamClosed(this, unreadInput || unsentBytes > 0);
    }

    @Override
    protected void doBeginRead() {
        readPending = true;
        if (!inReadLoop) {
            readLoop();
        }
    }

    @Override
    protected void doWrite(ChannelOutboundBuffer in) {
        session.onStreamFlushed(this);
    }

    @Override
    protected Object filterOutboundMessage(Object msg) throws Exception {
        if (msg == FIN_MARKER) {
            return msg;
        }
        if (finQueued || finSent) {
            throw new ChannelOutputShutdownException("write after shutdownOutput on yamux stream " + streamId);
        }
        if (msg instanceof ByteBuf) {
            unsentBytes += ((ByteBuf) msg).readableBytes();
            return msg;
        }
        throw new IllegalArgumentException("yamux streams write ByteBuf only, got "
                + (msg == null ? "null" : msg.getClass().getName()));
    }

    // ---- called by the session, on the event loop ----

    /** Payload for this stream, already charged against the receive window. Takes ownership. */
    void onData(ByteBuf data) {
        if (!open) {
            data.release();
            return;
        }
        if (inputDiscarded) {
            int n = data.readableBytes();
            data.release();
            session.onConsumed(this, n);
            return;
        }
        if (inbound == null) {
            inbound = new ArrayDeque<>(4);
        }
        inbound.add(data);
        inboundBytes += data.readableBytes();
        session.deliverSoon(this);
    }

    /** Delivers what is queued if the child asked to read; called by the session. */
    void deliver() {
        if (readPending && !inReadLoop) {
            readLoop();
        }
    }

    void onAckReceived() throws YamuxException {
        if (!outbound) {
            throw YamuxException.protocolError("ACK on stream %d, which the peer opened", streamId);
        }
        if (ackReceived) {
            throw YamuxException.protocolError("second ACK on stream %d", streamId);
        }
        ackReceived = true;
    }

    /** The peer's FIN: after queued data is read, input shutdown is signalled. */
    void onFinReceived() {
        finReceived = true;
        session.deliverSoon(this);
    }

    /** The peer's RST, or the session's end: close at once. */
    void onReset(boolean byPeer) {
        if (!open) {
            return;
        }
        if (byPeer && isRegistered()) {
            pipeline().fireUserEventTriggered(YamuxStreamResetEvent.INSTANCE);
        }
        unsafe().close(voidPromise());
    }

    /** Whether the round-robin scheduler has something to send for this stream now. */
    boolean hasSendable() {
        if (removed || finSent) {
            return false;
        }
        Object head = outboundBuffer.current();
        if (head == null) {
            return false;
        }
        return head == FIN_MARKER || sendWindow > 0 || !((ByteBuf) head).isReadable();
    }

    /**
     * Writes at most one frame (Data up to {@code maxFrame} bytes and the send window, or the
     * FIN) to the parent, without flushing.
     */
    void writeFrame(ChannelHandlerContext ctx, int maxFrame, FrameSizer sizer) {
        ChannelOutboundBuffer in = outboundBuffer;
        Object head;
        while ((head = in.current()) instanceof ByteBuf && !((ByteBuf) head).isReadable()) {
            in.remove();
        }
        if (head == null) {
            return;
        }
        if (head == FIN_MARKER) {
            finSent = true;
            session.writeControl(YamuxFrameType.WINDOW_UPDATE, YamuxFlags.FIN, streamId, 0);
            in.remove();
            pipeline().fireUserEventTriggered(ChannelOutputShutdownEvent.INSTANCE);
            session.onFinSent(this);
            return;
        }
        long budget = Math.min(sendWindow, maxFrame);
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
        // The whole frame (header and payload slices) is written before removeBytes completes
        // promises and fires writability events: handlers reacting to those may write frames of
        // their own (a WindowUpdate, say), which must not land inside this one.
        ctx.write(YamuxFrameWriter.header(ctx.alloc(), YamuxFrameType.DATA, 0, streamId, length), ctx.voidPromise());
        int remaining = length;
        for (int i = 0; i < sizer.count; i++) {
            ByteBuf buf = sizer.buffer(i);
            int take = Math.min(buf.readableBytes(), remaining);
            ctx.write(buf.retainedSlice(buf.readerIndex(), take), ctx.voidPromise());
            remaining -= take;
        }
        sizer.clear();
        sendWindow -= length;
        unsentBytes -= length;
        in.removeBytes(length);
    }

    /** Called when the session has forgotten the stream after both FINs: close once all is read. */
    void closeIfDone() {
        if (open && finSent && finReceived && inputShutdownFired) {
            unsafe().close(voidPromise());
        }
    }

    private void readLoop() {
        if (!isRegistered() || !open) {
            return;
        }
        inReadLoop = true;
        int consumed = 0;
        try {
            while (readPending && open) {
                int reads = 0;
                ByteBuf buf;
                // One read() delivers up to MAX_READS_PER_LOOP buffers, as a socket read would.
                while (reads < MAX_READS_PER_LOOP && open && inbound != null && (buf = inbound.poll()) != null) {
                    inboundBytes -= buf.readableBytes();
                    consumed += buf.readableBytes();
                    reads++;
                    pipeline().fireChannelRead(buf);
                }
                if (reads > 0) {
                    readPending = false;
                    // With auto-read the pipeline calls read() here, which sets readPending again.
                    pipeline().fireChannelReadComplete();
                    continue;
                }
                // Nothing queued: keep readPending so the next data is delivered at once.
                if (finReceived && !inputShutdownFired) {
                    inputShutdownFired = true;
                    pipeline().fireUserEventTriggered(ChannelInputShutdownEvent.INSTANCE);
                    pipeline().fireUserEventTriggered(ChannelInputShutdownReadComplete.INSTANCE);
                    if (finSent) {
                        unsafe().close(voidPromise());
                    }
                }
                break;
            }
        } finally {
            inReadLoop = false;
            if (consumed > 0) {
                session.onConsumed(this, consumed);
            }
        }
    }

    private void clearReadPending() {
        if (!isRegistered() || eventLoop().inEventLoop()) {
            readPending = false;
        } else {
            eventLoop().execute(() -> {
                if (!config.isAutoRead()) {
                    readPending = false;
                }
            });
        }
    }

    private void releaseInbound() {
        if (inbound != null) {
            ByteBuf buf;
            while ((buf = inbound.poll()) != null) {
                ReferenceCountUtil.release(buf);
            }
            inbound = null;
        }
        inboundBytes = 0;
    }

    @Override
    public String toString() {
        return "yamux-stream[" + streamId + (outbound ? " out" : " in") + " of " + parent() + "]";
    }

    /** Sums the flushed ByteBufs that fit in one frame, stopping at a FIN marker. */
    /**
     * Sums the flushed ByteBufs that fit in one frame, stopping at a FIN marker. One per session,
     * reused for every frame (the scheduler writes one frame at a time, on the event loop).
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
                bufs = java.util.Arrays.copyOf(bufs, count * 2);
            }
            bufs[count++] = buf;
            total = Math.min(budget, total + buf.readableBytes());
            return total < budget;
        }

        ByteBuf buffer(int i) {
            return bufs[i];
        }

        /** Drops the references to this frame's buffers, which are about to be released. */
        void clear() {
            java.util.Arrays.fill(bufs, 0, count, null);
            count = 0;
        }
    }

    private final class StreamUnsafe extends AbstractUnsafe {
        @Override
        public void connect(SocketAddress remoteAddress, SocketAddress localAddress, ChannelPromise promise) {
            promise.setFailure(new IllegalStateException("yamux streams are opened with YamuxSession.openStream"));
        }
    }

    /** A channel id made of the parent's id and the stream id: cheap, and readable in logs. */
    private static final class YamuxStreamChannelId implements ChannelId {
        private static final long serialVersionUID = 1L;
        private final ChannelId parentId;
        private final int streamId;

        YamuxStreamChannelId(ChannelId parentId, int streamId) {
            this.parentId = parentId;
            this.streamId = streamId;
        }

        @Override
        public String asShortText() {
            return parentId.asShortText() + "/" + Integer.toUnsignedString(streamId);
        }

        @Override
        public String asLongText() {
            return parentId.asLongText() + "/" + Integer.toUnsignedString(streamId);
        }

        @Override
        public int compareTo(ChannelId o) {
            if (o instanceof YamuxStreamChannelId) {
                YamuxStreamChannelId other = (YamuxStreamChannelId) o;
                int c = parentId.compareTo(other.parentId);
                return c != 0 ? c : Integer.compareUnsigned(streamId, other.streamId);
            }
            return parentId.compareTo(o);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof YamuxStreamChannelId && ((YamuxStreamChannelId) o).streamId == streamId
                    && ((YamuxStreamChannelId) o).parentId.equals(parentId);
        }

        @Override
        public int hashCode() {
            return parentId.hashCode() * 31 + streamId;
        }

        @Override
        public String toString() {
            return asShortText();
        }
    }
}
