package io.jfrp.nathole;

/**
 * frp's two kinds of NAT, from the addresses two STUN servers saw for one socket (frp's
 * {@code nathole.EasyNAT} and {@code HardNAT}). The wire names are part of the coordinator's
 * analysis key and of {@code frpc nathole discover}'s output.
 */
public enum NatType {
    /** The same public address towards both STUN addresses (endpoint-independent mapping). */
    EASY_NAT("EasyNAT"),
    /** Different public addresses per destination (endpoint-dependent, "symmetric"). */
    HARD_NAT("HardNAT");

    private final String wireName;

    NatType(String wireName) {
        this.wireName = wireName;
    }

    /** The name frp prints and hashes: {@code EasyNAT} or {@code HardNAT}. */
    public String wireName() {
        return wireName;
    }
}
