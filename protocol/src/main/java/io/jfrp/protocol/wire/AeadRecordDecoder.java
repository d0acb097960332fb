package io.jfrp.protocol.wire;

import io.jfrp.protocol.codec.FailFastDecoder;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;

import javax.crypto.AEADBadTagException;
import java.util.List;

/**
 * Opens the inbound AEAD records of a v2 control stream ({@link AeadRecords}) and passes their
 * plaintext on as a byte stream (records do not align with frames; the frame decoder behind this
 * one reassembles).
 *
 * <h3>Validation</h3>
 * The first {@code nonceLength} bytes are the peer's stream nonce N0. Each record's length is
 * checked as soon as its 4 bytes are there (at least the tag, at most 65552) and against the record
 * limit, so at most one record is ever buffered; the tag is checked when the record is complete.
 * Every failure is an {@link AeadStreamException} and fatal: the decoder discards everything after
 * it and the channel's owner is expected to close the channel. End of stream at a record boundary
 * is a normal end; inside N0 or a record it is {@code TRUNCATED}.
 *
 * <h3>Reference counting</h3>
 * Each record's plaintext goes on in a newly allocated buffer; a record of 0 plaintext bytes
 * (legal) produces nothing.
 *
 * <p>Not sharable: it holds one direction's nonce sequence. Event loop only.
 */
public final class AeadRecordDecoder extends FailFastDecoder {
    private final AeadAlgorithm algorithm;
    private final AeadCipher cipher;
    private final long recordsUsed;
    private AeadRecords records;
    private byte[] ciphertext;

    /** A decoder for the direction keyed with {@code key}. */
    public AeadRecordDecoder(AeadAlgorithm algorithm, byte[] key) {
        this(algorithm, key, 0);
    }

    /** For tests of the record limit: as if {@code recordsUsed} records had been received. */
    AeadRecordDecoder(AeadAlgorithm algorithm, byte[] key, long recordsUsed) {
        super(AeadStreamException.class);
        this.algorithm = algorithm;
        this.cipher = algorithm.newCipher(key);
        this.recordsUsed = recordsUsed;
    }

    @Override
    protected void decodeOne(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (records == null) {
            if (in.readableBytes() < algorithm.nonceLength()) {
                return;
            }
            byte[] n0 = new byte[algorithm.nonceLength()];
            in.readBytes(n0);
            records = new AeadRecords(algorithm, n0, recordsUsed);
        }
        if (in.readableBytes() < AeadRecords.LENGTH_FIELD) {
            return;
        }
        long length = in.getUnsignedInt(in.readerIndex());
        if (length < AeadAlgorithm.TAG_LENGTH) {
            throw AeadStreamException.recordTooShort(algorithm, length);
        }
        if (length > AeadRecords.MAX_RECORD_LENGTH) {
            throw AeadStreamException.recordTooLong(algorithm, length);
        }
        records.checkLimit();
        if (in.readableBytes() < AeadRecords.LENGTH_FIELD + length) {
            return;
        }
        in.skipBytes(AeadRecords.LENGTH_FIELD);
        int n = (int) length;
        if (ciphertext == null || ciphertext.length < n) {
            ciphertext = new byte[Math.max(n, Math.min(4096, AeadRecords.MAX_RECORD_LENGTH))];
        }
        in.readBytes(ciphertext, 0, n);
        ByteBuf plain = ctx.alloc().heapBuffer(n - AeadAlgorithm.TAG_LENGTH);
        try {
            int opened = cipher.open(records.nonce(), records.aad(n), ciphertext, 0, n, plain.array(),
                    plain.arrayOffset() + plain.writerIndex());
            plain.writerIndex(plain.writerIndex() + opened);
            records.advance();
        } catch (AEADBadTagException e) {
            plain.release();
            throw AeadStreamException.authenticationFailed(algorithm, records.records(), e);
        } catch (Throwable t) {
            plain.release();
            throw t;
        }
        if (plain.isReadable()) {
            out.add(plain);
        } else {
            plain.release();
        }
    }

    @Override
    protected AeadStreamException truncated(ByteBuf in) {
        String where = records == null
                ? "after " + in.readableBytes() + " of the " + algorithm.nonceLength() + " stream nonce bytes"
                : "inside record " + records.records() + " (" + in.readableBytes() + " bytes of it received)";
        return AeadStreamException.truncated(algorithm, where);
    }
}
