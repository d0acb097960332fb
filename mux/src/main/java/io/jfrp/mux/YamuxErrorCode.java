package io.jfrp.mux;

/**
 * The GoAway codes of yamux: the length field of a GoAway frame.
 */
public enum YamuxErrorCode {
    /** Orderly shutdown: no new streams, existing ones finish. */
    NORMAL(0),
    /** The peer broke the protocol; the session ends. */
    PROTOCOL_ERROR(1),
    /** The sender failed internally; the session ends. */
    INTERNAL_ERROR(2);

    private final int code;

    YamuxErrorCode(int code) {
        this.code = code;
    }

    /** The value carried on the wire. */
    public int code() {
        return code;
    }

    /** The enum for a wire value, or {@code null} when the value is not a defined code. */
    public static YamuxErrorCode of(long code) {
        for (YamuxErrorCode c : values()) {
            if (c.code == code) {
                return c;
            }
        }
        return null;
    }
}
