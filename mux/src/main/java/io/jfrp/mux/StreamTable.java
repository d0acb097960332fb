package io.jfrp.mux;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.util.collection.IntObjectHashMap;
import io.netty.util.collection.IntObjectMap;
import io.netty.util.concurrent.Promise;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;

/**
 * The streams of one session: which exist, what state each is in, which may still be admitted, and
 * what happens to each as it ends (modelled on Netty's {@code DefaultHttp2Connection}).
 *
 * <h3>Lifecycle</h3>
 * A stream is <em>live</em> (in the table, its state not terminal) from its
 * SYN until both FINs or a RST. A live stream whose child closes before the peer's FIN sends FIN and
 * becomes <em>lingering</em>: the channel is let go and only its id is kept ({@link LingeringStreams})
 * until the peer's FIN, RST or the close timeout. A stream forgotten while its child is still open
 * (both FINs went by, the child has not read up to the peer's FIN) is <em>draining</em>: the child
 * closes when it reads the FIN, at the latest with the session.
 *
 * <h3>Admission</h3>
 * A SYN from the peer is refused with RST when we sent GoAway, at
 * {@link YamuxConfig#maxConcurrentStreams()} tracked streams, at the inbound limit (see
 * {@link YamuxSession#setMaxInboundStreams}: open inbound streams, counted from the SYN until the
 * child channel closes), or, for a stream that would wait in the accept backlog, when the backlog is full or the
 * session window budget cannot cover its initial window. Each refusal is counted in
 * {@link SessionMetrics}. A refused stream costs nothing beyond its RST.
 *
 * <p>Event-loop confined; the inbound limit is the session's (any thread may change it; it is
 * read at each SYN).
 */
final class StreamTable {
    private static final Logger log = LoggerFactory.getLogger(StreamTable.class);

    /** Why a SYN was refused; each has a counter in {@link SessionMetrics}. */
    enum Refusal {
        GOING_AWAY, CONCURRENCY_LIMIT, INBOUND_LIMIT, BACKLOG_FULL, WINDOW_BUDGET
    }

    private final SessionParts parts;
    private final LingeringStreams lingering;
    private final IntObjectMap<YamuxStreamChannel> live = new IntObjectHashMap<>();
    private final Set<YamuxStreamChannel> draining = new HashSet<>();
    private final ArrayDeque<YamuxStreamChannel> backlog = new ArrayDeque<>();
    private final ArrayDeque<PendingAccept> acceptors = new ArrayDeque<>();
    /** Inbound streams from their SYN until their child closes (live, in the backlog, or draining). */
    private int inboundOpen;
    private long nextStreamId;

    StreamTable(SessionParts parts) {
        this.parts = parts;
        this.nextStreamId = parts.session().role().firstStreamId();
        this.lingering = new LingeringStreams(parts.ctx().executor(), parts.config(), this::lingeringExpired);
    }

    // ---------------------------------------------------------------- lookups and counts

    /** The live stream {@code id}, or null. */
    YamuxStreamChannel live(int id) {
        return live.get(id);
    }

    /** The live streams' map, read-only by convention (the session exposes it to tests). */
    IntObjectMap<YamuxStreamChannel> liveMap() {
        return live;
    }

    boolean isLingering(int id) {
        return lingering.contains(id);
    }

    /** Live plus lingering: what {@link YamuxConfig#maxConcurrentStreams()} bounds. */
    int trackedCount() {
        return live.size() + lingering.size();
    }

    /** What the table holds now, for {@link SessionStats}. */
    Counts counts() {
        return new Counts(live.size(), inboundOpen, lingering.size(), backlog.size());
    }

    /**
     * How many streams are live (open or half-closed, backlog included), inbound and open (from
     * their SYN until their child closes), lingering, and waiting in the backlog.
     */
    record Counts(int live, int inboundOpen, int lingering, int backlog) {
    }

    // ---------------------------------------------------------------- opening

