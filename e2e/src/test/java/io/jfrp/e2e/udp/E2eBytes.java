package io.jfrp.e2e.udp;

import java.util.Random;

/** Seeded test data. */
final class E2eBytes {
    private E2eBytes() {
    }

    /** {@code size} pseudo-random bytes from {@code seed}. */
    static byte[] random(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }
}
