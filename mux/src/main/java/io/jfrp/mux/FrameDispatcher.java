package io.jfrp.mux;

import io.netty.buffer.ByteBuf;

/**
 * Acts on each frame the peer sends, after {@link YamuxFrameReader} has checked its header: checks
 * it against the session's state, then hands it to the part that owns what it changes (the
 * {@link StreamTable} for opening and ending streams, the {@link ReceiveFlowController} for Data, the
 * {@link SendScheduler} for WindowUpdates, {@link Keepalive} for pings).
 *
 * <h3>Order of a frame's flags</h3>
 * SYN and ACK first (a SYN creates the stream the rest of the frame is for), then the payload or the
 * window delta, then FIN, then RST. A Data frame's SYN, ACK and window charge are handled when its
 * header arrives ({@link #onDataHeader}), so a frame larger than its stream's credit is refused
 * before its payload is buffered, and the payload of a frame for no live stream is skipped as it
 * arrives instead of being buffered.
 *
 * <h3>Error handling</h3>
 * What breaks the protocol throws {@link YamuxException}; the session ends on it in one place
 * ({@link YamuxSession#onConnectionError}). A frame for an unknown stream (one that ended, or that we
 * refused) is dropped; for a lingering one, see {@link StreamTable#onLingeringFrame}.
 *
 * <p>Holds no state of its own: what a frame changes lives in the session's parts and its stream
 * table. Event-loop confined; one per session. Flood limits are applied before this, by
 * {@link FloodGuardedListener}.
 */
record FrameDispatcher(SessionParts parts, StreamTable table) implements YamuxFrameListener {

    @Override
    public boolean onDataHeader(int streamId, int flags, long length) throws YamuxException {
        YamuxStreamChannel stream = streamForFrame(streamId, flags);
        if (stream == null) {
            if (table.isLingering(streamId)) {
                table.onLingeringFrame(streamId, flags, length);
            }
            return false;
        }
        if (length > 0) {
            if (!stream.state().remoteSideOpen()) {
                throw YamuxException.protocolError("Data (%d bytes) on stream %d after its FIN", length, streamId);
            }
            parts.flow().charge(stream, length);
        }
        return true;
    }

    @Override
    public void onData(int streamId, int flags, ByteBuf data) throws YamuxException {
        // The stream was live when the header came; its child may have closed since.
        YamuxStreamChannel stream = table.live(streamId);
        if (stream == null) {
            int length = data.readableBytes();
            data.release();
            if (table.isLingering(streamId)) {
                table.onLingeringFrame(streamId, flags, length);
            }
            return;
        }
        if (data.isReadable()) {
            stream.onData(data);
        } else {
            data.release();
        }
        applyEndFlags(stream, flags);
    }

    @Override
    public void onWindowUpdate(int streamId, int flags, long delta) throws YamuxException {
        YamuxStreamChannel stream = streamForFrame(streamId, flags);
        if (stream == null) {
            if (table.isLingering(streamId)) {
                table.onLingeringFrame(streamId, flags, 0);
            }
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
            if (wasBlocked) {
                parts.scheduler().streamReady(stream);
            }
        }
        applyEndFlags(stream, flags);
    }

    @Override
    public void onPing(int flags, long opaque) throws YamuxException {
        if (flags == YamuxFlags.SYN) {
            parts.output().writeAnswer(YamuxFrameType.PING, YamuxFlags.ACK, 0, opaque);
            parts.output().flushIfNeeded();
            return;
        }
        parts.keepalive().onPingAck(opaque);
        parts.metrics().changed();
    }

    @Override
    public void onGoAway(YamuxErrorCode code) {
        parts.session().onGoAwayReceived(code);
    }

    /**
     * Handles SYN and ACK of a Data or WindowUpdate frame and returns the live stream it is for, or
     * null when the frame is for no live stream (unknown, lingering, or refused just now).
     */
    private YamuxStreamChannel streamForFrame(int streamId, int flags) throws YamuxException {
        YamuxStreamChannel stream = table.live(streamId);
        if (YamuxFlags.has(flags, YamuxFlags.SYN)) {
            YamuxRole role = parts.session().role();
            if (stream != null || table.isLingering(streamId)) {
                throw YamuxException.protocolError("SYN for stream %d, which is already open", streamId);
            }
            if (role.opens(streamId)) {
                throw YamuxException.protocolError("SYN for stream %d: the peer must open %s ids", streamId,
                        role == YamuxRole.CLIENT ? "even" : "odd");
            }
            if (YamuxFlags.has(flags, YamuxFlags.ACK)) {
                throw YamuxException.protocolError("SYN and ACK together on stream %d", streamId);
            }
            stream = table.onInboundSyn(streamId);
            // Its child may have closed already, while being registered: then it lingers or is gone.
            return stream != null && !stream.state().isTerminal() ? stream : null;
        }
        if (stream != null && YamuxFlags.has(flags, YamuxFlags.ACK)) {
            stream.onAckReceived();
        }
        return stream;
    }

    /** FIN then RST of a frame, after its payload. */
    private void applyEndFlags(YamuxStreamChannel stream, int flags) throws YamuxException {
        if (stream.state().isTerminal()) {
            // Its child closed while the frame was handled (reading the payload, say): the id lingers or is gone.
            if (table.isLingering(stream.streamId())) {
                table.onLingeringFrame(stream.streamId(), flags, 0);
            }
            return;
        }
        if (YamuxFlags.has(flags, YamuxFlags.FIN)) {
            if (!stream.state().remoteSideOpen()) {
                throw YamuxException.protocolError("second FIN on stream %d", stream.streamId());
            }
            table.onFinReceived(stream);
            stream.onFinReceived();
        }
        if (YamuxFlags.has(flags, YamuxFlags.RST) && !stream.state().isTerminal()) {
            table.onResetByPeer(stream);
        }
    }
}
