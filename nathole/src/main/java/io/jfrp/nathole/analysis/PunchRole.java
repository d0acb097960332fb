package io.jfrp.nathole.analysis;

import java.util.Locale;

/**
 * A side's part in punching ({@code detect_behavior.role}): the sender probes and waits for an
 * answer; the receiver probes first (often with a low TTL, to open its own NAT), answers the
 * sender's probe and is done.
 */
public enum PunchRole {
    SENDER,
    RECEIVER;

    /** {@code sender} or {@code receiver}, as in NatHoleDetectBehavior. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The role named on the wire.
     *
     * @throws IllegalArgumentException for anything but {@code sender} and {@code receiver}
     */
    public static PunchRole fromWire(String name) {
        if ("sender".equals(name)) {
            return SENDER;
        }
        if ("receiver".equals(name)) {
            return RECEIVER;
        }
        throw new IllegalArgumentException("role \"" + name + "\" is neither \"sender\" nor \"receiver\"");
    }
}
