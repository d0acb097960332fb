package io.jfrp.nathole.punch;

import io.jfrp.protocol.codec.MessageCodec;
import io.jfrp.protocol.codec.MessageFrameException;
import io.jfrp.protocol.crypto.AesCfbStream;
import io.jfrp.protocol.crypto.CryptoKey;
import io.jfrp.protocol.msg.Message;
import io.jfrp.protocol.msg.MessageType;
import io.jfrp.protocol.msg.NatHoleSid;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

import java.security.SecureRandom;
import java.util.Objects;

/**
 * The punching datagram (frp's {@code nathole.EncodeMessage}/{@code DecodeMessageInto}): a
 * NatHoleSid message in v1 framing ({@code '5'}, int64 big-endian length, JSON body) whatever the
 * control's wire protocol, encrypted as one piece with golib's {@code crypto.Encode}: a random
 * 16-byte IV, then AES-128-CFB of the frame under PBKDF2(secretKey, "frp", 64, 16, SHA-1).
 *
 * <h3>Decoding</h3>
 * frp reads at most 1024 bytes per datagram, so longer datagrams are refused here; so are ones too
 * short for an IV and a frame header. After decryption the frame must be exactly one NatHoleSid
 * ({@link MessageCodec}'s checks: type byte, length within the datagram and the 10240-byte limit,
 * JSON). There is no MAC: a datagram under another key decrypts to noise, which the frame checks
 * reject. Every refusal is a {@link ProbeFormatException} saying why.
 *
 * <p>Immutable and thread-safe (each call makes its own cipher).
 */
public final class ProbeCodec {
    /** frp's read buffer per datagram. */
    public static final int MAX_DATAGRAM = 1024;
    /** IV plus a frame header. */
    public static final int MIN_DATAGRAM = AesCfbStream.BLOCK_SIZE + MessageCodec.HEADER_LENGTH;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final CryptoKey key;

    /** A codec for the proxy's secret key. */
    public ProbeCodec(CryptoKey key) {
        this.key = Objects.requireNonNull(key, "key");
    }

    /** A codec for {@code secretKey} (the key derivation costs 64 HMACs: make one per punch). */
    public static ProbeCodec forSecret(String secretKey) {
        return new ProbeCodec(CryptoKey.fromSecret(secretKey));
    }

    /** The datagram for {@code probe} under a fresh random IV. */
    public ByteBuf encode(NatHoleSid probe, ByteBufAllocator alloc) {
        byte[] iv = new byte[AesCfbStream.BLOCK_SIZE];
        RANDOM.nextBytes(iv);
        byte[] datagram = encode(probe, iv);
        return alloc.buffer(datagram.length).writeBytes(datagram);
    }

    /**
     * The datagram for {@code probe} under the given IV, for known-answer tests. Never reuse an IV
     * with the same key on the wire.
     */
    public byte[] encode(NatHoleSid probe, byte[] iv) {
        if (iv.length != AesCfbStream.BLOCK_SIZE) {
            throw new IllegalArgumentException("IV must be 16 bytes, got " + iv.length);
        }
        byte[] frame = MessageCodec.encode(probe);
        byte[] out = new byte[iv.length + frame.length];
        System.arraycopy(iv, 0, out, 0, iv.length);
        AesCfbStream.encryptor(key, iv).update(frame, 0, frame.length, out, iv.length);
        return out;
    }

    /** Decodes the readable bytes of {@code datagram} (not consumed). */
    public NatHoleSid decode(ByteBuf datagram) throws ProbeFormatException {
        int n = datagram.readableBytes();
        checkSize(n);
        byte[] bytes = new byte[n];
        datagram.getBytes(datagram.readerIndex(), bytes);
        return decode(bytes);
    }

    /** Decodes one datagram. */
    public NatHoleSid decode(byte[] datagram) throws ProbeFormatException {
        checkSize(datagram.length);
        byte[] iv = new byte[AesCfbStream.BLOCK_SIZE];
        System.arraycopy(datagram, 0, iv, 0, iv.length);
        byte[] frame = new byte[datagram.length - iv.length];
        AesCfbStream.decryptor(key, iv).update(datagram, iv.length, frame.length, frame, 0);
        if (frame[0] != MessageType.NAT_HOLE_SID.code()) {
            throw new ProbeFormatException(String.format("not a NatHoleSid after decryption: type byte 0x%02x"
                    + " (another secret key, or not an frp probe)", frame[0] & 0xFF));
        }
        Message message;
        try {
            message = MessageCodec.decode(frame);
        } catch (MessageFrameException e) {
            throw new ProbeFormatException("bad NatHoleSid frame: " + e.getMessage(), e);
        }
        return (NatHoleSid) message;
    }

    private static void checkSize(int n) throws ProbeFormatException {
        if (n < MIN_DATAGRAM) {
            throw new ProbeFormatException("datagram of " + n + " bytes is shorter than an IV and a frame header ("
                    + MIN_DATAGRAM + ")");
        }
        if (n > MAX_DATAGRAM) {
            throw new ProbeFormatException("datagram of " + n + " bytes is longer than frp's " + MAX_DATAGRAM);
        }
    }
}
