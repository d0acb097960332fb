package io.jfrp.protocol.crypto;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * Decrypts the inbound byte stream the way frp's {@code crypto.Reader} does: the first 16 bytes are
 * the peer's IV, everything after is AES-128-CFB ciphertext. Streaming: the IV may arrive split over
 * reads, and each ciphertext byte is decrypted as soon as it arrives, whatever the chunking.
 *
 * <h3>Reference counting</h3>
 * Each inbound buffer is released; decrypted bytes go on in a new buffer (none when a read held
 * only IV bytes). Other messages pass through untouched.
 *
 * <p>Nothing is authenticated (frp's scheme has no MAC): tampered ciphertext yields garbage that the
 * next layer (framing, snappy CRCs) has to reject.
 *
 * <p>Not sharable: it holds one direction's cipher state.
 */
public final class CryptoDecoder extends ChannelInboundHandlerAdapter {
    private final CryptoKey key;
    private final byte[] iv = new byte[AesCfbStream.BLOCK_SIZE];
    private int ivRead;
    private AesCfbStream cipher;

    public CryptoDecoder(CryptoKey key) {
        this.key = key;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ByteBuf in)) {
            ctx.fireChannelRead(msg);
            return;
        }
        ByteBuf out = null;
        try {
            if (cipher == null) {
                int n = Math.min(iv.length - ivRead, in.readableBytes());
                in.readBytes(iv, ivRead, n);
                ivRead += n;
                if (ivRead < iv.length) {
                    return;
                }
                cipher = AesCfbStream.decryptor(key, iv);
            }
            if (!in.isReadable()) {
                return;
            }
            out = ctx.alloc().buffer(in.readableBytes());
            cipher.update(in, out);
        } catch (Throwable t) {
            if (out != null) {
                out.release();
            }
            throw t;
        } finally {
            in.release();
        }
        ctx.fireChannelRead(out);
    }
}
