package io.jfrp.protocol.wire;

import org.bouncycastle.crypto.engines.ChaChaEngine;
import org.bouncycastle.util.Pack;

import java.nio.charset.StandardCharsets;

/**
 * HChaCha20 (draft-irtf-cfrg-xchacha, section 2.2): derives a 32-byte subkey from a 32-byte key
 * and a 16-byte nonce. The ChaCha20 state is set up as for a block (constants, key, then the
 * nonce in the counter and nonce words), run through the 20 rounds, and words 0-3 and 12-15 are
 * the subkey, without the final addition of the input that a ChaCha20 block has.
 *
 * <p>Bouncy Castle's {@link ChaChaEngine#chachaCore} computes {@code rounds(x) + x}, so the
 * rounds' output is recovered by subtracting the input word by word (mod 2^32).
 */
final class HChaCha20 {
    /** The nonce bytes HChaCha20 consumes. */
    static final int NONCE_LENGTH = 16;
    private static final int[] SIGMA = Pack.littleEndianToInt(
            "expand 32-byte k".getBytes(StandardCharsets.US_ASCII), 0, 4);

    private HChaCha20() {
    }

    /** The subkey for {@code key} (32 bytes) and the 16 bytes of {@code nonce} at {@code offset}. */
    static byte[] subkey(byte[] key, byte[] nonce, int offset) {
        if (key.length != 32) {
            throw new IllegalArgumentException("HChaCha20 needs a 32-byte key, got " + key.length);
        }
        int[] input = new int[16];
        System.arraycopy(SIGMA, 0, input, 0, 4);
        Pack.littleEndianToInt(key, 0, input, 4, 8);
        Pack.littleEndianToInt(nonce, offset, input, 12, 4);
        int[] x = new int[16];
        ChaChaEngine.chachaCore(20, input, x);
        byte[] out = new byte[32];
        for (int i = 0; i < 4; i++) {
            Pack.intToLittleEndian(x[i] - input[i], out, 4 * i);
            Pack.intToLittleEndian(x[12 + i] - input[12 + i], out, 16 + 4 * i);
        }
        return out;
    }
}
