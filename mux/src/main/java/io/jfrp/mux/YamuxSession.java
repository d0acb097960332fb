package io.jfrp.mux;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.util.collection.IntObjectMap;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;

/**
 * A yamux session over one Netty channel (TCP, TLS, or any byte stream): add it as the last
 * handler of that channel's pipeline. Each stream is a {@link YamuxStreamChannel}, a child channel
 * on the same event loop.
 *
 * <h3>Parts</h3>
 * This class is the session's face and lifecycle; each job is a part of its own, all on the event
 * loop: {@link YamuxFrameReader} decodes, {@link FloodGuardedListener} applies the flood limits,
 * {@link FrameDispatcher} acts on each frame, {@link StreamTable} holds the streams and admits or
 * refuses new ones, {@link SendScheduler} writes Data frames round-robin, {@link ReceiveFlowController}
 * returns receive credit, {@link Keepalive} pings, {@link FrameOutput} writes and flushes frames, and
 * {@link SessionMetrics} publishes {@link SessionStats}. The parts the others share are made together
 * and handed around as one {@link SessionParts}.
 *
 * <h3>Lifecycle</h3>
 * {@link #openStream} opens a stream (SYN) with the given handler in its pipeline. Streams the peer
 * opens are accepted at once into {@code inboundStreamHandler} when one was given; otherwise they
 * wait in a backlog ({@link YamuxConfig#acceptBacklog()}) for {@link #acceptStream}. A SYN is refused
 * with RST after we sent GoAway, beyond {@link YamuxConfig#maxConcurrentStreams()}, beyond the inbound
 * limit ({@link #setMaxInboundStreams}), or when the backlog is full. {@link #goAway()} stops new
 * streams; {@link #close()} ends the session in order; the connection's end closes every stream.
 *
 * <h3>Flow control</h3>
 * Sending: a stream's writes leave as Data frames of at most {@link YamuxConfig#maxFrameSize()}
 * within its send window, streams served in turn while the connection is writable. Receiving: Data is
 * charged against the stream's window when its header arrives (more than granted is a protocol
 * error) and queued in the stream until its child reads it; credit goes back as the child reads, and
 * windows may grow toward the bandwidth-delay product within a session budget.
 *
 * <h3>Bounds against a hostile peer</h3>
 * What a peer can make a session hold is bounded by settings (see {@link YamuxConfig}): open inbound
 * streams and their windows, the backlog, closed streams remembered until the peer's FIN (ids only,
 * capped), answers queued for a peer that does not read; and rates of SYN, RST and Ping. A frame for
 * no live stream is skipped as it arrives. What was refused is counted in {@link #stats()}.
 *
 * <h3>Error handling</h3>
 * Every protocol error ends the session in one place ({@link #onConnectionError}): GoAway with the
 * error's code, then the connection closes and every stream with it. The cause is
 * {@link #terminationCause()}.
 *
 * <h3>Threading</h3>
 * State is confined to the channel's event loop; public methods may be called from any thread. What
 * other threads read comes from volatile fields written once ({@link #isClosed()},
 * {@link #terminationCause()}, {@link #isGoAwayReceived()}) or from the published {@link #stats()}.
 */
public final class YamuxSession extends FlushingCloseDecoder {
    private static final Logger log = LoggerFactory.getLogger(YamuxSession.class);

    private final YamuxRole role;
    private final YamuxConfig config;
    private final ChannelHandler inboundStreamHandler;
    private final YamuxFrameReader reader;
    /** Streams given data during the current parent read, delivered together at its end. */
    private final ArrayDeque<YamuxStreamChannel> deliveryQueue = new ArrayDeque<>();

    private volatile ChannelHandlerContext ctx;
    /** What the stream table, the dispatcher and this share; set when the session is added to a pipeline. */
    private SessionParts parts;
    private StreamTable table;
    private YamuxFrameListener listener;
    /**
     * The live streams by id: the stream table's map, under the name tests outside this module read
     * by reflection (e2e's Internals). Event loop only.
     */
    @SuppressWarnings({"unused", "FieldCanBeLocal"})
    private IntObjectMap<YamuxStreamChannel> streams;

