package io.jfrp.nathole.analysis;

/**
 * A side's part in punching ({@code detect_behavior.role}): the sender probes and waits for an
 * answer; the receiver probes first (often with a low TTL, to open its own NAT), answers the
 * sender's probe and is done.
 */
public enum PunchRole {
    SENDER("sender"),
    RECEIVER("receiver");

    private final String wireName;

    PunchRole(String wireName) {
        this.wireName = wireName;
    }

    /** {@code sender} or {@code receiver}, as in NatHoleDetectBehavior. */
    public String wireName() {
        return wireName;
    }

    /**
     * The role named on the wire.
     *
     * @throws IllegalArgumentException for anything but {@code sender} and {@code receiver}
     */
    public static PunchRole fromWire(String name) {
        for (PunchRole r : values()) {
            if (r.wireName.equals(name)) {
                return r;
            }
        }
        throw new IllegalArgumentException("role \"" + name + "\" is neither \"sender\" nor \"receiver\"");
    }
}
