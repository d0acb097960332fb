package io.jfrp.nathole.stun;

/**
 * The STUN attribute types this client reads or writes (RFC 5389 section 15, RFC 5780 section 7,
 * RFC 3489 section 11.2), with their names for error messages.
 */
public final class StunAttributes {
    /** RFC 3489/5389: the reflexive address in the clear. */
    public static final int MAPPED_ADDRESS = 0x0001;
    /** RFC 3489 only: the server's alternate address, replaced by OTHER-ADDRESS. */
    public static final int CHANGED_ADDRESS = 0x0005;
    /** RFC 5389: the reason of an error response. */
    public static final int ERROR_CODE = 0x0009;
    /** RFC 5389: HMAC-SHA1 over the message; attributes after it are ignored, except FINGERPRINT. */
    public static final int MESSAGE_INTEGRITY = 0x0008;
    /** RFC 5389: the reflexive address XORed with the magic cookie (and transaction id for IPv6). */
    public static final int XOR_MAPPED_ADDRESS = 0x0020;
    /** RFC 5389: the agent's name; only named in messages. */
    public static final int SOFTWARE = 0x8022;
    /** RFC 5389: CRC-32 of the message XOR 0x5354554e; must be last. */
    public static final int FINGERPRINT = 0x8028;
    /** RFC 5780: the server's alternate IP and port, for the second binding request. */
    public static final int OTHER_ADDRESS = 0x802C;

    private StunAttributes() {
    }

    /** The attribute's name, or its type in hex. */
    public static String name(int type) {
        return switch (type) {
            case MAPPED_ADDRESS -> "MAPPED-ADDRESS";
            case CHANGED_ADDRESS -> "CHANGED-ADDRESS";
            case ERROR_CODE -> "ERROR-CODE";
            case MESSAGE_INTEGRITY -> "MESSAGE-INTEGRITY";
            case XOR_MAPPED_ADDRESS -> "XOR-MAPPED-ADDRESS";
            case FINGERPRINT -> "FINGERPRINT";
            case OTHER_ADDRESS -> "OTHER-ADDRESS";
            case SOFTWARE -> "SOFTWARE";
            default -> String.format("attribute 0x%04x", type);
        };
    }
}
