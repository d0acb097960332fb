package io.jfrp.mux;

/**
 * The four yamux frame types (byte 1 of the header). Any other value is a protocol error.
 */
public enum YamuxFrameType {
    /** Stream payload; length is the number of payload bytes that follow the header. */
    DATA(0),
    /** Adds {@code length} bytes to the receiver's send window for the stream. */
    WINDOW_UPDATE(1),
    /** Session liveness and RTT: SYN asks, ACK answers with the same opaque value. */
    PING(2),
    /** Session termination; length carries a {@link YamuxErrorCode}. */
    GO_AWAY(3);

    private static final YamuxFrameType[] BY_CODE = values();

    private final int code;

    YamuxFrameType(int code) {
        this.code = code;
    }

    /** The value of the type byte on the wire. */
    public int code() {
        return code;
    }

    /** The type for a wire value, or {@code null} when the value is not a yamux type. */
    public static YamuxFrameType of(int code) {
        return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
    }
}