    /** Told of streams and stalls; set before the session starts (see {@link #listener}). */
    private volatile YamuxSessionListener events = YamuxSessionListener.NONE;
    /** The inbound limit: any thread writes it, the event loop reads it at each SYN. */
    private volatile int maxInboundStreams;
    private boolean started;
    private boolean goAwaySent;
    /** A GoAway with an error was sent, or the connection is closing: input is ignored. */
    private boolean closing;
    private volatile boolean goAwayReceived;
    private volatile boolean closed;
    private volatile Throwable terminationCause;

    /**
     * @param role                  client if this side dialled the connection, server otherwise
     * @param config                settings
     * @param inboundStreamHandler  handler added to every stream the peer opens, which is then
     *                              accepted at once; {@code null} to accept with {@link #acceptStream}
     */
    public YamuxSession(YamuxRole role, YamuxConfig config, ChannelHandler inboundStreamHandler) {
        this.role = role;
        this.config = config;
        this.inboundStreamHandler = inboundStreamHandler;
        this.reader = YamuxFrameReader.inPieces(config.maxStreamWindow());
        this.maxInboundStreams = config.maxInboundStreams();
    }

    /**
     * Reports this session's stream and flow-control events to {@code listener}; set it before the
     * session is added to a pipeline to see every stream. Returns this session.
     */
    public YamuxSession listener(YamuxSessionListener listener) {
        this.events = listener == null ? YamuxSessionListener.NONE : listener;
        return this;
    }

    /** The listener of {@link #listener(YamuxSessionListener)}. */
    YamuxSessionListener events() {
        return events;
    }

    /** The handler added to every stream the peer opens, or null when streams wait for {@link #acceptStream}. */
    ChannelHandler inboundStreamHandler() {
        return inboundStreamHandler;
    }

    /** The session installed in {@code channel}'s pipeline, or {@code null}. */
    public static YamuxSession of(Channel channel) {
        return channel.pipeline().get(YamuxSession.class);
    }

    public YamuxRole role() {
        return role;
    }

    public YamuxConfig config() {
        return config;
    }

    /** The connection this session runs on. */
    public Channel channel() {
        return ctx.channel();
    }

    /**
     * What the session holds and has refused: current on the event loop, otherwise the snapshot the
     * loop published last (see {@link SessionStats}).
     */
    public SessionStats stats() {
        ChannelHandlerContext c = ctx;
        SessionParts p = parts;
        if (c == null || p == null) {
            return SessionStats.EMPTY;
        }
        return c.executor().inEventLoop() ? snapshot() : p.metrics().published();
    }

    /** Streams the session tracks (open, half-closed, in the backlog, or lingering); see {@link #stats()}. */
    public int streamCount() {
        return stats().trackedStreams();
    }

    /** Bytes of the session window budget in use; see {@link #stats()}. */
    public long windowBudgetUsed() {
        return stats().windowBudgetUsed();
    }

    /** The smallest recent RTT (what window tuning uses), or {@link Duration#ZERO} before any answer. */
    public Duration minRtt() {
        return stats().minRtt();
    }

    /** The smoothed RTT from ping answers, or {@link Duration#ZERO} before the first answer. */
    public Duration smoothedRtt() {
        return stats().smoothedRtt();
    }

    /** True once the peer sent a normal GoAway: no new streams may be opened. */
    public boolean isGoAwayReceived() {
        return goAwayReceived;
    }

    /** Why the session ended: a {@link YamuxException}, an I/O error, or null for a normal close. */
    public Throwable terminationCause() {
        return terminationCause;
    }

    /** True once the connection has closed. */
    public boolean isClosed() {
        return closed;
    }

