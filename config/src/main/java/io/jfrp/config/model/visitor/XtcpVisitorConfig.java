package io.jfrp.config.model.visitor;

import io.jfrp.config.model.Fields;
import io.jfrp.config.model.proxy.NatTraversal;

/**
 * An xtcp visitor: reaches an xtcp proxy peer to peer after NAT hole punching.
 *
 * @param protocol          the tunnel protocol over the punched hole: {@code quic} (frp's default) or
 *                          {@code kcp}
 * @param keepTunnelOpen    keep the tunnel open when no connection uses it
 * @param maxRetriesAnHour  hole-punch attempts per hour (frp: 8)
 * @param minRetryInterval  seconds between attempts (frp: 90)
 * @param fallbackTo        name of the visitor used when punching fails; empty = none
 * @param fallbackTimeoutMs how long to try before falling back (frp: 1000)
 * @param natTraversal      which addresses are offered for hole punching
 */
public record XtcpVisitorConfig(VisitorBase base, String protocol, boolean keepTunnelOpen, int maxRetriesAnHour,
                                int minRetryInterval, String fallbackTo, int fallbackTimeoutMs,
                                NatTraversal natTraversal) implements VisitorConfig {
    public XtcpVisitorConfig {
        base = base.requireType(VisitorType.XTCP);
        protocol = protocol == null || protocol.isEmpty() ? "quic" : protocol;
        fallbackTo = Fields.text(fallbackTo);
        natTraversal = natTraversal == null ? NatTraversal.DEFAULT : natTraversal;
    }
}
