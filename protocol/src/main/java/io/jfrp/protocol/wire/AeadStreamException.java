package io.jfrp.protocol.wire;

import io.netty.handler.codec.DecoderException;

/**
 * The AEAD record stream of a v2 control stream failed: a record was malformed, forged or out of
 * order, the stream ended mid-record, or a direction ran out of records. Always fatal: the stream
 * is closed (and with it the session).
 *
 * <p>Extends {@link DecoderException} so that Netty passes it through decoders unwrapped.
 */
public final class AeadStreamException extends DecoderException {
    private static final long serialVersionUID = 1L;

    /** What went wrong. */
    public enum Reason {
        /** A record length below the 16-byte tag. */
        RECORD_TOO_SHORT,
        /** A record length above 65536 + 16. */
        RECORD_TOO_LONG,
        /** The tag did not verify: the record was altered, reordered, replayed or keyed differently. */
        AUTHENTICATION_FAILED,
        /** aes-256-gcm's 2^32 records of one direction are used up. */
        RECORD_LIMIT_REACHED,
        /** The record nonce would wrap around. */
        NONCE_EXHAUSTED,
        /** The stream ended inside the stream nonce or inside a record. */
        TRUNCATED
    }

    private final Reason reason;

    private AeadStreamException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    static AeadStreamException recordTooShort(AeadAlgorithm algorithm, long length) {
        return new AeadStreamException(Reason.RECORD_TOO_SHORT, algorithm + " record length " + length
                + " is smaller than the " + AeadAlgorithm.TAG_LENGTH + "-byte tag", null);
    }

    static AeadStreamException recordTooLong(AeadAlgorithm algorithm, long length) {
        return new AeadStreamException(Reason.RECORD_TOO_LONG, algorithm + " record length " + length
                + " exceeds the limit of " + AeadRecords.MAX_RECORD_LENGTH, null);
    }

    static AeadStreamException authenticationFailed(AeadAlgorithm algorithm, long record, Throwable cause) {
        return new AeadStreamException(Reason.AUTHENTICATION_FAILED, algorithm + " record " + record
                + " failed authentication (tag mismatch)", cause);
    }

    static AeadStreamException recordLimitReached(AeadAlgorithm algorithm, long limit) {
        return new AeadStreamException(Reason.RECORD_LIMIT_REACHED, algorithm + " stream record limit " + limit
                + " reached", null);
    }

    static AeadStreamException nonceExhausted(AeadAlgorithm algorithm) {
        return new AeadStreamException(Reason.NONCE_EXHAUSTED, algorithm + " stream nonce counter exhausted", null);
    }

    static AeadStreamException truncated(AeadAlgorithm algorithm, String where) {
        return new AeadStreamException(Reason.TRUNCATED, algorithm + " stream ended " + where, null);
    }

    /** What went wrong. */
    public Reason reason() {
        return reason;
    }
}
