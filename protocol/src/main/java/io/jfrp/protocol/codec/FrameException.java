package io.jfrp.protocol.codec;

import io.netty.handler.codec.DecoderException;

/**
 * A frame that cannot be accepted, in either framing (v1's {@link MessageFrameException}, wire
 * protocol v2's {@code WireFrameException}): the stream is unusable after it and the connection must
 * be closed. Carries what was wrong and what is known of the frame's header, and says them in its
 * message; each subclass narrows {@link #reason()} to its own {@code Reason} enum.
 *
 * <p>Extends {@link DecoderException} so that Netty passes it through decoders unwrapped.
 */
public abstract class FrameException extends DecoderException {
    private static final long serialVersionUID = 1L;

    private final Enum<?> reason;
    private final int type;
    private final long length;

    /**
     * @param reason  what was wrong: a constant of the subclass's {@code Reason} enum
     * @param type    the type from the frame header, or -1 if the header was not read that far
     * @param length  the declared length from the header, or -1 if not known
     * @param message the whole description
     * @param cause   the parser's error, or null
     */
    protected FrameException(Enum<?> reason, int type, long length, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
        this.type = type;
        this.length = length;
    }

    /** What was wrong. */
    public Enum<?> reason() {
        return reason;
    }

    /** The type from the frame header, or -1 if the header was not read that far. */
    protected final int type() {
        return type;
    }

    /** The length declared by the frame header, or -1 if the header was not read that far. */
    public long length() {
        return length;
    }
}
