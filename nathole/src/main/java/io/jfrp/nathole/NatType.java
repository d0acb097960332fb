package io.jfrp.nathole;

/**
 * frp's two kinds of NAT, from the addresses two STUN servers saw for one socket (frp's
 * {@code nathole.EasyNAT} and {@code HardNAT}). The wire names are part of the coordinator's
 * analysis key and of {@code frpc nathole discover}'s output.
 */
public enum NatType {
    /** The same public address towards both STUN addresses (endpoint-independent mapping). */
    EASY_NAT,
    /** Different public addresses per destination (endpoint-dependent, "symmetric"). */
    HARD_NAT;

    /** The name frp prints and hashes: {@code EasyNAT} or {@code HardNAT}. */
    public String wireName() {
        return switch (this) {
            case EASY_NAT -> "EasyNAT";
            case HARD_NAT -> "HardNAT";
        };
    }
}
