package io.jfrp.mux;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.util.collection.IntObjectHashMap;
import io.netty.util.collection.IntObjectMap;
import io.netty.util.collection.LongObjectHashMap;
import io.netty.util.collection.LongObjectMap;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import io.netty.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A yamux session over one Netty channel (TCP, TLS, or any byte stream): add it as the last
 * handler of that channel's pipeline. Each stream is a {@link YamuxStreamChannel}, a child channel
 * on the same event loop.
 *
 * <h3>Streams</h3>
 * {@link #openStream} opens a stream (SYN) with the given handler in its pipeline. Streams the peer
 * opens are accepted at once into {@code inboundStreamHandler} when one was given; otherwise they
 * wait in a backlog ({@link YamuxConfig#acceptBacklog()}) for {@link #acceptStream}, and a SYN
 * beyond the backlog, past {@link YamuxConfig#maxConcurrentStreams()}, or after we sent GoAway gets
 * RST.
 *
 * <h3>Sending</h3>
 * Streams with flushed data and send window wait in one round-robin queue; each turn writes one
 * Data frame of at most {@link YamuxConfig#maxFrameSize()} bytes, and the queue is served only
 * while the parent channel is writable. A bulk stream therefore delays another by at most one frame
 * per turn, and nothing is buffered beyond the parent's water mark plus one frame.
 *
 * <h3>Receiving</h3>
 * Data is charged against the stream's window (more than granted is a protocol error) and queued
 * in the stream until its child reads it; credit goes back as the child reads, through
 * {@link ReceiveWindowTuner}, which may grow the window toward the bandwidth-delay product.
 *
 * <h3>Liveness</h3>
 * A keepalive ping every {@link YamuxConfig#keepaliveInterval()}; no answer within
 * {@link YamuxConfig#keepaliveTimeout()} closes the session. {@link #ping()} measures the RTT.
 *
 * <h3>Errors</h3>
 * Every protocol error ends the session in one place ({@link #onConnectionError}): GoAway with the
 * error's code, then the connection closes and every stream with it. A frame for an unknown or
 * closed stream is dropped. The session's cause of death is {@link #terminationCause()}.
 *
 * <h3>Threading</h3>
 * State is confined to the channel's event loop; public methods may be called from any thread.
 */
public final class YamuxSession extends ByteToMessageDecoder implements YamuxFrameListener {
    private static final Logger log = LoggerFactory.getLogger(YamuxSession.class);
    private static final long RTT_SAMPLE_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(500);
    private static final long MIN_RTT_WINDOW_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final YamuxRole role;
    private final YamuxConfig config;
    private final ChannelHandler inboundStreamHandler;
    private final YamuxFrameReader reader;
    private final ReceiveWindowTuner tuner;
    private final IntObjectMap<YamuxStreamChannel> streams = new IntObjectHashMap<>();
    /**
     * Streams the session has forgotten (both FINs exchanged) whose child is still open because it
     * has not yet read up to the peer's FIN (autoRead off, say). They close when the child reads
     * it, or at the latest when the session ends.
     */
    private final java.util.Set<YamuxStreamChannel> draining = new java.util.HashSet<>();
    private final ArrayDeque<YamuxStreamChannel> sendQueue = new ArrayDeque<>();
    private final YamuxStreamChannel.FrameSizer frameSizer = new YamuxStreamChannel.FrameSizer();
    private final ArrayDeque<YamuxStreamChannel> backlog = new ArrayDeque<>();
    /** Streams given data during the current parent read, delivered together at its end. */
    private final ArrayDeque<YamuxStreamChannel> deliveryQueue = new ArrayDeque<>();
    private final ArrayDeque<PendingAccept> acceptors = new ArrayDeque<>();
    private final LongObjectMap<PendingPing> pings = new LongObjectHashMap<>();

    private ChannelHandlerContext ctx;
    private long nextStreamId;
    private long nextPingId;
    private FloodGuard pingGuard;
    private FloodGuard resetGuard;
    private FloodGuard synGuard;
    private ScheduledFuture<?> keepaliveTask;
    private boolean keepalivePingPending;
    private boolean started;
    /** Smoothed RTT from ping answers, 0 until the first answer. */
    private long smoothedRttNanos;
    /**
     * The smallest RTT seen recently (samples expire after {@link #MIN_RTT_WINDOW_NANOS}): the path's
     * delay without the queueing that bulk data adds to pings. Window tuning uses it, so a stream's
     * own backlog does not inflate the bandwidth-delay estimate that sizes its window.
     */
    private long minRttNanos;
    private long minRttSampledNanos;
    private long lastRttSampleNanos;
    private boolean rttPingInFlight;

    private boolean parentReadInProgress;
    private boolean flushNeeded;
    private boolean writingStreams;
    private boolean goAwaySent;
    private boolean goAwayReceived;
    /** A GoAway with an error was sent or the connection is closing: input is ignored. */
    private boolean closing;
    private boolean closed;
    private Throwable terminationCause;

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
        this.reader = new YamuxFrameReader(config.maxStreamWindow());
        this.tuner = new ReceiveWindowTuner(config);
        this.nextStreamId = role.firstStreamId();
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

    /** Streams the session tracks now (open, half-closed or waiting in the backlog). */
    public int streamCount() {
        return streams.size();
    }

    /** Bytes of the session window budget in use by grown windows. */
    public long windowBudgetUsed() {
        return tuner.budgetUsed();
    }

    /** The smallest recent RTT (what window tuning uses), or {@link Duration#ZERO} before any answer. */
    public Duration minRtt() {
        return Duration.ofNanos(minRttNanos);
    }

    /** The smoothed RTT from ping answers, or {@link Duration#ZERO} before the first answer. */
    public Duration smoothedRtt() {
        return Duration.ofNanos(smoothedRttNanos);
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
     * Opens a stream with {@code handler} in its pipeline. The future completes when the SYN has
     * been written and the child registered; the opener may write at once.
     */
    public Future<YamuxStreamChannel> openStream(ChannelHandler handler) {
        Promise<YamuxStreamChannel> promise = ctx.executor().newPromise();
        inLoop(() -> openStream0(handler, promise));
        return promise;
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
                return;
            }
            YamuxStreamChannel stream = backlog.poll();
            if (stream != null) {
                activateInbound(stream, handler);
                flushIfNeeded();
                promise.trySuccess(stream);
            } else {
                acceptors.add(new PendingAccept(handler, promise));
            }
        });
        return promise;
    }

    /** Sends a ping and completes with the round-trip time; fails after the keepalive timeout. */
    public Future<Duration> ping() {
        Promise<Duration> promise = ctx.executor().newPromise();
        inLoop(() -> {
            sendPing(promise, false);
            flushIfNeeded();
        });
        return promise;
    }

    /** Sends GoAway(normal): the peer opens no new streams; existing streams carry on. */
    public ChannelFuture goAway() {
        inLoop(() -> {
            sendGoAway(YamuxErrorCode.NORMAL);
            flushIfNeeded();
        });
        return ctx.channel().newSucceededFuture();
    }

    /** Orderly close: GoAway(normal), then the connection closes once the GoAway is written. */
    public ChannelFuture close() {
        inLoop(() -> {
            if (closed || closing) {
                return;
            }
            closing = true;
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
        this.ctx = ctx;
        int high = config.connectionWriteBuffer();
        ctx.channel().config().setWriteBufferWaterMark(new WriteBufferWaterMark(high / 2, high));
        long now = System.nanoTime();
        pingGuard = new FloodGuard("Ping", config.maxPingsPerSecond(), now);
        resetGuard = new FloodGuard("RST", config.maxResetsPerSecond(), now);
        synGuard = new FloodGuard("SYN", config.maxSynsPerSecond(), now);
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
        if (started) {
            return;
        }
        started = true;
        long interval = config.keepaliveInterval().toNanos();
        if (interval > 0) {
            keepaliveTask = ctx.executor().scheduleAtFixedRate(this::keepalive, interval, interval,
                    TimeUnit.NANOSECONDS);
        }
        if (tuner.enabled()) {
            requestRttSample();
            flushIfNeeded();
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        parentReadInProgress = true;
        super.channelRead(ctx, msg);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) throws Exception {
        parentReadInProgress = false;
        YamuxStreamChannel stream;
        while ((stream = deliveryQueue.poll()) != null) {
            stream.queuedForDelivery = false;
            stream.deliver();
        }
        flushIfNeeded();
        super.channelReadComplete(ctx);
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (closing || closed) {
            in.skipBytes(in.readableBytes());
            return;
        }
        try {
            reader.readFrames(in, this);
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
        if (ctx.channel().isWritable()) {
            writeStreams();
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
        closing = true;
        if (keepaliveTask != null) {
            keepaliveTask.cancel(false);
        }
        Throwable cause = closedException();
        for (YamuxStreamChannel stream : new ArrayList<>(streams.values())) {
            removeStream(stream);
            stream.onReset(false);
        }
        for (YamuxStreamChannel stream : new ArrayList<>(draining)) {
            stream.onReset(false);
        }
        draining.clear();
        sendQueue.clear();
        deliveryQueue.clear();
        backlog.clear();
        PendingAccept accept;
        while ((accept = acceptors.poll()) != null) {
            accept.promise.tryFailure(cause);
        }
        for (PendingPing ping : new ArrayList<>(pings.values())) {
            ping.cancel();
            if (ping.promise != null) {
                ping.promise.tryFailure(cause);
            }
        }
        pings.clear();
    }

    // ---------------------------------------------------------------- frames in

    @Override
    public void onData(int streamId, int flags, ByteBuf data) throws YamuxException {
        boolean owned = true;
        try {
            YamuxStreamChannel stream = streamForFrame(streamId, flags);
            if (stream == null) {
                return;
            }
            int length = data.readableBytes();
            if (length > 0) {
                if (stream.finReceived) {
                    throw YamuxException.protocolError("Data (%d bytes) on stream %d after its FIN", length, streamId);
                }
                if (length > stream.recvCredit) {
                    throw YamuxException.protocolError(
                            "Data of %d bytes on stream %d exceeds the window: %d bytes granted",
                            length, streamId, stream.recvCredit);
                }
                stream.recvCredit -= length;
                if (stream.orphaned) {
                    // The child closed and cannot read this: tell the peer, as TCP would.
                    resetStream(stream);
                    return;
                }
                owned = false;
                stream.onData(data);
            }
            applyEndFlags(stream, flags);
        } finally {
            if (owned) {
                data.release();
            }
        }
    }

    @Override
    public void onWindowUpdate(int streamId, int flags, long delta) throws YamuxException {
        YamuxStreamChannel stream = streamForFrame(streamId, flags);
        if (stream == null) {
            return;
        }
        if (delta > 0) {
            long window = stream.sendWindow + delta;
            if (window > 0xFFFF_FFFFL) {
                throw YamuxException.protocolError("WindowUpdate of %d on stream %d overflows the send window %d",
                        delta, streamId, stream.sendWindow);
            }
            boolean wasBlocked = stream.sendWindow <= 0;
            stream.sendWindow = window;
            if (wasBlocked && stream.hasSendable()) {
                enqueue(stream);
                writeStreams();
            }
        }
        applyEndFlags(stream, flags);
    }

    @Override
    public void onPing(int flags, long opaque) throws YamuxException {
        if (flags == YamuxFlags.SYN) {
            pingGuard.acquire(System.nanoTime());
            writeControl(YamuxFrameType.PING, YamuxFlags.ACK, 0, opaque);
            flushIfNeeded();
            return;
        }
        PendingPing ping = pings.remove(opaque);
        if (ping == null) {
            return; // an answer to a ping that timed out, or not ours: nothing to do
        }
        ping.cancel();
        long now = System.nanoTime();
        long rtt = now - ping.sentNanos;
        smoothedRttNanos = smoothedRttNanos == 0 ? rtt : (7 * smoothedRttNanos + rtt) / 8;
        if (minRttNanos == 0 || rtt <= minRttNanos || now - minRttSampledNanos > MIN_RTT_WINDOW_NANOS) {
            minRttNanos = rtt;
            minRttSampledNanos = now;
        }
        lastRttSampleNanos = now;
        if (ping.rttSample) {
            rttPingInFlight = false;
        }
        if (ping.keepalive) {
            keepalivePingPending = false;
        }
        if (ping.promise != null) {
            ping.promise.trySuccess(Duration.ofNanos(rtt));
        }
    }

    @Override
    public void onGoAway(YamuxErrorCode code) {
        if (code == YamuxErrorCode.NORMAL) {
            goAwayReceived = true;
            log.debug("yamux session {}: peer sent GoAway(normal)", ctx.channel());
            return;
        }
        terminationCause = YamuxException.sessionClosed(code, "peer ended the session with GoAway(%s)", code);
        closing = true;
        ctx.close();
    }

    /**
     * Handles SYN and ACK of a Data or WindowUpdate frame and returns the stream it is for, or null
     * when the frame is for an unknown or refused stream (and is to be dropped).
     */
    private YamuxStreamChannel streamForFrame(int streamId, int flags) throws YamuxException {
        YamuxStreamChannel stream = streams.get(streamId);
        if (YamuxFlags.has(flags, YamuxFlags.SYN)) {
            if (stream != null) {
                throw YamuxException.protocolError("SYN for stream %d, which is already open", streamId);
            }
            if (role.opens(streamId)) {
                throw YamuxException.protocolError("SYN for stream %d: the peer must open %s ids", streamId,
                        role == YamuxRole.CLIENT ? "even" : "odd");
            }
            if (YamuxFlags.has(flags, YamuxFlags.ACK)) {
                throw YamuxException.protocolError("SYN and ACK together on stream %d", streamId);
            }
            synGuard.acquire(System.nanoTime());
            return onInboundSyn(streamId, flags);
        }
        if (YamuxFlags.has(flags, YamuxFlags.RST)) {
            resetGuard.acquire(System.nanoTime());
        }
        if (stream == null) {
            return null;
        }
        if (YamuxFlags.has(flags, YamuxFlags.ACK)) {
            stream.onAckReceived();
        }
        return stream;
    }

    /** FIN then RST of a frame, after its payload. */
    private void applyEndFlags(YamuxStreamChannel stream, int flags) throws YamuxException {
        if (YamuxFlags.has(flags, YamuxFlags.FIN)) {
            if (stream.finReceived) {
                throw YamuxException.protocolError("second FIN on stream %d", stream.streamId());
            }
            stream.finReceived = true;
            if (stream.finSent || stream.orphaned) {
                removeStream(stream);
            }
            stream.onFinReceived();
        }
        if (YamuxFlags.has(flags, YamuxFlags.RST) && !stream.removed) {
            removeStream(stream);
            stream.onReset(true);
        }
    }

    private YamuxStreamChannel onInboundSyn(int streamId, int flags) {
        if (goAwaySent || closing) {
            refuse(streamId, "we sent GoAway");
            return null;
        }
        if (streams.size() >= config.maxConcurrentStreams()) {
            refuse(streamId, "max-concurrent-streams " + config.maxConcurrentStreams() + " reached");
            return null;
        }
        if (inboundStreamHandler == null && acceptors.isEmpty() && backlog.size() >= config.acceptBacklog()) {
            refuse(streamId, "accept backlog of " + config.acceptBacklog() + " is full");
            return null;
        }
        YamuxStreamChannel stream = new YamuxStreamChannel(this, ctx.channel(), streamId, false);
        stream.lastWindowUpdateNanos = System.nanoTime();
        streams.put(streamId, stream);
        if (inboundStreamHandler != null) {
            activateInbound(stream, inboundStreamHandler);
        } else if (!acceptors.isEmpty()) {
            PendingAccept accept = acceptors.poll();
            activateInbound(stream, accept.handler);
            accept.promise.trySuccess(stream);
        } else {
            backlog.add(stream);
        }
        return stream;
    }

    private void refuse(int streamId, String why) {
        log.debug("yamux session {}: refusing stream {}: {}", ctx.channel(), streamId, why);
        writeControl(YamuxFrameType.WINDOW_UPDATE, YamuxFlags.RST, streamId, 0);
        flushIfNeeded();
    }

    /** Accepts an inbound stream: ACK, then the child is registered with its handler. */
    private void activateInbound(YamuxStreamChannel stream, ChannelHandler handler) {
        writeControl(YamuxFrameType.WINDOW_UPDATE, YamuxFlags.ACK, stream.streamId(), 0);
        register(stream, handler);
    }

    private void register(YamuxStreamChannel stream, ChannelHandler handler) {
        stream.pipeline().addLast(handler);
        ctx.channel().eventLoop().register(stream).addListener(f -> {
            if (!f.isSuccess()) {
                log.warn("yamux session {}: could not register stream {}", ctx.channel(), stream.streamId(), f.cause());
                stream.unsafe().closeForcibly();
            }
        });
    }

    // ---------------------------------------------------------------- streams

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
        if (streams.size() >= config.maxConcurrentStreams()) {
            promise.tryFailure(YamuxException.internalError("cannot open a stream: max-concurrent-streams %d reached",
                    config.maxConcurrentStreams()));
            return;
        }
        if (nextStreamId > 0xFFFF_FFFFL) {
            promise.tryFailure(YamuxException.internalError("cannot open a stream: stream ids are exhausted"));
            return;
        }
        int id = (int) nextStreamId;
        nextStreamId += 2;
        YamuxStreamChannel stream = new YamuxStreamChannel(this, ctx.channel(), id, true);
        stream.lastWindowUpdateNanos = System.nanoTime();
        streams.put(id, stream);
        writeControl(YamuxFrameType.WINDOW_UPDATE, YamuxFlags.SYN, id, 0);
        register(stream, handler);
        flushIfNeeded();
        promise.trySuccess(stream);
    }

    /**
     * A stream has new data (or its FIN). Inside a parent read, delivery waits for the read's end,
     * so every frame of one socket read reaches the child as one batch with one read-complete
     * (and the child's consumer flushes once, not once per frame); otherwise it happens now.
     */
    void deliverSoon(YamuxStreamChannel stream) {
        if (!parentReadInProgress) {
            stream.deliver();
        } else if (!stream.queuedForDelivery) {
            stream.queuedForDelivery = true;
            deliveryQueue.add(stream);
        }
    }

    /** A child flushed: queue it for the scheduler if it can send. */
    void onStreamFlushed(YamuxStreamChannel stream) {
        if (stream.hasSendable()) {
            enqueue(stream);
            writeStreams();
        }
    }

    private void enqueue(YamuxStreamChannel stream) {
        if (!stream.queuedForSend) {
            stream.queuedForSend = true;
            sendQueue.add(stream);
        }
    }

    /** The round-robin scheduler: one frame per stream per turn, while the parent is writable. */
    private void writeStreams() {
        if (writingStreams || closing || ctx == null) {
            return;
        }
        writingStreams = true;
        try {
            Channel parent = ctx.channel();
            int maxFrame = config.maxFrameSize();
            YamuxStreamChannel stream;
            while (parent.isWritable() && (stream = sendQueue.poll()) != null) {
                stream.queuedForSend = false;
                if (!stream.hasSendable()) {
                    continue;
                }
                stream.writeFrame(ctx, maxFrame, frameSizer);
                flushNeeded = true;
                if (stream.hasSendable()) {
                    enqueue(stream);
                }
            }
        } finally {
            writingStreams = false;
        }
        flushIfNeeded();
    }

    /** The child's FIN went out; forget the id if the peer's FIN came first. */
    void onFinSent(YamuxStreamChannel stream) {
        if (stream.finReceived && !stream.removed) {
            removeStream(stream);
        }
        stream.closeIfDone();
    }

    /** The child read {@code bytes}: return credit, perhaps growing the window. */
    void onConsumed(YamuxStreamChannel stream, int bytes) {
        if (stream.removed || stream.finReceived || closing) {
            return;
        }
        stream.consumedUnacked += bytes;
        if (stream.consumedUnacked < stream.recvWindow / 2) {
            return;
        }
        long now = System.nanoTime();
        if (tuner.enabled() && now - lastRttSampleNanos > RTT_SAMPLE_INTERVAL_NANOS) {
            requestRttSample();
        }
        int growth = tuner.growth(stream.recvWindow, stream.consumedUnacked, now - stream.lastWindowUpdateNanos,
                minRttNanos);
        long delta = (long) stream.consumedUnacked + growth;
        stream.recvWindow += growth;
        stream.recvCredit += delta;
        stream.consumedUnacked = 0;
        stream.lastWindowUpdateNanos = now;
        writeControl(YamuxFrameType.WINDOW_UPDATE, 0, stream.streamId(), delta);
        flushIfNeeded();
    }

    /**
     * The child closed. Graceful (FIN, and the id kept until the peer's FIN) when nothing was lost;
     * RST when unsent or unread data was dropped.
     */
    void onStreamClosed(YamuxStreamChannel stream, boolean dataLost) {
        draining.remove(stream);
        if (stream.removed) {
            return;
        }
        backlog.remove(stream);
        if (closing) {
            removeStream(stream);
            return;
        }
        if (dataLost) {
            resetStream(stream);
            return;
        }
        if (!stream.finSent) {
            stream.finSent = true;
            writeControl(YamuxFrameType.WINDOW_UPDATE, YamuxFlags.FIN, stream.streamId(), 0);
        }
        if (stream.finReceived) {
            removeStream(stream);
        } else {
            stream.orphaned = true;
            // A peer that never sends its FIN must not pin the stream forever.
            stream.closeTimeout = ctx.executor().schedule(() -> {
                if (!stream.removed && !closing) {
                    log.debug("yamux session {}: no FIN for closed stream {} within {}, resetting", ctx.channel(),
                            stream.streamId(), config.streamCloseTimeout());
                    resetStream(stream);
                }
            }, config.streamCloseTimeout().toNanos(), TimeUnit.NANOSECONDS);
        }
        flushIfNeeded();
    }

    private void resetStream(YamuxStreamChannel stream) {
        writeControl(YamuxFrameType.WINDOW_UPDATE, YamuxFlags.RST, stream.streamId(), 0);
        removeStream(stream);
        stream.onReset(false);
        flushIfNeeded();
    }

    private void removeStream(YamuxStreamChannel stream) {
        if (stream.removed) {
            return;
        }
        stream.removed = true;
        streams.remove(stream.streamId());
        if (stream.isOpen()) {
            draining.add(stream);
        }
        if (stream.closeTimeout != null) {
            stream.closeTimeout.cancel(false);
            stream.closeTimeout = null;
        }
        tuner.release(stream.recvWindow);
    }

    // ---------------------------------------------------------------- pings, GoAway, output

    private void keepalive() {
        if (closing || keepalivePingPending) {
            return;
        }
        keepalivePingPending = true;
        PendingPing ping = sendPing(null, true);
        ping.keepalive = true;
        flushIfNeeded();
    }

    private void requestRttSample() {
        if (!rttPingInFlight && !closing) {
            rttPingInFlight = true;
            sendPing(null, false).rttSample = true;
        }
    }

    private PendingPing sendPing(Promise<Duration> promise, boolean closeOnTimeout) {
        if (closing) {
            if (promise != null) {
                promise.tryFailure(closedException());
            }
            return new PendingPing(0, promise);
        }
        long id = nextPingId;
        nextPingId = (nextPingId + 1) & 0xFFFF_FFFFL;
        PendingPing ping = new PendingPing(System.nanoTime(), promise);
        pings.put(id, ping);
        ping.timeout = ctx.executor().schedule(() -> {
            pings.remove(id);
            if (ping.rttSample) {
                rttPingInFlight = false;
            }
            YamuxException e = YamuxException.sessionClosed(YamuxErrorCode.INTERNAL_ERROR,
                    "no answer to ping %d within %s", id, config.keepaliveTimeout());
            if (promise != null) {
                promise.tryFailure(e);
            }
            if (closeOnTimeout) {
                log.info("yamux session {}: keepalive timeout, closing", ctx.channel());
                if (terminationCause == null) {
                    terminationCause = e;
                }
                closing = true;
                ctx.close();
            }
        }, config.keepaliveTimeout().toNanos(), TimeUnit.NANOSECONDS);
        writeControl(YamuxFrameType.PING, YamuxFlags.SYN, 0, id);
        return ping;
    }

    private void sendGoAway(YamuxErrorCode code) {
        if (!goAwaySent && !closed) {
            goAwaySent = true;
            ctx.write(goAwayFrame(code), ctx.voidPromise());
            flushNeeded = true;
        }
    }

    private ByteBuf goAwayFrame(YamuxErrorCode code) {
        return YamuxFrameWriter.header(ctx.alloc(), YamuxFrameType.GO_AWAY, 0, 0, code.code());
    }

    /**
     * The one place a session ends on an error: GoAway with the error's code, the connection closed
     * once it is written, every stream closed with it.
     */
    void onConnectionError(YamuxException e) {
        if (closing) {
            return;
        }
        log.warn("yamux session {}: {} ({}), closing", ctx.channel(), e.getMessage(), e.code());
        terminationCause = e;
        closing = true;
        ChannelFuture written = ctx.writeAndFlush(goAwayFrame(e.code()));
        goAwaySent = true;
        written.addListener(ChannelFutureListener.CLOSE);
    }

    /** Writes a header-only frame; flushed by {@link #flushIfNeeded()}. */
    void writeControl(YamuxFrameType type, int flags, int streamId, long length) {
        if (closed) {
            return;
        }
        ctx.write(YamuxFrameWriter.header(ctx.alloc(), type, flags, streamId, length), ctx.voidPromise());
        flushNeeded = true;
    }

    /** Flushes now, or at the end of the parent's read batch when inside one. */
    private void flushIfNeeded() {
        if (flushNeeded && !parentReadInProgress && ctx != null) {
            flushNeeded = false;
            ctx.flush();
        }
    }

    private void inLoop(Runnable task) {
        if (ctx.executor().inEventLoop()) {
            task.run();
        } else {
            ctx.executor().execute(task);
        }
    }

    private Exception closedException() {
        if (terminationCause instanceof Exception) {
            return new YamuxException(YamuxErrorCode.NORMAL, "yamux session closed: " + terminationCause.getMessage(),
                    terminationCause);
        }
        ClosedChannelException e = new ClosedChannelException();
        return e;
    }

    private static final class PendingAccept {
        final ChannelHandler handler;
        final Promise<YamuxStreamChannel> promise;

        PendingAccept(ChannelHandler handler, Promise<YamuxStreamChannel> promise) {
            this.handler = handler;
            this.promise = promise;
        }
    }

    private static final class PendingPing {
        final long sentNanos;
        final Promise<Duration> promise;
        ScheduledFuture<?> timeout;
        boolean keepalive;
        boolean rttSample;

        PendingPing(long sentNanos, Promise<Duration> promise) {
            this.sentNanos = sentNanos;
            this.promise = promise;
        }

        void cancel() {
            if (timeout != null) {
                timeout.cancel(false);
            }
        }
    }
}
