package io.jfrp.protocol.crypto;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.security.GeneralSecurityException;

/**
 * PBKDF2 (RFC 8018) with HMAC-SHA1, written out because the JCA's {@code PBKDF2WithHmacSHA1}
 * refuses an empty password, and an empty frp token is common.
 *
 * <p>An empty HMAC key is padded with zeros to the block size exactly like the key {@code {0x00}},
 * so that is what is used for it ({@link SecretKeySpec} refuses empty keys too).
 */
public final class Pbkdf2HmacSha1 {
    private static final int HLEN = 20;

    private Pbkdf2HmacSha1() {
    }

    /**
     * Derives {@code length} bytes.
     *
     * @param password   the password bytes, possibly empty
     * @param salt       the salt
     * @param iterations iteration count, at least 1
     * @param length     output length in bytes, at least 1
     */
    public static byte[] derive(byte[] password, byte[] salt, int iterations, int length) {
        if (iterations < 1 || length < 1) {
            throw new IllegalArgumentException("iterations and length must be positive: " + iterations + ", " + length);
        }
        Mac mac;
        try {
            mac = Mac.getInstance("HmacSHA1");
            byte[] key = password.length == 0 ? new byte[1] : password;
            mac.init(new SecretKeySpec(key, "HmacSHA1"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 is required of every Java runtime", e);
        }
        byte[] out = new byte[length];
        byte[] u = new byte[HLEN];
        byte[] t = new byte[HLEN];
        for (int block = 1, offset = 0; offset < length; block++, offset += HLEN) {
            // U1 = PRF(P, S || INT(block)); Uj = PRF(P, Uj-1); T = U1 ^ ... ^ Uc
            mac.update(salt);
            mac.update(new byte[] {(byte) (block >>> 24), (byte) (block >>> 16), (byte) (block >>> 8), (byte) block});
            u = mac.doFinal();
            System.arraycopy(u, 0, t, 0, HLEN);
            for (int i = 1; i < iterations; i++) {
                u = mac.doFinal(u);
                for (int k = 0; k < HLEN; k++) {
                    t[k] ^= u[k];
                }
            }
            System.arraycopy(t, 0, out, offset, Math.min(HLEN, length - offset));
        }
        return out;
    }
}
