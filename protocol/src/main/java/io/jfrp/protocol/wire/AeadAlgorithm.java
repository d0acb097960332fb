package io.jfrp.protocol.wire;

import java.util.List;

/**
 * The two AEADs of wire protocol v2's control stream, by their names in the hellos. Both take a
 * 32-byte key and add a 16-byte tag; they differ in nonce length and record limit.
 */
public enum AeadAlgorithm {
    /** AES-256 in GCM mode (JCA): 12-byte nonce, at most 2^32 records per direction. */
    AES_256_GCM("aes-256-gcm", 12, 1L << 32),
    /** XChaCha20-Poly1305 (built on Bouncy Castle): 24-byte nonce, no record limit but the nonce's. */
    XCHACHA20_POLY1305("xchacha20-poly1305", 24, Long.MAX_VALUE);

    /** Key length of both algorithms. */
    public static final int KEY_LENGTH = 32;
    /** Tag length of both algorithms. */
    public static final int TAG_LENGTH = 16;
    /**
     * System property: {@code false} when this machine lacks AES acceleration, which puts
     * xchacha20-poly1305 first in the client's preference, as stock frpc does on such CPUs. The JVM
     * is assumed to have it (HotSpot uses AES-NI and its ARM equivalents) unless told otherwise.
     */
    public static final String AES_ACCELERATION_PROPERTY = "jfrp.wire.aesAcceleration";

    private final String wireName;
    private final int nonceLength;
    private final long maxRecords;

    AeadAlgorithm(String wireName, int nonceLength, long maxRecords) {
        this.wireName = wireName;
        this.nonceLength = nonceLength;
        this.maxRecords = maxRecords;
    }

    /** The name in ClientHello and ServerHello, and in the key schedule's info string. */
    public String wireName() {
        return wireName;
    }

    /** Length of the stream nonce N0 and of each record's nonce. */
    public int nonceLength() {
        return nonceLength;
    }

    /** Records one direction may carry ({@link Long#MAX_VALUE} for no limit besides the nonce). */
    public long maxRecords() {
        return maxRecords;
    }

    /** A cipher for one direction, keyed with a 32-byte key. */
    public AeadCipher newCipher(byte[] key) {
        if (key.length != KEY_LENGTH) {
            throw new IllegalArgumentException(wireName + " needs a " + KEY_LENGTH + "-byte key, got " + key.length);
        }
        return switch (this) {
            case AES_256_GCM -> new AesGcmCipher(key);
            case XCHACHA20_POLY1305 -> new XChaCha20Poly1305Cipher(key);
        };
    }

    /** The algorithm with this hello name, or {@code null}. */
    public static AeadAlgorithm forWireNameOrNull(String name) {
        for (AeadAlgorithm a : values()) {
            if (a.wireName.equals(name)) {
                return a;
            }
        }
        return null;
    }

    /**
     * The client's preference, as stock frpc orders it: aes-256-gcm first when the CPU accelerates
     * AES, otherwise xchacha20-poly1305 first (see {@link #AES_ACCELERATION_PROPERTY}).
     */
    public static List<AeadAlgorithm> preferredOrder() {
        boolean aes = !"false".equalsIgnoreCase(System.getProperty(AES_ACCELERATION_PROPERTY, "true").trim());
        return aes ? List.of(AES_256_GCM, XCHACHA20_POLY1305) : List.of(XCHACHA20_POLY1305, AES_256_GCM);
    }

    @Override
    public String toString() {
        return wireName;
    }
}
