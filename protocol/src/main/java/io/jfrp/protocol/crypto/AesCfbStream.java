package io.jfrp.protocol.crypto;

import io.netty.buffer.ByteBuf;

import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;

/**
 * AES-128-CFB with 128-bit feedback as a true stream cipher: every input byte produces its output
 * byte at once, whatever the chunking, like Go's {@code cipher.NewCFBEncrypter}/{@code Decrypter}.
 *
 * <h3>Why not just the JCA cipher</h3>
 * The JCA's {@code AES/CFB/NoPadding} computes the same stream but holds back a partial block in
 * {@code update()} until 16 bytes are there, which would stall a network stream (a 5-byte message
 * would never leave). So runs of whole blocks go through the JCA cipher (fast), and partial blocks
 * are done here from the keystream block {@code E(previous ciphertext block)} computed with
 * {@code AES/ECB}; the JCA cipher is re-initialised from our register when a run starts after a
 * partial block.
 *
 * <p>Not thread-safe: one instance per direction of one connection, used from its event loop.
 */
public final class AesCfbStream {
    /** The AES block size, also the IV length. */
    public static final int BLOCK_SIZE = 16;

    private final boolean encrypt;
    private final CryptoKey key;
    /** Runs of whole blocks. */
    private final Cipher cfb;
    /** The forward block cipher, for the keystream of partial blocks. */
    private final Cipher block;
    /** The previous ciphertext block (the IV at the start): input of the next keystream block. */
    private final byte[] register = new byte[BLOCK_SIZE];
    /** E(register) while inside a partial block. */
    private final byte[] keystream = new byte[BLOCK_SIZE];
    /** Bytes of the current block already processed, 0 to 15. */
    private int used;
    /** Whether {@link #cfb} continues exactly from {@link #register} at a block boundary. */
    private boolean cfbSynced;

    private AesCfbStream(CryptoKey key, byte[] iv, boolean encrypt) {
        if (iv.length != BLOCK_SIZE) {
            throw new IllegalArgumentException("IV must be 16 bytes, got " + iv.length);
        }
        this.encrypt = encrypt;
        this.key = key;
        System.arraycopy(iv, 0, register, 0, BLOCK_SIZE);
        try {
            cfb = Cipher.getInstance("AES/CFB/NoPadding");
            block = Cipher.getInstance("AES/ECB/NoPadding");
            block.init(Cipher.ENCRYPT_MODE, key.spec());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES is required of every Java runtime", e);
        }
    }

    /** Encrypts a stream that starts with {@code iv}. */
    public static AesCfbStream encryptor(CryptoKey key, byte[] iv) {
        return new AesCfbStream(key, iv, true);
    }

    /** Decrypts a stream that started with {@code iv}. */
    public static AesCfbStream decryptor(CryptoKey key, byte[] iv) {
        return new AesCfbStream(key, iv, false);
    }

    /** Transforms {@code len} bytes of {@code in} into {@code out} (may be the same array and offset). */
    public void update(byte[] in, int inOffset, int len, byte[] out, int outOffset) {
        update(ByteBuffer.wrap(in, inOffset, len), ByteBuffer.wrap(out, outOffset, len));
    }

    /** Transforms all readable bytes of {@code in} (consuming them) and appends the result to {@code out}. */
    public void update(ByteBuf in, ByteBuf out) {
        int n = in.readableBytes();
        out.ensureWritable(n);
        ByteBuffer dst = out.nioBuffer(out.writerIndex(), n);
        if (in.nioBufferCount() == 1) {
            update(in.nioBuffer(in.readerIndex(), n), dst);
        } else {
            for (ByteBuffer src : in.nioBuffers(in.readerIndex(), n)) {
                update(src, dst);
            }
        }
        in.skipBytes(n);
        out.writerIndex(out.writerIndex() + n);
    }

    /** Transforms the remaining bytes of {@code in} into {@code out}, advancing both positions. */
    public void update(ByteBuffer in, ByteBuffer out) {
        if (out.remaining() < in.remaining()) {
            throw new IllegalArgumentException("output has " + out.remaining() + " bytes left, input " + in.remaining());
        }
        while (in.hasRemaining()) {
            if (used == 0 && in.remaining() >= BLOCK_SIZE) {
                wholeBlocks(in, out);
            } else {
                partialBlock(in, out);
            }
        }
    }

    private void wholeBlocks(ByteBuffer in, ByteBuffer out) {
        int n = in.remaining() & -BLOCK_SIZE;
        int inStart = in.position();
        int outStart = out.position();
        ByteBuffer src = in.duplicate();
        src.limit(inStart + n);
        try {
            if (!cfbSynced) {
                cfb.init(encrypt ? Cipher.ENCRYPT_MODE : Cipher.DECRYPT_MODE, key.spec(), new IvParameterSpec(register));
                cfbSynced = true;
            }
            if (!encrypt) {
                // The last ciphertext block, taken before an in-place update overwrites it.
                in.get(inStart + n - BLOCK_SIZE, register);
            }
            int written = cfb.update(src, out);
            if (written != n) {
                throw new IllegalStateException("AES/CFB returned " + written + " bytes for " + n);
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/CFB failed", e);
        }
        in.position(inStart + n);
        // The JCA cipher now continues from the last ciphertext block; ours must equal it.
        if (encrypt) {
            out.get(outStart + n - BLOCK_SIZE, register);
        }
    }

    private void partialBlock(ByteBuffer in, ByteBuffer out) {
        if (used == 0) {
            try {
                block.doFinal(register, 0, BLOCK_SIZE, keystream, 0);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("AES/ECB failed", e);
            }
            cfbSynced = false;
        }
        int n = Math.min(BLOCK_SIZE - used, in.remaining());
        for (int i = 0; i < n; i++) {
            byte b = in.get();
            byte r = (byte) (b ^ keystream[used]);
            out.put(r);
            register[used++] = encrypt ? r : b;
        }
        if (used == BLOCK_SIZE) {
            used = 0;
        }
    }
}
