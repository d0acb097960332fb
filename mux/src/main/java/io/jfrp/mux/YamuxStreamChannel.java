package io.jfrp.mux;

import io.netty.buffer.ByteBuf;
import io.netty.channel.AbstractChannel;
import io.netty.channel.AdaptiveRecvByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelConfig;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelMetadata;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.ChannelPromise;
import io.netty.channel.EventLoop;
import io.netty.channel.RecvByteBufAllocator;
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
 *   keeps the id (not the channel) until the peer's FIN, answering any later data with RST (as TCP
 *   does), for at most {@link YamuxConfig#streamCloseTimeout()} and within
 *   {@link YamuxConfig#maxLingeringStreams()}. Otherwise close is abortive: RST, and both directions
 *   end at once. {@link #reset()} is always abortive.</li>
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
 * <p>{@link #state()} tells where the stream is ({@link YamuxStreamState}).
 *
 * <h3>Reference counting</h3>
 * Buffers written to the channel are released once their bytes have gone into frames (the frames
 * carry retained slices); buffers received are passed to the pipeline, which owns them, or released
 * when the stream closes unread.
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
    /**
     * The receive-buffer allocator every stream's config names: a stream never allocates reads (it
     * delivers the session's frames), so one stateless instance serves all instead of one per stream.
     */
    private static final RecvByteBufAllocator UNUSED_RECV_ALLOCATOR =
            new AdaptiveRecvByteBufAllocator().maxMessagesPerRead(METADATA.defaultMaxMessagesPerRead());
    /** The options every stream starts with (Netty's defaults), shared until a stream sets one. */
    private static final YamuxStreamChannelConfig.Options DEFAULT_OPTIONS =
            YamuxStreamChannelConfig.Options.defaults(UNUSED_RECV_ALLOCATOR);
    /**
     * What a write after {@link #shutdownOutput()} fails with. One shared instance without a stack
     * trace (as Netty's own stackless channel exceptions): relays meet it at every close, and filling
     * in a stack trace cost more than the rest of the write.
     */
    private static final ChannelOutputShutdownException WRITE_AFTER_SHUTDOWN = stackless(
            new ChannelOutputShutdownException("write after shutdownOutput on a yamux stream"));

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
    /** When the last WindowUpdate was sent (nanoTime; creation before the first), for the consumption rate. */
    long lastWindowUpdateNanos;

    /**
     * Bytes written to the channel and not yet put into frames. Counted here rather than read from
     * the outbound buffer, whose pending-bytes total lags behind inside write listeners.
     */
    private long unsentBytes;

    /** Received payload not yet read by the child; null while empty to keep idle streams small. */
    private ArrayDeque<ByteBuf> inbound;
    private int inboundBytes;

    /** The protocol state; terminal once the session has let go of this channel (see {@link YamuxStreamState}). */
    private YamuxStreamState state = YamuxStreamState.OPEN;
    private boolean open = true;
    private boolean ackReceived;
    /** Waiting in the session's accept backlog. */
    boolean inBacklog;
    /** In the session's queue of streams to deliver to at the end of the parent's read. */
    boolean queuedForDelivery;
    /** In the session's round-robin send queue. */
    boolean queuedForSend;
    /** {@link #shutdownOutput()} was called: the FIN marker is in the outbound buffer (or was sent). */
    private boolean finQueued;
    /** {@link #reset()} was called: the close is abortive whatever is left. */
    private boolean resetRequested;
    private boolean readPending;
    private boolean inReadLoop;
    private boolean inputShutdownFired;
    /** {@link #shutdownInput()} was called: input is dropped on arrival. */
    private boolean inputDiscarded;

    private static <T extends Throwable> T stackless(T t) {
        t.setStackTrace(new StackTraceElement[0]);
        return t;
    }

    YamuxStreamChannel(YamuxSession session, Channel parent, int streamId, boolean outbound) {
        super(parent, new YamuxStreamChannelId(parent.id(), streamId));
        this.session = session;
        this.streamId = streamId;
        this.outbound = outbound;
        this.config = new YamuxStreamChannelConfig(this, DEFAULT_OPTIONS);
        this.outboundBuffer = unsafe().outboundBuffer();
        this.lastWindowUpdateNanos = System.nanoTime();
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

    /** True once FIN has been requested by {@link #shutdownOutput()}, or the stream can send no more. */
    @Override
    public boolean isOutputShutdown() {
        return finQueued || !state.localSideOpen();
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

    /**
     * Abortive close: RST whatever is unsent or unread, and the session forgets the stream at once
     * (nothing lingers waiting for the peer's FIN). For a stream the application refuses, such as one
     * an unauthenticated peer opened and left silent: a graceful close would keep its id for up to
     * {@link YamuxConfig#streamCloseTimeout()}. Any thread; returns the close future.
     */
    public ChannelFuture reset() {
        inLoop(() -> {
            resetRequested = true;
            close();
        });
        return closeFuture();
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

    /**
     * The stream's protocol state. Event loop only: read it from another thread through
     * {@code eventLoop().submit(...)}.
     */
    public YamuxStreamState state() {
        return state;
    }

    void setState(YamuxStreamState state) {
        this.state = state;
    }

    /** The stream's current send window, for tests and metrics; event loop only, like the getters below. */
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
        if (finQueued) {
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
        session.onStreamClosed(this, resetRequested || unreadInput || unsentBytes > 0);
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
        if (finQueued || !state.localSideOpen()) {
            // Relays flush an empty buffer to a finished side before closing it: routine, so no stack trace.
            throw WRITE_AFTER_SHUTDOWN;
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
        int n = data.readableBytes();
        inbound.add(data);
        inboundBytes += n;
        session.onQueued(n);
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

    /** The peer's FIN (the state has changed already): after queued data is read, input shutdown is signalled. */
    void onFinReceived() {
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
        if (!state.localSideOpen()) {
            return false;
        }
        Object head = outboundBuffer.current();
        if (head == null) {
            return false;
        }
        return head == FIN_MARKER || sendWindow > 0 || !((ByteBuf) head).isReadable();
    }

    /** Whether bytes written to this stream are still waiting to be put into frames. */
    boolean hasUnsentBytes() {
        return unsentBytes > 0;
    }

    /** The send scheduler's access to what the child has written. */
    ChannelOutboundBuffer outboundBuffer() {
        return outboundBuffer;
    }

    /** The scheduler put {@code length} bytes of the outbound buffer into a Data frame. */
    void onDataFramed(int length) {
        sendWindow -= length;
        unsentBytes -= length;
        outboundBuffer.removeBytes(length);
    }

    /** The scheduler reached the FIN marker: FIN goes out, the state moves, the child is told. */
    void onFinFramed() {
        session.writeControl(YamuxFrameType.WINDOW_UPDATE, YamuxFlags.FIN, streamId, 0);
        // The state moves before the marker's promise completes: a listener of shutdownOutput() that
        // closes the channel must find the FIN already sent.
        session.onFinSent(this);
        outboundBuffer.remove();
        pipeline().fireUserEventTriggered(ChannelOutputShutdownEvent.INSTANCE);
        closeIfDone();
    }

    /** Closes the channel once both directions have ended and the child has read the peer's FIN. */
    private void closeIfDone() {
        if (open && state == YamuxStreamState.CLOSED && finQueued && inputShutdownFired) {
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
                    int n = buf.readableBytes();
                    inboundBytes -= n;
                    consumed += n;
                    session.onQueued(-n);
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
                if ((state == YamuxStreamState.HALF_CLOSED_REMOTE || state == YamuxStreamState.CLOSED) && !inputShutdownFired) {
                    inputShutdownFired = true;
                    pipeline().fireUserEventTriggered(ChannelInputShutdownEvent.INSTANCE);
                    pipeline().fireUserEventTriggered(ChannelInputShutdownReadComplete.INSTANCE);
                    if (!state.localSideOpen()) {
                        unsafe().close(voidPromise());
                    }
                }
                break;
            }
        } finally {
            inReadLoop = false;
            if (inbound != null && inbound.isEmpty()) {
                inbound = null; // an idle stream keeps no queue (a deque and its array, 64 bytes)
            }
            if (consumed > 0) {
                session.onConsumed(this, consumed);
            }
        }
    }

    /**
     * autoRead was turned off ({@link YamuxStreamChannelConfig}): as a socket channel does, a read
     * already requested is cancelled too, so nothing more is delivered until the next read().
     */
    void autoReadCleared() {
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
        if (inboundBytes > 0) {
            session.onQueued(-inboundBytes);
        }
        inboundBytes = 0;
    }

    @Override
    public String toString() {
        return "yamux-stream[" + streamId + (outbound ? " out" : " in") + " of " + parent() + "]";
    }

    private final class StreamUnsafe extends AbstractUnsafe {
        @Override
        public void connect(SocketAddress remoteAddress, SocketAddress localAddress, ChannelPromise promise) {
            promise.setFailure(new IllegalStateException("yamux streams are opened with YamuxSession.openStream"));
        }
    }
}
