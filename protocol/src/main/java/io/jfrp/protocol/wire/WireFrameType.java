package io.jfrp.protocol.wire;

/**
 * The frame types of wire protocol v2 ({@code u16 type} in the frame header). Any other value is a
 * protocol error.
 */
public enum WireFrameType {
    /** The client's capabilities, JSON; first frame of a control stream. */
    CLIENT_HELLO(1, "ClientHello"),
    /** The server's selection (or its error), JSON; first frame the server writes on a control stream. */
    SERVER_HELLO(2, "ServerHello"),
    /** An frp message: {@code u16 message id} then its JSON body. */
    MESSAGE(16, "Message");

    private final int code;
    private final String displayName;

    WireFrameType(int code, String displayName) {
        this.code = code;
        this.displayName = displayName;
    }

    /** The u16 on the wire. */
    public int code() {
        return code;
    }

    /** The type for a wire value, or {@code null} if v2 defines none. */
    public static WireFrameType forCodeOrNull(int code) {
        return switch (code) {
            case 1 -> CLIENT_HELLO;
            case 2 -> SERVER_HELLO;
            case 16 -> MESSAGE;
            default -> null;
        };
    }

    /** A wire value for error messages: {@code 2 (ServerHello)}, or just the number when unknown. */
    public static String describe(int code) {
        WireFrameType t = forCodeOrNull(code);
        return t == null ? Integer.toString(code) : code + " (" + t.displayName + ")";
    }

    @Override
    public String toString() {
        return displayName;
    }
}
