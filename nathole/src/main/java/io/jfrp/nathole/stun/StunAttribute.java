package io.jfrp.nathole.stun;

import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The STUN attribute types this client reads or writes (RFC 5389 section 15, RFC 5780 section 7,
 * RFC 3489 section 11.2), each with its type code; {@link #toString} is its name in the RFCs.
 */
public enum StunAttribute {
    /** RFC 3489/5389: the reflexive address in the clear. */
    MAPPED_ADDRESS(0x0001),
    /** RFC 3489 only: the server's alternate address, replaced by OTHER-ADDRESS. */
    CHANGED_ADDRESS(0x0005),
    /** RFC 5389: HMAC-SHA1 over the message; attributes after it are ignored, except FINGERPRINT. */
    MESSAGE_INTEGRITY(0x0008),
    /** RFC 5389: the reason of an error response. */
    ERROR_CODE(0x0009),
    /** RFC 5389: the reflexive address XORed with the magic cookie (and transaction id for IPv6). */
    XOR_MAPPED_ADDRESS(0x0020),
    /** RFC 5389: the agent's name; only named in messages. */
    SOFTWARE(0x8022),
    /** RFC 5389: CRC-32 of the message XOR 0x5354554e; must be last. */
    FINGERPRINT(0x8028),
    /** RFC 5780: the server's alternate IP and port, for the second binding request. */
    OTHER_ADDRESS(0x802C);

    private static final Map<Integer, StunAttribute> BY_TYPE = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(attribute -> attribute.type, attribute -> attribute));

    private final int type;

    StunAttribute(int type) {
        this.type = type;
    }

    /** The attribute of type code {@code type}, or null for one this client does not know. */
    public static StunAttribute of(int type) {
        return BY_TYPE.get(type);
    }

    /** The name of the attribute of type code {@code type}, or its type in hex. */
    public static String nameOf(int type) {
        StunAttribute attribute = of(type);
        return attribute != null ? attribute.toString() : String.format("attribute 0x%04x", type);
    }

    /** The RFC's name, such as {@code XOR-MAPPED-ADDRESS}: the constant's, with hyphens. */
    @Override
    public String toString() {
        return name().replace('_', '-');
    }
}
