package io.jfrp.nathole;

import java.security.SecureRandom;
import java.time.InstantSource;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Makes frp's transaction ids and session ids: decimal unix seconds followed by 16 random lowercase
 * hex characters ({@code "1700000000" + "9f3c0a7be41d2c58"}), as frp's {@code NewTransactionID}
 * and {@code Controller.GenSid} (both {@code util.RandID}: random bytes in hex, cut to 16).
 *
 * <p>The sid is what lets a NatHoleClient join a session and what every probe datagram carries, so
 * the default randomness is a {@link SecureRandom}. Thread-safe when the random generator is (the
 * default is).
 */
public final class NatHoleIds {
    /** Random hex characters after the seconds. */
    public static final int RANDOM_HEX_LENGTH = 16;
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private final InstantSource clock;
    private final RandomGenerator random;

    /** Ids from the system clock and a {@link SecureRandom}. */
    public NatHoleIds() {
        this(InstantSource.system(), new SecureRandom());
    }

    /** Ids from the given clock and randomness (tests use fixed ones). */
    public NatHoleIds(InstantSource clock, RandomGenerator random) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
    }

    /** A new transaction id, for NatHoleVisitor, NatHoleClient and the probes of one punch. */
    public String newTransactionId() {
        return newId();
    }

    /** A new punching session id, made by the coordinator for each NatHoleVisitor. */
    public String newSid() {
        return newId();
    }

    private String newId() {
        StringBuilder id = new StringBuilder(10 + RANDOM_HEX_LENGTH);
        id.append(clock.instant().getEpochSecond());
        for (int i = 0; i < RANDOM_HEX_LENGTH; i++) {
            id.append(HEX[random.nextInt(16)]);
        }
        return id.toString();
    }
}
