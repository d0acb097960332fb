package io.jfrp.mux;

/**
 * The receive side of flow control: how much each stream's peer may still send, and when credit
 * goes back (modelled on Netty's {@code DefaultHttp2LocalFlowController}).
 *
 * <h3>Flow control</h3>
 * Every stream grants the peer a window ({@link YamuxConfig#INITIAL_WINDOW} at first). A Data frame
 * is charged against the stream's remaining credit when its header arrives, before its payload is
 * buffered ({@link #charge}); more than granted is a protocol error. Credit goes back only for bytes
 * the stream's child has read ({@link #onConsumed}), once half the window has been consumed, in one
 * WindowUpdate whose delta may also grow the window ({@link ReceiveWindowTuner}). So a child that
 * does not read holds its peer to one window: the bytes a session buffers unread are bounded by the
 * windows it granted.
 *
 * <h3>Memory</h3>
 * The bytes queued unread are counted in {@link SessionMetrics#unreadBytes}. Window growth and the
 * initial windows of streams waiting in the accept backlog share the session budget
 * ({@link YamuxConfig#sessionWindowBudget()}), so neither unread backlog streams nor grown windows
 * can take more than it.
 *
 * <p>Event-loop confined; one per session.
 */
final class ReceiveFlowController {
    private final ReceiveWindowTuner tuner;
    private final FrameOutput output;
    private final Keepalive keepalive;
    private final SessionMetrics metrics;

    ReceiveFlowController(YamuxConfig config, FrameOutput output, Keepalive keepalive, SessionMetrics metrics) {
        this.tuner = new ReceiveWindowTuner(config);
        this.output = output;
        this.keepalive = keepalive;
        this.metrics = metrics;
    }

    /** Whether windows grow (and so RTT samples are wanted). */
    boolean autoTuning() {
        return tuner.enabled();
    }

    /**
     * Charges a Data frame of {@code length} bytes to {@code stream}, whose remote side is open.
     *
     * @throws YamuxException when the frame is larger than the credit the stream granted
     */
    void charge(YamuxStreamChannel stream, long length) throws YamuxException {
        if (length > stream.recvCredit) {
            throw YamuxException.protocolError("Data of %d bytes on stream %d exceeds the window: %d bytes granted",
                    length, stream.streamId(), stream.recvCredit);
        }
        stream.recvCredit -= length;
    }

    /** {@code bytes} were queued in a stream for its child to read (negative when they left unread). */
    void queued(long bytes) {
        metrics.unreadBytes += bytes;
        metrics.changed();
    }

    /**
     * The child of {@code stream} read (or discarded) {@code bytes}: credit goes back once half the
     * window is consumed, and the window may grow.
     */
    void onConsumed(YamuxStreamChannel stream, int bytes) {
        if (!stream.state().remoteSideOpen()) {
            return; // the peer sends no more: no credit needed
        }
        stream.consumedUnacked += bytes;
        if (stream.consumedUnacked < stream.recvWindow / 2) {
            return;
        }
        long now = System.nanoTime();
        if (tuner.enabled()) {
            keepalive.requestRttSampleIfStale(now);
        }
        int growth = tuner.growth(stream.recvWindow, stream.consumedUnacked, now - stream.lastWindowUpdateNanos,
                keepalive.minRttNanos());
        long delta = (long) stream.consumedUnacked + growth;
        stream.recvWindow += growth;
        stream.recvCredit += delta;
        stream.consumedUnacked = 0;
        stream.lastWindowUpdateNanos = now;
        output.writeControl(YamuxFrameType.WINDOW_UPDATE, 0, stream.streamId(), delta);
        output.flushIfNeeded();
        if (growth > 0) {
            metrics.changed();
        }
    }

    /**
     * Reserves an initial window for a stream entering the accept backlog; false when the session
     * budget cannot cover it (the SYN is then refused).
     */
    boolean reserveBacklogWindow() {
        if (!tuner.reserve(YamuxConfig.INITIAL_WINDOW)) {
            return false;
        }
        metrics.changed();
        return true;
    }

    /** A stream left the backlog (accepted, or ended): its reservation goes back. */
    void releaseBacklogWindow() {
        tuner.unreserve(YamuxConfig.INITIAL_WINDOW);
        metrics.changed();
    }

    /** {@code stream} ended: its window growth goes back to the budget. */
    void release(YamuxStreamChannel stream) {
        if (stream.recvWindow != YamuxConfig.INITIAL_WINDOW) {
            tuner.release(stream.recvWindow);
            metrics.changed();
        }
    }

    /** Bytes of the session budget in use. */
    long budgetUsed() {
        return tuner.budgetUsed();
    }
}
