package io.jfrp.protocol.wire;

import javax.crypto.AEADBadTagException;

/**
 * One direction's AEAD under a fixed key: {@link AeadAlgorithm#newCipher}. The caller supplies a
 * fresh nonce for every call (the record stream counts them); the output is the ciphertext followed
 * by the {@link AeadAlgorithm#TAG_LENGTH 16-byte tag}.
 *
 * <p>Not thread-safe: one instance per direction of one connection.
 */
public interface AeadCipher {
    /** The algorithm. */
    AeadAlgorithm algorithm();

    /**
     * Encrypts and authenticates {@code len} bytes of {@code in} at {@code off}, binding {@code aad},
     * into {@code out} at {@code outOff} (which must not overlap the input).
     *
     * @return {@code len + 16}, the bytes written
     */
    int seal(byte[] nonce, byte[] aad, byte[] in, int off, int len, byte[] out, int outOff);

    /**
     * Verifies and decrypts {@code len} bytes (ciphertext and tag) of {@code in} at {@code off} into
     * {@code out} at {@code outOff} (which must not overlap the input).
     *
     * @return {@code len - 16}, the plaintext bytes written
     * @throws AEADBadTagException if the tag does not verify (nothing trustworthy is in {@code out})
     */
    int open(byte[] nonce, byte[] aad, byte[] in, int off, int len, byte[] out, int outOff)
            throws AEADBadTagException;
}
