package io.jfrp.nathole.stun;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;
import java.util.zip.CRC32;

import static io.jfrp.nathole.stun.StunFormatException.format;

/**
 * Writes Binding requests and strictly decodes STUN messages (RFC 5389 sections 6 and 15, the
 * address attributes of RFC 5780 and RFC 3489).
 *
 * <h3>What decoding checks</h3>
 * In wire order: the 20-byte header, the top two bits, the magic cookie, a length field that is a
 * multiple of 4 and equals what follows the header, every attribute's length against the message
 * end, the address family and length of each address attribute, the ERROR-CODE layout, the
 * MESSAGE-INTEGRITY length, and a FINGERPRINT (when present) that is last and matches the CRC-32.
 * Each failure is a {@link StunFormatException} naming the rule and the values. Unknown attributes
 * are skipped, as frp's STUN library (pion) does: refusing them would refuse servers stock frpc
 * works with (stund sends RFC 3489's SOURCE-ADDRESS, coturn RESPONSE-ORIGIN). Attributes after
 * MESSAGE-INTEGRITY other than FINGERPRINT are ignored, as RFC 5389 section 15.4 says.
 *
 * <p>Stateless and thread-safe.
 */
public final class StunCodec {
    /** Header: type, length, magic cookie, transaction id. */
    public static final int HEADER_LENGTH = 20;
    /** RFC 5389's magic cookie. */
    public static final int MAGIC_COOKIE = 0x2112A442;
    /** Transaction id bytes after the cookie. */
    public static final int TRANSACTION_ID_LENGTH = 12;
    /** Binding request (method 1, class request). */
    public static final int BINDING_REQUEST = 0x0001;
    /** Binding success response. */
    public static final int BINDING_SUCCESS = 0x0101;
    /** Binding error response. */
    public static final int BINDING_ERROR = 0x0111;

    private static final int FINGERPRINT_XOR = 0x5354554E;
    private static final int FAMILY_IPV4 = 0x01;
    private static final int FAMILY_IPV6 = 0x02;

    private StunCodec() {
    }

    /** A Binding request without attributes, as frp's client sends (pion's {@code stun.Build}). */
    public static byte[] bindingRequest(byte[] transactionId) {
        if (transactionId.length != TRANSACTION_ID_LENGTH) {
            throw new IllegalArgumentException("transaction id must be 12 bytes, got " + transactionId.length);
        }
        byte[] out = new byte[HEADER_LENGTH];
        out[0] = (byte) (BINDING_REQUEST >>> 8);
        out[1] = (byte) BINDING_REQUEST;
        // out[2..3]: length 0
        writeInt(out, 4, MAGIC_COOKIE);
        System.arraycopy(transactionId, 0, out, 8, TRANSACTION_ID_LENGTH);
        return out;
    }

    /**
     * The transaction id of what looks like a STUN message (20 bytes or more, top bits clear, the
     * magic cookie), or null. Lets a client ignore strays cheaply and report a malformed answer to
     * its own request as an error.
     */
    public static byte[] peekTransactionId(ByteBuf datagram) {
        if (datagram.readableBytes() < HEADER_LENGTH) {
            return null;
        }
        int start = datagram.readerIndex();
        if ((datagram.getByte(start) & 0xC0) != 0 || datagram.getInt(start + 4) != MAGIC_COOKIE) {
            return null;
        }
        byte[] id = new byte[TRANSACTION_ID_LENGTH];
        datagram.getBytes(start + 8, id);
        return id;
    }

    /** Decodes the readable bytes of {@code datagram} (not consumed). */
    public static StunMessage decode(ByteBuf datagram) throws StunFormatException {
        return decode(ByteBufUtil.getBytes(datagram));
    }

    /** Decodes one whole datagram. */
    public static StunMessage decode(byte[] data) throws StunFormatException {
        int length = data.length;
        if (length < HEADER_LENGTH) {
            throw format("STUN message too short: %d bytes, the header alone is %d", length, HEADER_LENGTH);
        }
        if ((data[0] & 0xC0) != 0) {
            throw format("not a STUN message: first byte 0x%02x has one of the top two bits set", data[0] & 0xFF);
        }
        int type = readShort(data, 0);
        int messageLength = readShort(data, 2);
        int cookie = readInt(data, 4);
        if (cookie != MAGIC_COOKIE) {
            throw format("magic cookie 0x%08x, expected 0x%08x", cookie, MAGIC_COOKIE);
        }
        if (messageLength % 4 != 0) {
            throw format("message length %d is not a multiple of 4", messageLength);
        }
        if (messageLength != length - HEADER_LENGTH) {
            throw format("message length field says %d bytes of attributes, but %d follow the header",
                    messageLength, length - HEADER_LENGTH);
        }
        byte[] tid = new byte[TRANSACTION_ID_LENGTH];
        System.arraycopy(data, 8, tid, 0, TRANSACTION_ID_LENGTH);
        Attributes found = new Attributes();
        int pos = HEADER_LENGTH;
        boolean afterIntegrity = false;
        boolean afterFingerprint = false;
        while (pos < length) {
            int attrType = readShort(data, pos);
            int attrLength = readShort(data, pos + 2);
            int value = pos + 4;
            int padded = (attrLength + 3) & ~3;
            if (afterFingerprint) {
                throw format("%s at offset %d follows FINGERPRINT, which must be the last attribute",
                        StunAttribute.nameOf(attrType), pos);
            }
            if (padded > length - value) {
                throw format("%s at offset %d: length %d (padded %d) runs past the end of the message (%d bytes left)",
                        StunAttribute.nameOf(attrType), pos, attrLength, padded, length - value);
            }
            StunAttribute attribute = StunAttribute.of(attrType);
            if (attribute == StunAttribute.FINGERPRINT) {
                checkFingerprint(data, pos, attrLength);
                afterFingerprint = true;
            } else if (attribute != null && !afterIntegrity) {
                afterIntegrity = found.read(attribute, data, value, attrLength, tid);
            }
            // Unknown attributes are skipped (see the class comment).
            pos = value + padded;
        }
        return new StunMessage(type, tid, found.first(StunAttribute.MAPPED_ADDRESS),
                found.first(StunAttribute.XOR_MAPPED_ADDRESS), found.first(StunAttribute.OTHER_ADDRESS),
                found.first(StunAttribute.CHANGED_ADDRESS), found.errorCode, found.errorReason);
    }

