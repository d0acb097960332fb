package io.jfrp.protocol.wire;

import io.jfrp.protocol.codec.FrameException;

/**
 * A v2 frame, message or hello that cannot be accepted: the connection has lost its framing or its
 * peer broke the protocol, and must be closed (on a control stream that ends the session). Carries
 * the {@link Reason} and what is known of the frame, and says it in its message.
 */
public final class WireFrameException extends FrameException {
    private static final long serialVersionUID = 1L;

    /** What was wrong. */
    public enum Reason {
        /** The header's flags are not 0. */
        UNSUPPORTED_FLAGS,
        /** The header's length is above {@link WireFrames#MAX_PAYLOAD_LENGTH}. */
        LENGTH_EXCEEDS_LIMIT,
        /** The frame type is none of 1, 2 and 16. */
        UNKNOWN_FRAME_TYPE,
        /** A known frame type where another was expected (a hello mid-stream, a message before ServerHello). */
        UNEXPECTED_FRAME_TYPE,
        /** A Message frame shorter than its 2-byte message id. */
        PAYLOAD_TOO_SHORT,
        /** A message id frp does not define. */
        UNKNOWN_MESSAGE_ID,
        /** A message where the reader expected another kind (the first message of a connection). */
        UNEXPECTED_MESSAGE,
        /** A message body that is not valid JSON for its type. */
        MALFORMED_BODY,
        /** A ClientHello or ServerHello payload that is not valid JSON for a hello. */
        MALFORMED_HELLO,
        /** The stream ended inside a frame (or inside the 7-byte magic). */
        TRUNCATED
    }

    private WireFrameException(Reason reason, int frameType, long length, String message, Throwable cause) {
        super(reason, frameType, length, message, cause);
    }

    static WireFrameException unsupportedFlags(int frameType, int flags) {
        return new WireFrameException(Reason.UNSUPPORTED_FLAGS, frameType, -1, "v2 frame type "
                + WireFrameType.describe(frameType) + ": unsupported frame flags " + flags + " (must be 0)", null);
    }

    static WireFrameException lengthExceedsLimit(int frameType, long length) {
        return new WireFrameException(Reason.LENGTH_EXCEEDS_LIMIT, frameType, length, "v2 frame type "
                + WireFrameType.describe(frameType) + ": payload length " + length + " exceeds the limit of "
                + WireFrames.MAX_PAYLOAD_LENGTH + " bytes", null);
    }

    static WireFrameException unknownFrameType(int frameType, long length) {
        return new WireFrameException(Reason.UNKNOWN_FRAME_TYPE, frameType, length,
                "unknown v2 frame type " + frameType + " (" + length + " payload bytes)", null);
    }

    static WireFrameException unexpectedFrameType(int frameType, long length, String expected) {
        return new WireFrameException(Reason.UNEXPECTED_FRAME_TYPE, frameType, length, "unexpected v2 frame type "
                + WireFrameType.describe(frameType) + ", expected " + expected, null);
    }

    static WireFrameException payloadTooShort(long length) {
        return new WireFrameException(Reason.PAYLOAD_TOO_SHORT, WireFrameType.MESSAGE.code(), length,
                "v2 Message frame of " + length + " bytes is shorter than its 2-byte message id", null);
    }

    static WireFrameException unknownMessageId(int id, long length) {
        return new WireFrameException(Reason.UNKNOWN_MESSAGE_ID, WireFrameType.MESSAGE.code(), length,
                "unknown v2 message id " + id, null);
    }

    static WireFrameException unexpectedMessage(String actual, String expected) {
        return new WireFrameException(Reason.UNEXPECTED_MESSAGE, WireFrameType.MESSAGE.code(), -1,
                "unexpected message " + actual + ", expected " + expected, null);
    }

    static WireFrameException malformedBody(String messageType, int id, long length, String detail, Throwable cause) {
        return new WireFrameException(Reason.MALFORMED_BODY, WireFrameType.MESSAGE.code(), length, "v2 message "
                + messageType + " (id " + id + "): malformed JSON body of " + (length - 2) + " bytes: " + detail, cause);
    }

    static WireFrameException malformedHello(WireFrameType type, long length, String detail, Throwable cause) {
        return new WireFrameException(Reason.MALFORMED_HELLO, type.code(), length,
                "malformed " + type + " of " + length + " bytes: " + detail, cause);
    }

    static WireFrameException truncated(int frameType, long length, long available) {
        String what = length < 0 ? "inside the 8-byte frame header" : "after " + available + " of " + length
                + " payload bytes";
        return new WireFrameException(Reason.TRUNCATED, frameType, length, "v2 stream ended " + what
                + (frameType < 0 ? "" : " (frame type " + WireFrameType.describe(frameType) + ")"), null);
    }

    static WireFrameException truncatedMagic(int available) {
        return new WireFrameException(Reason.TRUNCATED, -1, -1, "stream ended after " + available
                + " of the 7 bytes that tell wire protocol v1 from v2", null);
    }

    /** What was wrong. */
    @Override
    public Reason reason() {
        return (Reason) super.reason();
    }

    /** The frame type from the header (0-65535), or -1 if the header was not read that far. */
    public int frameType() {
        return type();
    }
}