    /**
     * Sets how many streams the peer may have open at once in this session (from its SYN until the
     * child channel closes); a SYN beyond it gets RST and is counted in
     * {@link SessionStats#refusedInboundLimit()}. Any thread, any time: lowering it closes nothing
     * already open. A server keeps it small until the peer has authenticated, then raises it. May
     * be called before the session is added to a channel.
     */
    public void setMaxInboundStreams(int max) {
        if (max < 0) {
            throw new IllegalArgumentException("maxInboundStreams must be >= 0, got " + max);
        }
        maxInboundStreams = max;
        if (ctx != null) {
            inLoop(parts.metrics()::changed);
        }
    }

    /** The inbound limit now in force (starts at {@link YamuxConfig#maxInboundStreams()}); any thread. */
    public int maxInboundStreams() {
        return maxInboundStreams;
    }

    /**
     * Opens a stream with {@code handler} in its pipeline. The future completes when the SYN has
     * been written and the child registered; the opener may write at once.
     */
    public Future<YamuxStreamChannel> openStream(ChannelHandler handler) {
        Promise<YamuxStreamChannel> promise = ctx.executor().newPromise();
        inLoop(() -> openStream0(handler, promise));
        return promise;
    }

    private void openStream0(ChannelHandler handler, Promise<YamuxStreamChannel> promise) {
        if (closed || closing) {
            promise.tryFailure(closedException());
            return;
        }
        if (goAwayReceived) {
            promise.tryFailure(YamuxException.sessionClosed(YamuxErrorCode.NORMAL,
                    "cannot open a stream: the peer sent GoAway"));
            return;
        }
        String refusal = table.cannotOpen();
        if (refusal != null) {
            promise.tryFailure(YamuxException.internalError("%s", refusal));
            return;
        }
        YamuxStreamChannel stream = table.openOutbound();
        parts.output().writeControl(YamuxFrameType.WINDOW_UPDATE, YamuxFlags.SYN, stream.streamId(), 0);
        table.register(stream, handler);
        parts.output().flushIfNeeded();
        promise.trySuccess(stream);
    }

    /**
     * Accepts the next stream the peer opens (only when the session has no inbound handler),
     * adding {@code handler} to its pipeline; the ACK is sent then.
     */
    public Future<YamuxStreamChannel> acceptStream(ChannelHandler handler) {
        Promise<YamuxStreamChannel> promise = ctx.executor().newPromise();
        inLoop(() -> {
            if (closed) {
                promise.tryFailure(closedException());
            } else {
                table.accept(handler, promise);
            }
        });
        return promise;
    }

    /** Sends a ping and completes with the round-trip time; fails after the keepalive timeout. */
    public Future<Duration> ping() {
        Promise<Duration> promise = ctx.executor().newPromise();
        inLoop(() -> parts.keepalive().ping(promise));
        return promise;
    }

    /** Sends GoAway(normal): the peer opens no new streams; existing streams carry on. */
    public ChannelFuture goAway() {
        inLoop(() -> {
            if (!goAwaySent && !closed) {
                goAwaySent = true;
                parts.output().writeControl(YamuxFrameType.GO_AWAY, 0, 0, YamuxErrorCode.NORMAL.code());
                parts.output().flushIfNeeded();
            }
        });
        return ctx.channel().newSucceededFuture();
    }

    /** Orderly close: GoAway(normal), then the connection closes once the GoAway is written. */
    public ChannelFuture close() {
        inLoop(() -> {
            if (closed || closing) {
                return;
            }
            beginClosing();
            if (!goAwaySent) {
                goAwaySent = true;
                ctx.writeAndFlush(goAwayFrame(YamuxErrorCode.NORMAL)).addListener(ChannelFutureListener.CLOSE);
            } else {
                ctx.close();
            }
        });
        return ctx.channel().closeFuture();
    }

