package io.jfrp.protocol.crypto;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.UnsupportedMessageTypeException;

import java.security.SecureRandom;

/**
 * Encrypts the outbound byte stream the way frp's {@code crypto.Writer} does: the 16-byte IV in the
 * clear before the first byte, then AES-128-CFB ciphertext, byte for byte (no framing, no padding,
 * no MAC). Like frp, the IV goes out with the first write, so a direction that never sends never
 * sends an IV.
 *
 * <h3>Messages</h3>
 * Only {@link ByteBuf}s; anything else (a {@code FileRegion}, say) fails its promise with an
 * {@link UnsupportedMessageTypeException} rather than reaching the wire unencrypted.
 *
 * <h3>Reference counting</h3>
 * Each written buffer is released and replaced by a newly allocated encrypted one.
 *
 * <p>Not sharable: it holds one direction's cipher state.
 */
public final class CryptoEncoder extends ByteStreamEncoder {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final byte[] iv;
    private final AesCfbStream cipher;
    private boolean ivSent;

    /** An encoder with a fresh random IV. */
    public CryptoEncoder(CryptoKey key) {
        this(key, randomIv());
    }

    /**
     * An encoder with a given IV, for known-answer tests. Never reuse an IV with the same key: CFB
     * then leaks the XOR of the two plaintexts.
     */
    public CryptoEncoder(CryptoKey key, byte[] iv) {
        this.iv = iv.clone();
        this.cipher = AesCfbStream.encryptor(key, this.iv);
    }

    private static byte[] randomIv() {
        byte[] iv = new byte[AesCfbStream.BLOCK_SIZE];
        RANDOM.nextBytes(iv);
        return iv;
    }

    /** {@code in} encrypted, behind the IV if it is the first write. */
    @Override
    protected ByteBuf encode(ChannelHandlerContext ctx, ByteBuf in) {
        int header = ivSent ? 0 : iv.length;
        ByteBuf out = ctx.alloc().buffer(header + in.readableBytes());
        try {
            if (!ivSent) {
                out.writeBytes(iv);
                ivSent = true;
            }
            cipher.update(in, out);
            return out;
        } catch (Throwable t) {
            out.release();
            throw t;
        }
    }
}
