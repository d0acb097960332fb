package io.jfrp.nathole;

/**
 * What changed between the mapped addresses of one socket (frp's {@code nathole.Behavior*}
 * constants). The wire names are part of the coordinator's analysis key and of
 * {@code frpc nathole discover}'s output.
 */
public enum NatBehavior {
    /** Same IP and port each time: {@link NatType#EASY_NAT}. */
    NO_CHANGE,
    /** The public IP differs (a NAT with several public addresses). */
    IP_CHANGED,
    /** The public port differs: the common symmetric NAT. */
    PORT_CHANGED,
    /** Both differ. */
    BOTH_CHANGED;

    /** The name frp prints and hashes, such as {@code BehaviorPortChanged}. */
    public String wireName() {
        return switch (this) {
            case NO_CHANGE -> "BehaviorNoChange";
            case IP_CHANGED -> "BehaviorIPChanged";
            case PORT_CHANGED -> "BehaviorPortChanged";
            case BOTH_CHANGED -> "BehaviorBothChanged";
        };
    }
}
