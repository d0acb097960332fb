package io.jfrp.mux;

/**
 * The GoAway codes of yamux: the length field of a GoAway frame. Declared in wire order: a code's
 * value is its ordinal, as in Go's {@code iota}.
 */
public enum YamuxErrorCode {
    /** Orderly shutdown: no new streams, existing ones finish. */
    NORMAL,
    /** The peer broke the protocol; the session ends. */
    PROTOCOL_ERROR,
    /** The sender failed internally; the session ends. */
    INTERNAL_ERROR;

    private static final YamuxErrorCode[] BY_CODE = values();

    /** The value carried on the wire. */
    public int code() {
        return ordinal();
    }

    /** The enum for a wire value, or {@code null} when the value is not a defined code. */
    public static YamuxErrorCode of(long code) {
        return code >= 0 && code < BY_CODE.length ? BY_CODE[(int) code] : null;
    }
}
