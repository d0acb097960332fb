package io.jfrp.protocol.wire;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Arrays;

/**
 * The random bytes of a hello: ClientHello's {@code clientRandom} and ServerHello's
 * {@code serverRandom} (32 bytes from each side; {@link HelloNegotiation} checks the length). On the
 * wire it is Go's {@code []byte}, a base64 string, left out when empty.
 *
 * <p>Why a type of its own: a record compares, hashes and prints an array component by identity,
 * and hands out the array itself; this immutable value lets the hellos' records keep the generated
 * {@code equals}, {@code hashCode} and {@code toString} (which gives the length, not the bytes).
 * Thread-safe.
 */
public final class HelloRandom {
    /** No random: what an absent or {@code null} field reads as. */
    public static final HelloRandom EMPTY = new HelloRandom(new byte[0]);

    private final byte[] bytes;

    private HelloRandom(byte[] bytes) {
        this.bytes = bytes;
    }

    /** A copy of {@code bytes}; {@code null} is {@link #EMPTY}. */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static HelloRandom of(byte[] bytes) {
        return bytes == null || bytes.length == 0 ? EMPTY : new HelloRandom(bytes.clone());
    }

    /** A copy of the bytes (what is written, base64-encoded). */
    @JsonValue
    public byte[] bytes() {
        return bytes.clone();
    }

    /** How many bytes there are. */
    public int length() {
        return bytes.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HelloRandom r && Arrays.equals(bytes, r.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return bytes.length + " bytes";
    }
}
