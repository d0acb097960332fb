package io.jfrp.nathole.stun;

import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A decoded STUN message, reduced to what NAT discovery reads: its type, transaction id, the
 * address attributes and an error response's code. Every known attribute was validated by
 * {@link StunCodec#decode}; unknown ones were skipped. When an attribute occurs more than once the
 * first counts (RFC 5389 section 15).
 *
 * @param type             the 14-bit message type, such as {@link StunCodec#BINDING_SUCCESS}
 * @param transactionId    the 12-byte transaction id (a copy is kept)
 * @param mappedAddress    MAPPED-ADDRESS, or null
 * @param xorMappedAddress XOR-MAPPED-ADDRESS, already un-XORed, or null
 * @param otherAddress     OTHER-ADDRESS (RFC 5780), or null
 * @param changedAddress   CHANGED-ADDRESS (RFC 3489), or null
 * @param errorCode        ERROR-CODE's number (300 to 699), or 0
 * @param errorReason      ERROR-CODE's reason phrase, or ""
 */
public record StunMessage(int type, byte[] transactionId, InetSocketAddress mappedAddress,
                          InetSocketAddress xorMappedAddress, InetSocketAddress otherAddress,
                          InetSocketAddress changedAddress, int errorCode, String errorReason) {

    public StunMessage {
        transactionId = Objects.requireNonNull(transactionId, "transactionId").clone();
        if (transactionId.length != StunCodec.TRANSACTION_ID_LENGTH) {
            throw new IllegalArgumentException("transaction id must be 12 bytes, got " + transactionId.length);
        }
        errorReason = errorReason == null ? "" : errorReason;
    }

    @Override
    public byte[] transactionId() {
        return transactionId.clone();
    }

    /** Whether this message carries {@code id} (constant time is not needed: ids are not secrets). */
    public boolean hasTransactionId(byte[] id) {
        return Arrays.equals(transactionId, id);
    }

    /** The reflexive address frp uses: XOR-MAPPED-ADDRESS, else MAPPED-ADDRESS; null if neither. */
    public InetSocketAddress reflexiveAddress() {
        return xorMappedAddress != null ? xorMappedAddress : mappedAddress;
    }

    /** The server's alternate address frp uses: OTHER-ADDRESS, else CHANGED-ADDRESS; null if neither. */
    public InetSocketAddress alternateAddress() {
        return otherAddress != null ? otherAddress : changedAddress;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StunMessage m && type == m.type && Arrays.equals(transactionId, m.transactionId)
                && Objects.equals(mappedAddress, m.mappedAddress) && Objects.equals(xorMappedAddress, m.xorMappedAddress)
                && Objects.equals(otherAddress, m.otherAddress) && Objects.equals(changedAddress, m.changedAddress)
                && errorCode == m.errorCode && errorReason.equals(m.errorReason);
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, Arrays.hashCode(transactionId), mappedAddress, xorMappedAddress, otherAddress,
                changedAddress, errorCode, errorReason);
    }

    @Override
    public String toString() {
        return String.format("StunMessage[type=0x%04x, tid=%s, mapped=%s, xorMapped=%s, other=%s, changed=%s%s]", type,
                HexFormat.of().formatHex(transactionId), mappedAddress, xorMappedAddress, otherAddress, changedAddress,
                errorCode == 0 ? "" : ", error=" + errorCode + " " + errorReason);
    }
}