    // ---------------------------------------------------------------- channel events

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        int high = config.connectionWriteBuffer();
        ctx.channel().config().setWriteBufferWaterMark(new WriteBufferWaterMark(high / 2, high));
        parts = SessionParts.wire(this, ctx, this::snapshot);
        table = new StreamTable(parts);
        streams = table.liveMap();
        listener = new FloodGuardedListener(new FrameDispatcher(parts, table),
                config, parts.metrics(), ctx.executor().ticker());
        this.ctx = ctx;
        parts.metrics().changed();
        if (ctx.channel().isActive()) {
            start();
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        start();
        super.channelActive(ctx);
    }

    private void start() {
        if (!started) {
            started = true;
            parts.keepalive().start(parts.flow().autoTuning());
            parts.output().flushIfNeeded();
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        parts.output().beginReadBatch();
        super.channelRead(ctx, msg);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) throws Exception {
        parts.output().endReadBatch();
        YamuxStreamChannel stream;
        while ((stream = deliveryQueue.poll()) != null) {
            stream.queuedForDelivery = false;
            stream.deliver();
        }
        parts.output().flushIfNeeded();
        super.channelReadComplete(ctx);
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (closing || closed) {
            in.skipBytes(in.readableBytes());
            return;
        }
        try {
            reader.readFrames(in, listener);
        } catch (YamuxException e) {
            in.skipBytes(in.readableBytes());
            onConnectionError(e);
        } catch (RuntimeException e) {
            in.skipBytes(in.readableBytes());
            onConnectionError(new YamuxException(YamuxErrorCode.INTERNAL_ERROR,
                    "internal error while handling a frame: " + e, e));
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) throws Exception {
        boolean writable = ctx.channel().isWritable();
        parts.output().onWritabilityChanged(writable);
        if (writable) {
            parts.scheduler().writeStreams();
        }
        super.channelWritabilityChanged(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (terminationCause == null) {
            terminationCause = cause;
        }
        log.debug("yamux session {} failed, closing", ctx.channel(), cause);
        ctx.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        try {
            super.channelInactive(ctx);
        } finally {
            terminate();
        }
    }

    @Override
    protected void handlerRemoved0(ChannelHandlerContext ctx) {
        terminate();
    }

    /** Ends everything: every stream closes, pending pings and accepts fail. Idempotent. */
    private void terminate() {
        if (closed) {
            return;
        }
        closed = true;
        beginClosing();
        parts.output().stop();
        Throwable cause = closedException();
        parts.keepalive().stop(cause);
        table.closeAll(cause);
        deliveryQueue.clear();
        parts.metrics().publish();
    }

    /** From now on input is ignored and no stream data is written. */
    private void beginClosing() {
        closing = true;
        parts.scheduler().stop();
    }

    /**
     * Flushes what the session wrote and has not flushed yet (its flush waits for the loop's turn to
     * end): the connection is closing ({@link FlushingCloseDecoder}).
     */
    @Override
    protected void flushBeforeClose() {
        parts.output().flushBeforeClose();
    }

    // ---------------------------------------------------------------- for the session's parts

    /** True once the session is ending: no new streams, input ignored. */
    boolean isClosing() {
        return closing;
    }

    /** True once we sent GoAway or are closing: inbound SYNs are refused. */
    boolean isGoingAway() {
        return goAwaySent || closing;
    }

    void onGoAwayReceived(YamuxErrorCode code) {
        if (code == YamuxErrorCode.NORMAL) {
            goAwayReceived = true;
            parts.metrics().changed();
            log.debug("yamux session {}: peer sent GoAway(normal)", ctx.channel());
            return;
        }
        terminationCause = YamuxException.sessionClosed(code, "peer ended the session with GoAway(%s)", code);
        beginClosing();
        ctx.close();
    }

    void onKeepaliveTimeout(YamuxException e) {
        log.info("yamux session {}: keepalive timeout, closing", ctx.channel());
        if (terminationCause == null) {
            terminationCause = e;
        }
        beginClosing();
        ctx.close();
    }

    /**
     * The one place a session ends on an error: GoAway with the error's code, the connection closed
     * once it is written, every stream closed with it.
     */
    void onConnectionError(YamuxException e) {
        if (closing) {
            return;
        }
        // Anybody can send bad frames to bindPort: the lines are bounded.
        LogBudget.PROTOCOL_ERRORS.warn(log, "yamux session {}: {} ({}), closing", ctx.channel(), e.getMessage(),
                e.code());
        terminationCause = e;
        beginClosing();
        ChannelFuture written = ctx.writeAndFlush(goAwayFrame(e.code()));
        goAwaySent = true;
        written.addListener(ChannelFutureListener.CLOSE);
    }

    private ByteBuf goAwayFrame(YamuxErrorCode code) {
        return YamuxFrameWriter.header(ctx.alloc(), YamuxFrameType.GO_AWAY, 0, 0, code.code());
    }

    // ---------------------------------------------------------------- for the streams

    /** Writes a header-only frame for a stream (its FIN); flushed with the next flush. */
    void writeControl(YamuxFrameType type, int flags, int streamId, long length) {
        parts.output().writeControl(type, flags, streamId, length);
    }

    /**
     * A stream has new data (or its FIN). Inside a parent read, delivery waits for the read's end,
     * so every frame of one socket read reaches the child as one batch with one read-complete
     * (and the child's consumer flushes once, not once per frame); otherwise it happens now.
     */
    void deliverSoon(YamuxStreamChannel stream) {
        if (!parts.output().inReadBatch()) {
            stream.deliver();
        } else if (!stream.queuedForDelivery) {
            stream.queuedForDelivery = true;
            deliveryQueue.add(stream);
        }
    }

    /** A child flushed: the scheduler sends what it can. */
    void onStreamFlushed(YamuxStreamChannel stream) {
        if (!closing) {
            parts.scheduler().streamReady(stream);
        }
    }

    /** The child's FIN went out. */
    void onFinSent(YamuxStreamChannel stream) {
        table.onFinSent(stream);
    }

    /** {@code bytes} were queued in a stream unread (negative: they left the queue). */
    void onQueued(long bytes) {
        parts.flow().queued(bytes);
    }

    /** The child read (or discarded) {@code bytes}: return credit, perhaps growing the window. */
    void onConsumed(YamuxStreamChannel stream, int bytes) {
        if (!closing) {
            parts.flow().onConsumed(stream, bytes);
        }
    }

    /** The child closed; {@code dataLost} when unsent or unread bytes were dropped (then RST). */
    void onStreamClosed(YamuxStreamChannel stream, boolean dataLost) {
        table.onChildClosed(stream, dataLost);
    }

    // ---------------------------------------------------------------- helpers

    private SessionStats snapshot() {
        StreamTable.Counts streams = table.counts();
        SessionMetrics m = parts.metrics();
        ReceiveFlowController flow = parts.flow();
        Keepalive keepalive = parts.keepalive();
        return new SessionStats(streams.live(), streams.inboundOpen(), maxInboundStreams,
                streams.lingering(), streams.backlog(), m.unreadBytes, flow.budgetUsed(),
                Duration.ofNanos(keepalive.smoothedRttNanos()), Duration.ofNanos(keepalive.minRttNanos()),
                goAwayReceived, closed, m.refusedInboundLimit, m.refusedConcurrencyLimit, m.refusedBacklogFull,
                m.refusedWindowBudget, m.refusedGoingAway, m.lingeringEvicted, m.lingeringTimedOut,
                m.synFloods, m.resetFloods, m.pingFloods, m.controlFrameFloods);
    }

    private void inLoop(Runnable task) {
        if (ctx.executor().inEventLoop()) {
            task.run();
        } else {
            ctx.executor().execute(task);
        }
    }

    /** The failure given to pending operations once the session has ended. */
    Exception closedException() {
        Throwable cause = terminationCause;
        if (cause instanceof Exception) {
            return new YamuxException(YamuxErrorCode.NORMAL, "yamux session closed: " + cause.getMessage(), cause);
        }
        return new ClosedChannelException();
    }
}