    /** Why this side cannot open a stream now, or null; then {@link #openOutbound} may be called. */
    String cannotOpen() {
        if (trackedCount() >= parts.config().maxConcurrentStreams()) {
            return String.format("cannot open a stream: max-concurrent-streams %d reached",
                    parts.config().maxConcurrentStreams());
        }
        if (nextStreamId > 0xFFFF_FFFFL) {
            return "cannot open a stream: stream ids are exhausted";
        }
        return null;
    }

    /** Creates our next stream (the caller writes its SYN and registers it). */
    YamuxStreamChannel openOutbound() {
        assert parts.ctx().executor().inEventLoop();
        int id = (int) nextStreamId;
        nextStreamId += 2;
        YamuxStreamChannel stream = new YamuxStreamChannel(parts.session(), parts.ctx().channel(), id, true);
        live.put(id, stream);
        parts.metrics().changed();
        return stream;
    }

    /**
     * A valid SYN for the new id {@code id}: admits the stream (to the session's inbound handler when
     * it has one, else to a waiting acceptor, else to the backlog) or refuses it with RST. Returns the stream, or null
     * when refused.
     *
     * @throws YamuxException when the RST cannot be queued because the peer does not read
     */
    YamuxStreamChannel onInboundSyn(int id) throws YamuxException {
        assert parts.ctx().executor().inEventLoop();
        ChannelHandler handler = parts.session().inboundStreamHandler();
        boolean toBacklog = handler == null && acceptors.isEmpty();
        Refusal refusal = admit(toBacklog);
        if (refusal != null) {
            refuse(id, refusal);
            return null;
        }
        YamuxStreamChannel stream = new YamuxStreamChannel(parts.session(), parts.ctx().channel(), id, false);
        live.put(id, stream);
        inboundOpen++;
        parts.metrics().changed();
        if (handler != null) {
            activateInbound(stream, handler);
        } else if (!toBacklog) {
            PendingAccept accept = acceptors.poll();
            activateInbound(stream, accept.handler);
            accept.promise.trySuccess(stream);
        } else {
            stream.inBacklog = true;
            backlog.add(stream);
        }
        return stream;
    }

    private Refusal admit(boolean toBacklog) {
        if (parts.session().isGoingAway()) {
            return Refusal.GOING_AWAY;
        }
        if (trackedCount() >= parts.config().maxConcurrentStreams()) {
            return Refusal.CONCURRENCY_LIMIT;
        }
        if (inboundOpen >= parts.session().maxInboundStreams()) {
            return Refusal.INBOUND_LIMIT;
        }
        if (toBacklog) {
            if (backlog.size() >= parts.config().acceptBacklog()) {
                return Refusal.BACKLOG_FULL;
            }
            if (!parts.flow().reserveBacklogWindow()) {
                return Refusal.WINDOW_BUDGET;
            }
        }
        return null;
    }

    private void refuse(int id, Refusal refusal) throws YamuxException {
        countRefusal(refusal);
        parts.metrics().changed();
        if (log.isDebugEnabled()) {
            log.debug("yamux session {}: refusing stream {}: {}", parts.ctx().channel(), Integer.toUnsignedString(id),
                    describe(refusal));
        }
        parts.output().writeAnswer(YamuxFrameType.WINDOW_UPDATE, YamuxFlags.RST, id, 0);
    }

    private void countRefusal(Refusal refusal) {
        switch (refusal) {
            case GOING_AWAY -> parts.metrics().refusedGoingAway++;
            case CONCURRENCY_LIMIT -> parts.metrics().refusedConcurrencyLimit++;
            case INBOUND_LIMIT -> parts.metrics().refusedInboundLimit++;
            case BACKLOG_FULL -> parts.metrics().refusedBacklogFull++;
            case WINDOW_BUDGET -> parts.metrics().refusedWindowBudget++;
        }
    }

