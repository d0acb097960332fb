package io.jfrp.nathole;

import java.util.Collection;
import java.util.List;

/**
 * Classifies a NAT from the public addresses STUN reported for one socket, exactly as frp's
 * {@code ClassifyNATFeature}: the same address every time is an {@link NatType#EASY_NAT}; a changed
 * IP, port or both is a {@link NatType#HARD_NAT}; a port change of 1 to 5 (highest minus lowest) is
 * regular; a mapped IP equal to one of {@code localIps} marks a public network.
 *
 * <p>IPs and ports are compared as text, as frp does ({@link HostPort} refuses the port spellings
 * for which text and number would disagree). Stateless and thread-safe.
 */
public final class NatClassifier {
    /** The largest port difference frp counts as a regular (predictable) port change. */
    public static final int MAX_REGULAR_PORT_DIFFERENCE = 5;

    private NatClassifier() {
    }

    /**
     * @param mappedAddrs the {@code "ip:port"} addresses STUN saw, at least two
     * @param localIps    the side's own IP addresses, as text
     * @throws IllegalArgumentException with frp's "not enough addresses", or naming an address that
     *                                  does not parse
     */
    public static NatFeature classify(List<String> mappedAddrs, Collection<String> localIps) {
        if (mappedAddrs.size() <= 1) {
            throw new IllegalArgumentException("not enough addresses: " + mappedAddrs.size()
                    + " mapped address(es), need 2 (does the STUN server have an alternate address?)");
        }
        boolean ipChanged = false;
        boolean portChanged = false;
        boolean publicNetwork = false;
        HostPort base = null;
        int portMax = 0;
        int portMin = 0;
        for (String addr : mappedAddrs) {
            HostPort hp = HostPort.parse(addr);
            if (localIps.contains(hp.host())) {
                publicNetwork = true;
            }
            if (base == null) {
                base = hp;
                portMax = hp.port();
                portMin = hp.port();
                continue;
            }
            portMax = Math.max(portMax, hp.port());
            portMin = Math.min(portMin, hp.port());
            ipChanged |= !base.host().equals(hp.host());
            portChanged |= base.port() != hp.port();
        }
        NatBehavior behavior;
        if (ipChanged && portChanged) {
            behavior = NatBehavior.BOTH_CHANGED;
        } else if (ipChanged) {
            behavior = NatBehavior.IP_CHANGED;
        } else if (portChanged) {
            behavior = NatBehavior.PORT_CHANGED;
        } else {
            behavior = NatBehavior.NO_CHANGE;
        }
        NatType type = behavior == NatBehavior.NO_CHANGE ? NatType.EASY_NAT : NatType.HARD_NAT;
        int difference = 0;
        boolean regular = false;
        if (behavior == NatBehavior.PORT_CHANGED) {
            difference = portMax - portMin;
            regular = difference >= 1 && difference <= MAX_REGULAR_PORT_DIFFERENCE;
        }
        return new NatFeature(type, behavior, difference, regular, publicNetwork);
    }
}
