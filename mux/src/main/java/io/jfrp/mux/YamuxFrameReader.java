package io.jfrp.mux;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/**
 * Decodes yamux frames from a cumulated input buffer and hands each to a {@link YamuxFrameListener}.
 *
 * <h3>Validation</h3>
 * Every header is verified before anything is acted on ({@link #verifyHeader}): version 0, a known
 * type, only defined flags, stream 0 for Ping and GoAway and a non-zero stream for Data and
 * WindowUpdate, Ping flags of exactly SYN or ACK, a known GoAway code, and a Data length no larger
 * than {@code maxDataLength} (the largest window this side can ever grant). The exact per-stream
 * window is checked by the listener, which knows it, when the header arrives
 * ({@link YamuxFrameListener#onDataHeader}), so a peer can make us hold at most one window of
 * payload per stream; the payload of a frame the listener declines is skipped as it arrives.
 *
 * <h3>Whole frames or pieces</h3>
 * By default a Data frame is delivered once its whole payload has arrived, as one retained slice of
 * the input. {@linkplain #inPieces In pieces}, its payload is delivered as it arrives: each read hands
 * the listener a retained slice of what the input holds of it, the frame's flags coming with its last
 * piece (earlier pieces carry none). The session reads in pieces: a frame then never waits in the
 * decoder's cumulation for its rest, so the cumulation is used up by every read and each TLS record's
 * plaintext goes to its stream without being copied (waiting for whole frames, a frame that straddles
 * two records, as a 16 KiB frame behind its 12-byte header nearly always does, copied the second
 * record into the cumulation).
 *
 * <p>Not thread-safe: one instance per session, used on its event loop.
 */
public final class YamuxFrameReader {
    /** Length of every yamux header. */
    public static final int HEADER_LENGTH = 12;
    /** The only yamux version. */
    public static final int VERSION = 0;

    private final long maxDataLength;
    private final boolean inPieces;

    /** A pending Data header whose payload has not fully arrived yet; -1 when none. */
    private long pendingDataLength = -1;
    private int pendingStreamId;
    private int pendingFlags;
    /** The pending payload is skipped as it arrives (the listener declined the frame). */
    private boolean discarding;

    /** A reader of whole frames whose Data payloads may be as long as {@code maxDataLength}. */
    public YamuxFrameReader(long maxDataLength) {
        this(maxDataLength, false);
    }

    private YamuxFrameReader(long maxDataLength, boolean inPieces) {
        this.maxDataLength = maxDataLength;
        this.inPieces = inPieces;
    }

    /**
     * A reader that delivers each Data payload in pieces as it arrives, the frame's flags with the
     * last piece (see the class comment); a zero-length frame is still one empty call with its flags.
     */
    public static YamuxFrameReader inPieces(long maxDataLength) {
        return new YamuxFrameReader(maxDataLength, true);
    }

    /**
     * Reads as many whole frames as {@code in} holds, calling the listener for each. Stops at the
     * first incomplete frame, leaving its bytes in {@code in}.
     *
     * @throws YamuxException on a malformed header, or what the listener throws
     */
    public void readFrames(ByteBuf in, YamuxFrameListener listener) throws YamuxException {
        for (;;) {
            if (pendingDataLength >= 0) {
                if (discarding) {
                    int skip = (int) Math.min(in.readableBytes(), pendingDataLength);
                    in.skipBytes(skip);
                    pendingDataLength -= skip;
                    if (pendingDataLength > 0) {
                        return;
                    }
                    pendingDataLength = -1;
                    discarding = false;
                    continue;
                }
                if (in.readableBytes() < pendingDataLength) {
                    if (inPieces && pendingDataLength > 0 && in.isReadable()) {
                        int piece = in.readableBytes();
                        pendingDataLength -= piece;
                        listener.onData(pendingStreamId, 0, in.readRetainedSlice(piece));
                    }
                    return;
                }
                int length = (int) pendingDataLength;
                pendingDataLength = -1;
                ByteBuf data = length == 0 ? Unpooled.EMPTY_BUFFER : in.readRetainedSlice(length);
                listener.onData(pendingStreamId, pendingFlags, data);
                continue;
            }
            if (in.readableBytes() < HEADER_LENGTH) {
                return;
            }
            int start = in.readerIndex();
            int version = in.getUnsignedByte(start);
            int typeCode = in.getUnsignedByte(start + 1);
            int flags = in.getUnsignedShort(start + 2);
            int streamId = in.getInt(start + 4);
            long length = in.getUnsignedInt(start + 8);
            YamuxFrameType type = verifyHeader(version, typeCode, flags, streamId, length);
            in.skipBytes(HEADER_LENGTH);
            switch (type) {
                case DATA:
                    discarding = !listener.onDataHeader(streamId, flags, length);
                    pendingDataLength = length;
                    pendingStreamId = streamId;
                    pendingFlags = flags;
                    break;
                case WINDOW_UPDATE:
                    listener.onWindowUpdate(streamId, flags, length);
                    break;
                case PING:
                    listener.onPing(flags, length);
                    break;
                case GO_AWAY:
                    listener.onGoAway(YamuxErrorCode.of(length));
                    break;
                default:
                    throw new AssertionError(type);
            }
        }
    }

    /** Checks one header; returns its type or throws a protocol error naming what was wrong. */
    YamuxFrameType verifyHeader(int version, int typeCode, int flags, int streamId, long length)
            throws YamuxException {
        if (version != VERSION) {
            throw YamuxException.protocolError("unsupported yamux version %d (expected 0)", version);
        }
        YamuxFrameType type = YamuxFrameType.of(typeCode);
        if (type == null) {
            throw YamuxException.protocolError("unknown frame type %d", typeCode);
        }
        if ((flags & ~YamuxFlags.ALL) != 0) {
            throw YamuxException.protocolError("%s frame on stream %s has undefined flags 0x%x",
                    type, Integer.toUnsignedString(streamId), flags);
        }
        switch (type) {
            case DATA:
                requireStream(type, streamId);
                if (length > maxDataLength) {
                    throw YamuxException.protocolError(
                            "Data frame on stream %s has length %d, above the largest window %d",
                            Integer.toUnsignedString(streamId), length, maxDataLength);
                }
                break;
            case WINDOW_UPDATE:
                requireStream(type, streamId);
                break;
            case PING:
                requireSession(type, streamId);
                if (flags != YamuxFlags.SYN && flags != YamuxFlags.ACK) {
                    throw YamuxException.protocolError("Ping with flags %s (expected SYN or ACK)",
                            YamuxFlags.toString(flags));
                }
                break;
            case GO_AWAY:
                requireSession(type, streamId);
                if (YamuxErrorCode.of(length) == null) {
                    throw YamuxException.protocolError("GoAway with unknown code %d", length);
                }
                break;
            default:
                throw new AssertionError(type);
        }
        return type;
    }

    private static void requireStream(YamuxFrameType type, int streamId) throws YamuxException {
        if (streamId == 0) {
            throw YamuxException.protocolError("%s frame on stream 0 (the session)", type);
        }
    }

    private static void requireSession(YamuxFrameType type, int streamId) throws YamuxException {
        if (streamId != 0) {
            throw YamuxException.protocolError("%s frame on stream %s (must be 0)", type,
                    Integer.toUnsignedString(streamId));
        }
    }
}