    private String describe(Refusal refusal) {
        return switch (refusal) {
            case GOING_AWAY -> "we sent GoAway";
            case CONCURRENCY_LIMIT -> "max-concurrent-streams " + parts.config().maxConcurrentStreams() + " reached";
            case INBOUND_LIMIT -> "inbound stream limit " + parts.session().maxInboundStreams() + " reached";
            case BACKLOG_FULL -> "accept backlog of " + parts.config().acceptBacklog() + " is full";
            case WINDOW_BUDGET -> "session window budget cannot cover another backlog stream";
        };
    }

    /** Hands the next backlog stream to {@code handler}, or waits for one; the ACK is sent then. */
    void accept(ChannelHandler handler, Promise<YamuxStreamChannel> promise) {
        assert parts.ctx().executor().inEventLoop();
        YamuxStreamChannel stream = backlog.poll();
        if (stream == null) {
            acceptors.add(new PendingAccept(handler, promise));
            return;
        }
        leaveBacklog(stream);
        activateInbound(stream, handler);
        parts.output().flushIfNeeded();
        promise.trySuccess(stream);
    }

    private void leaveBacklog(YamuxStreamChannel stream) {
        stream.inBacklog = false;
        parts.flow().releaseBacklogWindow();
    }

    /** Accepts an inbound stream: ACK, then the child is registered with its handler. */
    private void activateInbound(YamuxStreamChannel stream, ChannelHandler handler) {
        parts.output().writeControl(YamuxFrameType.WINDOW_UPDATE, YamuxFlags.ACK, stream.streamId(), 0);
        register(stream, handler);
    }

    /** Registers a new stream's child on the session's event loop with {@code handler} in its pipeline. */
    void register(YamuxStreamChannel stream, ChannelHandler handler) {
        parts.session().events().streamOpened(); // closed in onChildClosed: no listener kept on each stream
        stream.pipeline().addLast(handler);
        Channel parent = parts.ctx().channel();
        parent.eventLoop().register(stream).addListener(f -> {
            if (!f.isSuccess()) {
                log.warn("yamux session {}: could not register stream {}", parent, stream.streamId(), f.cause());
                stream.unsafe().closeForcibly();
            }
        });
    }

    // ---------------------------------------------------------------- ending

    /** The peer's FIN on a live stream whose remote side is open. */
    void onFinReceived(YamuxStreamChannel stream) {
        moveTo(stream, stream.state().afterFinReceived());
    }

    /** Our FIN went out on a live stream. */
    void onFinSent(YamuxStreamChannel stream) {
        moveTo(stream, stream.state().afterFinSent());
    }

    /** A half-close: the stream moves on, and is forgotten when both FINs have gone by. */
    private void moveTo(YamuxStreamChannel stream, YamuxStreamState next) {
        if (next == YamuxStreamState.CLOSED) {
            remove(stream, YamuxStreamState.CLOSED);
        } else {
            stream.setState(next);
        }
    }

    /** Resets a live stream: RST to the peer, the stream forgotten, its child closed. */
    void reset(YamuxStreamChannel stream) {
        parts.output().writeControl(YamuxFrameType.WINDOW_UPDATE, YamuxFlags.RST, stream.streamId(), 0);
        remove(stream, YamuxStreamState.RESET);
        stream.onReset(false);
        parts.output().flushIfNeeded();
    }

    /** The peer reset a live stream: forgotten, its child told and closed. */
    void onResetByPeer(YamuxStreamChannel stream) {
        remove(stream, YamuxStreamState.RESET);
        stream.onReset(true);
    }

    /** Forgets a live stream, which moves to {@code terminal}; its child, if still open, is draining. */
    private void remove(YamuxStreamChannel stream, YamuxStreamState terminal) {
        if (stream.state().isTerminal()) {
            return;
        }
        stream.setState(terminal);
        live.remove(stream.streamId());
        if (stream.inBacklog) {
            backlog.remove(stream);
            leaveBacklog(stream);
        }
        if (stream.isOpen()) {
            draining.add(stream);
        }
        parts.flow().release(stream);
        parts.metrics().changed();
    }

