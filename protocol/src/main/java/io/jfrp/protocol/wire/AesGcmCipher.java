package io.jfrp.protocol.wire;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.security.GeneralSecurityException;

/**
 * AES-256-GCM through the JCA ({@code AES/GCM/NoPadding}, 128-bit tag), re-initialised with each
 * record's 12-byte nonce. Not thread-safe.
 */
final class AesGcmCipher implements AeadCipher {
    private static final int TAG_BITS = AeadAlgorithm.TAG_LENGTH * 8;

    private final SecretKeySpec key;
    private final Cipher cipher;

    AesGcmCipher(byte[] key) {
        this.key = new SecretKeySpec(key, "AES");
        try {
            this.cipher = Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/GCM is required of every Java runtime", e);
        }
    }

    @Override
    public AeadAlgorithm algorithm() {
        return AeadAlgorithm.AES_256_GCM;
    }

    @Override
    public int seal(byte[] nonce, byte[] aad, byte[] in, int off, int len, byte[] out, int outOff) {
        try {
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(aad);
            return cipher.doFinal(in, off, len, out, outOff);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-256-GCM encryption failed", e);
        }
    }

    @Override
    public int open(byte[] nonce, byte[] aad, byte[] in, int off, int len, byte[] out, int outOff)
            throws AEADBadTagException {
        try {
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(aad);
            return cipher.doFinal(in, off, len, out, outOff);
        } catch (AEADBadTagException e) {
            throw e;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-256-GCM decryption failed", e);
        }
    }
}
