package io.jfrp.protocol.wire;

import io.jfrp.protocol.crypto.ByteStreamEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;

import java.security.SecureRandom;

/**
 * Seals the outbound byte stream of a v2 control stream into AEAD records ({@link AeadRecords}):
 * the stream nonce N0 in the clear right before the first record (not when the encoder is added,
 * as stock frp), then each written buffer as records of at most 65536 plaintext bytes. A frame
 * written as one buffer is one record; a peer must not care either way.
 *
 * <h3>Errors</h3>
 * Only {@link ByteBuf}s are accepted (anything else fails its promise rather than reaching the wire
 * unencrypted). When the record limit or the nonce is used up, the write fails with an
 * {@link AeadStreamException} and so does every later write: the direction is finished.
 *
 * <h3>Reference counting</h3>
 * Each written buffer is released and replaced by a newly allocated one holding the records.
 *
 * <p>Not sharable: it holds one direction's nonce sequence. Event loop only.
 */
public final class AeadRecordEncoder extends ByteStreamEncoder {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final AeadCipher cipher;
    private final AeadRecords records;
    private byte[] plaintext;
    private boolean nonceSent;
    private AeadStreamException failure;

    /** An encoder with a fresh random stream nonce. */
    public AeadRecordEncoder(AeadAlgorithm algorithm, byte[] key) {
        this(algorithm, key, randomNonce(algorithm), 0);
    }

    /**
     * An encoder with a given stream nonce, for known-answer tests. Never reuse a nonce with the
     * same key: both AEADs then leak plaintext and allow forgeries.
     */
    public AeadRecordEncoder(AeadAlgorithm algorithm, byte[] key, byte[] streamNonce) {
        this(algorithm, key, streamNonce, 0);
    }

    /** For tests of the record limit: as if {@code recordsUsed} records had been sent. */
    AeadRecordEncoder(AeadAlgorithm algorithm, byte[] key, byte[] streamNonce, long recordsUsed) {
        this.cipher = algorithm.newCipher(key);
        this.records = new AeadRecords(algorithm, streamNonce, recordsUsed);
    }

    private static byte[] randomNonce(AeadAlgorithm algorithm) {
        byte[] n0 = new byte[algorithm.nonceLength()];
        RANDOM.nextBytes(n0);
        return n0;
    }

    /** {@code in} sealed into records (an empty buffer passes as it is); after a failure, that failure. */
    @Override
    protected ByteBuf encode(ChannelHandlerContext ctx, ByteBuf in) {
        if (failure != null) {
            throw failure;
        }
        if (!in.isReadable()) {
            return in.retain();
        }
        try {
            return seal(ctx, in);
        } catch (AeadStreamException e) {
            failure = e;
            throw e;
        }
    }

    private ByteBuf seal(ChannelHandlerContext ctx, ByteBuf in) {
        int total = in.readableBytes();
        int count = (total + AeadRecords.MAX_PLAINTEXT - 1) / AeadRecords.MAX_PLAINTEXT;
        int nonceBytes = nonceSent ? 0 : records.streamNonce().length;
        ByteBuf out = ctx.alloc().heapBuffer(nonceBytes + total
                + count * (AeadRecords.LENGTH_FIELD + AeadAlgorithm.TAG_LENGTH));
        try {
            if (!nonceSent) {
                out.writeBytes(records.streamNonce());
            }
            while (in.isReadable()) {
                int n = Math.min(in.readableBytes(), AeadRecords.MAX_PLAINTEXT);
                records.checkLimit();
                int length = n + AeadAlgorithm.TAG_LENGTH;
                out.writeInt(length);
                if (plaintext == null || plaintext.length < n) {
                    plaintext = new byte[Math.max(n, Math.min(4096, AeadRecords.MAX_PLAINTEXT))];
                }
                in.readBytes(plaintext, 0, n);
                int written = cipher.seal(records.nonce(), records.aad(length), plaintext, 0, n, out.array(),
                        out.arrayOffset() + out.writerIndex());
                out.writerIndex(out.writerIndex() + written);
                records.advance();
            }
            // Only now: a direction whose first record failed has sent nothing, not even N0.
            nonceSent = true;
            return out;
        } catch (Throwable t) {
            out.release();
            throw t;
        }
    }
}
