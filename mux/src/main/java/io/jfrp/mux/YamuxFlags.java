package io.jfrp.mux;

/**
 * The yamux header flags (bytes 2-3). Several may be set on one frame; the receiver acts on each.
 */
public final class YamuxFlags {
    /** Opens a stream (on Data or WindowUpdate) or asks for a ping answer. */
    public static final int SYN = 0x1;
    /** Accepts a stream, or answers a ping. */
    public static final int ACK = 0x2;
    /** Half-closes the sender's direction of a stream. */
    public static final int FIN = 0x4;
    /** Resets a stream: both directions end at once. */
    public static final int RST = 0x8;
    /** Every flag the protocol defines; a frame with other bits set is malformed. */
    public static final int ALL = SYN | ACK | FIN | RST;

    private YamuxFlags() {
    }

    /** True when {@code flags} has every bit of {@code flag}. */
    public static boolean has(int flags, int flag) {
        return (flags & flag) == flag;
    }

    /** A readable form such as {@code SYN|FIN}, for messages and logs. */
    public static String toString(int flags) {
        if (flags == 0) {
            return "0";
        }
        StringBuilder sb = new StringBuilder();
        append(sb, flags, SYN, "SYN");
        append(sb, flags, ACK, "ACK");
        append(sb, flags, FIN, "FIN");
        append(sb, flags, RST, "RST");
        int unknown = flags & ~ALL;
        if (unknown != 0) {
            if (sb.length() > 0) {
                sb.append('|');
            }
            sb.append("0x").append(Integer.toHexString(unknown));
        }
        return sb.toString();
    }

    private static void append(StringBuilder sb, int flags, int flag, String name) {
        if (has(flags, flag)) {
            if (sb.length() > 0) {
                sb.append('|');
            }
            sb.append(name);
        }
    }
}
