package io.jfrp.protocol.crypto;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Message digests every Java runtime must provide (MD5, SHA-1, SHA-256; see the
 * {@link MessageDigest} javadoc), so callers need not handle a {@link NoSuchAlgorithmException} that
 * cannot happen. frp's auth key and NAT analysis key use MD5, wire protocol v2's transcript SHA-256.
 */
public final class Digests {
    private Digests() {
    }

    /**
     * A fresh digest of a required algorithm.
     *
     * @throws IllegalStateException if the runtime lacks it (a broken JDK)
     */
    public static MessageDigest required(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is required of every Java runtime", e);
        }
    }
}
