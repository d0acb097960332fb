package io.jfrp.e2e.wirev2;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Random;

/** Seeded random payloads and their SHA-256, for checking what crossed the tunnel. */
public final class Payload {
    private Payload() {
    }

    /** {@code size} pseudo-random bytes from {@code seed} ({@link Random}). */
    public static byte[] random(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    /** The SHA-256 of {@code b} in lower-case hex. */
    public static String sha256(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
