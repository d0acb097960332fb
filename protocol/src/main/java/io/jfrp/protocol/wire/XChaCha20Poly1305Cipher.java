package io.jfrp.protocol.wire;

import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.modes.ChaCha20Poly1305;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;

import javax.crypto.AEADBadTagException;
import java.util.Arrays;

/**
 * XChaCha20-Poly1305 (draft-irtf-cfrg-xchacha, section 2.3), which Bouncy Castle does not offer as
 * such, from its parts: the subkey is {@link HChaCha20}(key, nonce[0..16)), and the record is
 * sealed with Bouncy Castle's RFC 8439 ChaCha20-Poly1305 under that subkey and the 12-byte nonce
 * {@code 00 00 00 00 || nonce[16..24)}.
 *
 * <p>A record stream's nonces count up from N0, so the first 16 bytes change only when the count
 * carries into them: the last subkey is kept for its prefix. Not thread-safe.
 */
final class XChaCha20Poly1305Cipher implements AeadCipher {
    private static final int NONCE_LENGTH = 24;
    private static final int TAG_BITS = AeadAlgorithm.TAG_LENGTH * 8;

    private final byte[] key;
    private final ChaCha20Poly1305 aead = new ChaCha20Poly1305();
    private final byte[] subkeyPrefix = new byte[HChaCha20.NONCE_LENGTH];
    private final byte[] innerNonce = new byte[12];
    private KeyParameter subkey;

    XChaCha20Poly1305Cipher(byte[] key) {
        this.key = key.clone();
    }

    @Override
    public AeadAlgorithm algorithm() {
        return AeadAlgorithm.XCHACHA20_POLY1305;
    }

    @Override
    public int seal(byte[] nonce, byte[] aad, byte[] in, int off, int len, byte[] out, int outOff) {
        init(true, nonce, aad);
        try {
            int n = aead.processBytes(in, off, len, out, outOff);
            return n + aead.doFinal(out, outOff + n);
        } catch (InvalidCipherTextException e) {
            throw new IllegalStateException("XChaCha20-Poly1305 encryption failed", e);
        }
    }

    @Override
    public int open(byte[] nonce, byte[] aad, byte[] in, int off, int len, byte[] out, int outOff)
            throws AEADBadTagException {
        init(false, nonce, aad);
        try {
            int n = aead.processBytes(in, off, len, out, outOff);
            return n + aead.doFinal(out, outOff + n);
        } catch (InvalidCipherTextException e) {
            AEADBadTagException bad = new AEADBadTagException("XChaCha20-Poly1305 tag mismatch");
            bad.initCause(e);
            throw bad;
        }
    }

    private void init(boolean forEncryption, byte[] nonce, byte[] aad) {
        if (nonce.length != NONCE_LENGTH) {
            throw new IllegalArgumentException("XChaCha20-Poly1305 needs a 24-byte nonce, got " + nonce.length);
        }
        if (subkey == null || !Arrays.equals(subkeyPrefix, 0, HChaCha20.NONCE_LENGTH, nonce, 0, HChaCha20.NONCE_LENGTH)) {
            subkey = new KeyParameter(HChaCha20.subkey(key, nonce, 0));
            System.arraycopy(nonce, 0, subkeyPrefix, 0, HChaCha20.NONCE_LENGTH);
        }
        System.arraycopy(nonce, HChaCha20.NONCE_LENGTH, innerNonce, 4, 8);
        aead.init(forEncryption, new AEADParameters(subkey, TAG_BITS, innerNonce, aad));
    }
}
