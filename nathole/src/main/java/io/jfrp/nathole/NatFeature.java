package io.jfrp.nathole;

import java.util.Objects;

/**
 * How one side's NAT maps a socket, as frp's {@code nathole.NatFeature}: the input of the
 * coordinator's mode choice.
 *
 * @param natType            easy or hard
 * @param behavior           what changed between the mapped addresses
 * @param portsDifference    highest minus lowest mapped port, only for {@link NatBehavior#PORT_CHANGED}
 *                           (else 0)
 * @param regularPortsChange whether that difference is 1 to 5: such a NAT hands out ports in a
 *                           predictable sequence, so the peer can guess the next ones
 * @param publicNetwork      whether a mapped IP is one of the side's own addresses (no NAT at all)
 */
public record NatFeature(NatType natType, NatBehavior behavior, int portsDifference, boolean regularPortsChange,
                         boolean publicNetwork) {

    public NatFeature {
        Objects.requireNonNull(natType, "natType");
        Objects.requireNonNull(behavior, "behavior");
    }
}
