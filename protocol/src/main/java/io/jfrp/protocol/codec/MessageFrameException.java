package io.jfrp.protocol.codec;

import io.jfrp.protocol.msg.MessageType;

/**
 * A frame that cannot be decoded: the stream is unusable after it and the connection must be closed.
 * Carries the {@link Reason}, the type byte and (when known) the declared body length, and says them
 * in its message.
 */
public final class MessageFrameException extends FrameException {
    private static final long serialVersionUID = 1L;

    /** What was wrong with the frame. */
    public enum Reason {
        /** The type byte is not one frp registers. */
        UNKNOWN_TYPE,
        /** The declared body length is negative. */
        NEGATIVE_LENGTH,
        /** The declared body length is above {@link MessageCodec#MAX_BODY_LENGTH}. */
        LENGTH_EXCEEDS_LIMIT,
        /** The body is not a valid JSON object for the message type. */
        MALFORMED_BODY,
        /** The stream ended inside a frame. */
        TRUNCATED,
        /** Bytes follow the frame where exactly one frame was expected. */
        TRAILING_BYTES
    }

    private MessageFrameException(Reason reason, int typeByte, long length, String message, Throwable cause) {
        super(reason, typeByte & 0xFF, length, message, cause);
    }

    static MessageFrameException unknownType(int typeByte) {
        return new MessageFrameException(Reason.UNKNOWN_TYPE, typeByte, -1,
                "unknown message type " + MessageType.describe(typeByte), null);
    }

    static MessageFrameException negativeLength(int typeByte, long length) {
        return new MessageFrameException(Reason.NEGATIVE_LENGTH, typeByte, length,
                "message type " + MessageType.describe(typeByte) + ": negative body length " + length, null);
    }

    static MessageFrameException lengthExceedsLimit(int typeByte, long length) {
        return new MessageFrameException(Reason.LENGTH_EXCEEDS_LIMIT, typeByte, length,
                "message type " + MessageType.describe(typeByte) + ": body length " + length
                        + " exceeds the limit of " + MessageCodec.MAX_BODY_LENGTH + " bytes", null);
    }

    static MessageFrameException malformedBody(int typeByte, long length, String detail, Throwable cause) {
        return new MessageFrameException(Reason.MALFORMED_BODY, typeByte, length,
                "message type " + MessageType.describe(typeByte) + ": malformed JSON body of " + length
                        + " bytes: " + detail, cause);
    }

    static MessageFrameException truncated(int typeByte, long length, long available) {
        String what = length < 0 ? "inside the frame header" : "after " + available + " of " + length + " body bytes";
        return new MessageFrameException(Reason.TRUNCATED, typeByte, length,
                "message type " + MessageType.describe(typeByte) + ": stream ended " + what, null);
    }

    static MessageFrameException trailingBytes(int typeByte, long length, long trailing) {
        return new MessageFrameException(Reason.TRAILING_BYTES, typeByte, length,
                "message type " + MessageType.describe(typeByte) + ": " + trailing
                        + " unexpected bytes after the frame", null);
    }

    /** What was wrong. */
    @Override
    public Reason reason() {
        return (Reason) super.reason();
    }

    /** The frame's type byte (0-255). */
    public int typeByte() {
        return type();
    }
}
