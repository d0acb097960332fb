package io.jfrp.mux;

/**
 * A session-level yamux failure: what went wrong, and the GoAway code that goes with it.
 * Created through the static factories, whose messages are format strings naming the values that
 * were wrong (the frame, the stream id, the window).
 */
public class YamuxException extends Exception {
    private static final long serialVersionUID = 1L;

    private final YamuxErrorCode code;

    public YamuxException(YamuxErrorCode code, String message) {
        super(message);
        this.code = code;
    }

    public YamuxException(YamuxErrorCode code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    /** The GoAway code this failure is reported with. */
    public YamuxErrorCode code() {
        return code;
    }

    /** The peer broke the protocol; the session ends with GoAway(protocol error). */
    public static YamuxException protocolError(String format, Object... args) {
        return new YamuxException(YamuxErrorCode.PROTOCOL_ERROR, String.format(format, args));
    }

    /** This side failed; the session ends with GoAway(internal error). */
    public static YamuxException internalError(String format, Object... args) {
        return new YamuxException(YamuxErrorCode.INTERNAL_ERROR, String.format(format, args));
    }

    /** A session ended by the peer's GoAway, or by a failure that sends no GoAway (keepalive). */
    public static YamuxException sessionClosed(YamuxErrorCode code, String format, Object... args) {
        return new YamuxException(code, String.format(format, args));
    }
}
