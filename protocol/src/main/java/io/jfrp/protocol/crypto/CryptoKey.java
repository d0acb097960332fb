package io.jfrp.protocol.crypto;

import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;

/**
 * The AES-128 key frp derives from a shared secret: PBKDF2-HMAC-SHA1(secret, salt {@code "frp"},
 * 64 iterations, 16 bytes). Derive it once per secret and share it: it is immutable and the handlers
 * only read it.
 *
 * <p>The salt is {@code "frp"} because frpc and frps set golib's {@code crypto.DefaultSalt} to it at
 * start-up; golib's own default ({@code "crypto"}) never reaches the wire.
 */
public final class CryptoKey {
    /** The PBKDF2 salt frp uses. */
    public static final String SALT = "frp";
    /** The PBKDF2 iteration count frp uses. */
    public static final int ITERATIONS = 64;
    /** AES-128. */
    public static final int KEY_LENGTH = 16;

    private final SecretKeySpec key;

    private CryptoKey(byte[] keyBytes) {
        this.key = new SecretKeySpec(keyBytes, "AES");
    }

    /** The key for a token or visitor secret key, taken as UTF-8 (Go's {@code []byte(string)}). */
    public static CryptoKey fromSecret(String secret) {
        return fromSecret(secret.getBytes(StandardCharsets.UTF_8));
    }

    /** The key for raw secret bytes; empty is allowed. */
    public static CryptoKey fromSecret(byte[] secret) {
        return new CryptoKey(Pbkdf2HmacSha1.derive(secret, SALT.getBytes(StandardCharsets.US_ASCII), ITERATIONS,
                KEY_LENGTH));
    }

    /** The 16 derived key bytes (a copy). */
    public byte[] bytes() {
        return key.getEncoded();
    }

    SecretKeySpec spec() {
        return key;
    }

    @Override
    public String toString() {
        return "CryptoKey[AES-128, derived]";
    }
}