    /**
     * The child of {@code stream} closed. Graceful (FIN, then the id lingers until the peer's FIN)
     * when nothing was lost; RST when unsent or unread data was dropped.
     */
    void onChildClosed(YamuxStreamChannel stream, boolean dataLost) {
        assert parts.ctx().executor().inEventLoop();
        if (stream.isRegistered()) {
            // Registered by register(), which told the listener it opened (a stream still in the
            // backlog never was); the channel closes once, and deregisters only after this.
            parts.session().events().streamClosed();
        }
        if (!stream.isOutbound()) {
            inboundOpen--;
            parts.metrics().changed();
        }
        draining.remove(stream);
        if (stream.state().isTerminal()) {
            return;
        }
        if (parts.session().isClosing()) {
            remove(stream, YamuxStreamState.RESET);
            return;
        }
        if (dataLost) {
            reset(stream);
            return;
        }
        if (stream.state().localSideOpen()) {
            parts.output().writeControl(YamuxFrameType.WINDOW_UPDATE, YamuxFlags.FIN, stream.streamId(), 0);
            onFinSent(stream);
        }
        if (!stream.state().isTerminal()) {
            // Half-closed here, the peer still open: keep only the id until its FIN.
            remove(stream, YamuxStreamState.CLOSED);
            lingering.add(stream.streamId());
        }
        parts.output().flushIfNeeded();
    }

    /**
     * A frame for a lingering stream: its FIN or RST ends the stream; Data is answered with RST
     * (the child that would read it is gone) and ends it too.
     *
     * @throws YamuxException when the RST cannot be queued because the peer does not read
     */
    void onLingeringFrame(int id, int flags, long dataLength) throws YamuxException {
        if (dataLength > 0) {
            lingering.remove(id);
            parts.metrics().changed();
            parts.output().writeAnswer(YamuxFrameType.WINDOW_UPDATE, YamuxFlags.RST, id, 0);
            return;
        }
        if (YamuxFlags.has(flags, YamuxFlags.FIN) || YamuxFlags.has(flags, YamuxFlags.RST)) {
            lingering.remove(id);
            parts.metrics().changed();
        }
    }

    private void lingeringExpired(int id, boolean timedOut) {
        if (timedOut) {
            parts.metrics().lingeringTimedOut++;
            log.debug("yamux session {}: no FIN for closed stream {} within {}, resetting", parts.ctx().channel(),
                    Integer.toUnsignedString(id), parts.config().streamCloseTimeout());
        } else {
            parts.metrics().lingeringEvicted++;
            log.debug("yamux session {}: {} closed streams wait for the peer's FIN, resetting the oldest ({})",
                    parts.ctx().channel(), parts.config().maxLingeringStreams(), Integer.toUnsignedString(id));
        }
        parts.metrics().changed();
        parts.output().writeControl(YamuxFrameType.WINDOW_UPDATE, YamuxFlags.RST, id, 0);
        parts.output().flushIfNeeded();
    }

    /** The session ended: every stream and child closes, pending accepts fail with {@code cause}. */
    void closeAll(Throwable cause) {
        for (YamuxStreamChannel stream : new ArrayList<>(live.values())) {
            remove(stream, YamuxStreamState.RESET);
            stream.onReset(false);
        }
        for (YamuxStreamChannel stream : new ArrayList<>(draining)) {
            stream.onReset(false);
        }
        draining.clear();
        backlog.clear();
        lingering.clear();
        PendingAccept accept;
        while ((accept = acceptors.poll()) != null) {
            accept.promise.tryFailure(cause);
        }
        parts.metrics().changed();
    }

    private static final class PendingAccept {
        final ChannelHandler handler;
        final Promise<YamuxStreamChannel> promise;

        PendingAccept(ChannelHandler handler, Promise<YamuxStreamChannel> promise) {
            this.handler = handler;
            this.promise = promise;
        }
    }
}