    private static void checkFingerprint(byte[] data, int pos, int attrLength) throws StunFormatException {
        if (attrLength != 4) {
            throw format("FINGERPRINT length %d, must be 4", attrLength);
        }
        CRC32 crc = new CRC32();
        crc.update(data, 0, pos);
        int expected = (int) crc.getValue() ^ FINGERPRINT_XOR;
        int actual = readInt(data, pos + 4);
        if (actual != expected) {
            throw format("FINGERPRINT 0x%08x does not match the message (expected 0x%08x)", actual, expected);
        }
    }

    /** The first occurrence of each attribute we read. */
    private static final class Attributes {
        /** The address attributes by type; a repeated one is neither decoded nor checked. */
        final Map<StunAttribute, InetSocketAddress> addresses = new EnumMap<>(StunAttribute.class);
        int errorCode;
        String errorReason = "";
        boolean sawError;

        InetSocketAddress first(StunAttribute type) {
            return addresses.get(type);
        }

        /** Reads one known attribute; returns whether it was MESSAGE-INTEGRITY. */
        boolean read(StunAttribute type, byte[] data, int value, int length, byte[] tid) throws StunFormatException {
            switch (type) {
                case MAPPED_ADDRESS, XOR_MAPPED_ADDRESS, OTHER_ADDRESS, CHANGED_ADDRESS -> {
                    if (!addresses.containsKey(type)) {
                        // Only XOR-MAPPED-ADDRESS is XORed (port and IPv4 with the cookie, IPv6 with the id too).
                        byte[] xorId = type == StunAttribute.XOR_MAPPED_ADDRESS ? tid : null;
                        addresses.put(type, address(type, data, value, length, xorId));
                    }
                }
                case ERROR_CODE -> {
                    if (!sawError) {
                        readError(data, value, length);
                        sawError = true;
                    }
                }
                case MESSAGE_INTEGRITY -> {
                    if (length != 20) {
                        throw format("MESSAGE-INTEGRITY length %d, must be 20", length);
                    }
                    return true;
                }
                default -> {
                    // Known but unused (SOFTWARE; FINGERPRINT is checked by the caller): skipped.
                }
            }
            return false;
        }

        private void readError(byte[] data, int value, int length) throws StunFormatException {
            if (length < 4) {
                throw format("ERROR-CODE length %d, must be at least 4", length);
            }
            int errorClass = data[value + 2] & 0x07;
            int number = data[value + 3] & 0xFF;
            if (errorClass < 3 || errorClass > 6 || number > 99) {
                throw format("ERROR-CODE class %d number %d: the code must be 300 to 699", errorClass, number);
            }
            errorCode = errorClass * 100 + number;
            errorReason = new String(data, value + 4, length - 4, StandardCharsets.UTF_8);
        }
    }

    /**
     * An address attribute: reserved byte, family, port, address; XORed with the cookie (and for
     * IPv6 the transaction id) when {@code xorTid} is given.
     */
    private static InetSocketAddress address(StunAttribute type, byte[] data, int value, int length, byte[] xorTid)
            throws StunFormatException {
        String name = type.toString();
        if (length < 4) {
            throw format("%s length %d is too short for an address", name, length);
        }
        int family = data[value + 1] & 0xFF;
        int ipLength = switch (family) {
            case FAMILY_IPV4 -> 4;
            case FAMILY_IPV6 -> 16;
            default -> throw format("%s has unknown address family 0x%02x (1 is IPv4, 2 is IPv6)", name, family);
        };
        if (length != 4 + ipLength) {
            throw format("%s length %d does not fit its family (%s needs %d)", name, length,
                    family == FAMILY_IPV4 ? "IPv4" : "IPv6", 4 + ipLength);
        }
        int port = readShort(data, value + 2);
        byte[] ip = new byte[ipLength];
        System.arraycopy(data, value + 4, ip, 0, ipLength);
        if (xorTid != null) {
            port ^= MAGIC_COOKIE >>> 16;
            byte[] mask = new byte[16];
            writeInt(mask, 0, MAGIC_COOKIE);
            System.arraycopy(xorTid, 0, mask, 4, TRANSACTION_ID_LENGTH);
            for (int i = 0; i < ipLength; i++) {
                ip[i] ^= mask[i];
            }
        }
        try {
            return new InetSocketAddress(InetAddress.getByAddress(ip), port);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("4 or 16 bytes are always an address", e);
        }
    }

    private static int readShort(byte[] data, int at) {
        return ((data[at] & 0xFF) << 8) | (data[at + 1] & 0xFF);
    }

    private static int readInt(byte[] data, int at) {
        return (readShort(data, at) << 16) | readShort(data, at + 2);
    }

    private static void writeInt(byte[] out, int at, int value) {
        out[at] = (byte) (value >>> 24);
        out[at + 1] = (byte) (value >>> 16);
        out[at + 2] = (byte) (value >>> 8);
        out[at + 3] = (byte) value;
    }
}
