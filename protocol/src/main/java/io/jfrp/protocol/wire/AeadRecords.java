package io.jfrp.protocol.wire;

/**
 * The record layout of the v2 control stream and the nonce sequence of one direction.
 *
 * <h3>Layout</h3>
 * <pre>
 *   N0 (12 bytes for aes-256-gcm, 24 for xchacha20-poly1305; in the clear, before the first record)
 *   record*:  u32 L (big-endian) | L bytes: ciphertext || 16-byte tag      (16 &lt;= L &lt;= 65552)
 * </pre>
 * Record i (from 0) is sealed with nonce {@code N0 + i}, the whole nonce read as one big-endian
 * integer, and AAD {@code N0 || the 4 bytes of L}. Binding N0 and the length ties every record
 * to its stream and place. Records do not align with frames.
 *
 * <h3>Limits</h3>
 * aes-256-gcm: at most 2^32 records per direction. Both: the nonce must not wrap. There is no
 * closing record: end of stream at a record boundary is a normal end.
 *
 * <p>Not thread-safe: one instance per direction, on its channel's event loop.
 */
final class AeadRecords {
    /** The u32 length in front of each record. */
    static final int LENGTH_FIELD = 4;
    /** The largest plaintext per record. */
    static final int MAX_PLAINTEXT = 64 * 1024;
    /** The largest record length L. */
    static final int MAX_RECORD_LENGTH = MAX_PLAINTEXT + AeadAlgorithm.TAG_LENGTH;

    private final AeadAlgorithm algorithm;
    private final byte[] streamNonce;
    private final byte[] nonce;
    private final byte[] aad;
    private long records;

    /**
     * @param n0      the stream nonce
     * @param records records already used (0 for a new stream; more only in tests of the limit)
     */
    AeadRecords(AeadAlgorithm algorithm, byte[] n0, long records) {
        if (n0.length != algorithm.nonceLength()) {
            throw new IllegalArgumentException(algorithm + " needs a " + algorithm.nonceLength()
                    + "-byte stream nonce, got " + n0.length);
        }
        this.algorithm = algorithm;
        this.streamNonce = n0.clone();
        this.nonce = n0.clone();
        this.aad = new byte[n0.length + LENGTH_FIELD];
        System.arraycopy(n0, 0, aad, 0, n0.length);
        this.records = records;
        if (records > 0) {
            addToNonce(records);
        }
    }

    AeadAlgorithm algorithm() {
        return algorithm;
    }

    /** N0. */
    byte[] streamNonce() {
        return streamNonce;
    }

    /** Records sealed or opened so far. */
    long records() {
        return records;
    }

    /** Throws if the direction may carry no further record. */
    void checkLimit() {
        if (records >= algorithm.maxRecords()) {
            throw AeadStreamException.recordLimitReached(algorithm, algorithm.maxRecords());
        }
    }

    /** The nonce of the next record (a live array: do not keep or change it). */
    byte[] nonce() {
        return nonce;
    }

    /** The AAD of the next record, whose length field is {@code length} (a live array). */
    byte[] aad(int length) {
        int o = streamNonce.length;
        aad[o] = (byte) (length >>> 24);
        aad[o + 1] = (byte) (length >>> 16);
        aad[o + 2] = (byte) (length >>> 8);
        aad[o + 3] = (byte) length;
        return aad;
    }

    /** Moves on to the next record's nonce; throws if the nonce wraps around. */
    void advance() {
        records++;
        for (int i = nonce.length - 1; i >= 0; i--) {
            if (++nonce[i] != 0) {
                return;
            }
        }
        throw AeadStreamException.nonceExhausted(algorithm);
    }

    private void addToNonce(long n) {
        long carry = n;
        for (int i = nonce.length - 1; i >= 0 && carry != 0; i--) {
            long sum = (nonce[i] & 0xFF) + (carry & 0xFF);
            nonce[i] = (byte) sum;
            carry = (carry >>> 8) + (sum >>> 8);
        }
        if (carry != 0) {
            throw AeadStreamException.nonceExhausted(algorithm);
        }
    }
}
