package io.jfrp.mux;

import io.netty.buffer.ByteBuf;

/**
 * Receives the frames that {@link YamuxFrameReader} decodes, each already checked for a valid
 * header. Implementations own the {@code data} buffer passed to {@link #onData} and must release it.
 */
public interface YamuxFrameListener {
    /**
     * A Data frame's header, before its payload is awaited: the place to validate the frame (its
     * length against the stream's window) before anything is buffered. Returns true to receive the
     * payload through {@link #onData} once it has all arrived; false to have the reader skip the
     * payload as it arrives, never buffering it, and drop the frame (no {@link #onData} call).
     */
    default boolean onDataHeader(int streamId, int flags, long length) throws YamuxException {
        return true;
    }

    /**
     * A Data frame whose header {@link #onDataHeader} accepted; {@code data} holds exactly the
     * frame's payload (possibly empty). From a reader {@linkplain YamuxFrameReader#inPieces in
     * pieces}, one piece of the payload: the frame's {@code flags} come with its last piece, the
     * pieces before it have none.
     */
    void onData(int streamId, int flags, ByteBuf data) throws YamuxException;

    /** A WindowUpdate frame with its unsigned delta. */
    void onWindowUpdate(int streamId, int flags, long delta) throws YamuxException;

    /** A Ping frame (stream 0) with its flags (SYN or ACK) and opaque value. */
    void onPing(int flags, long opaque) throws YamuxException;

    /** A GoAway frame (stream 0) with its code. */
    void onGoAway(YamuxErrorCode code) throws YamuxException;
}
