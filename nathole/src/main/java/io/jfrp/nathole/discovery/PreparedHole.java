package io.jfrp.nathole.discovery;

import io.jfrp.nathole.NatFeature;
import io.netty.channel.socket.DatagramChannel;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Objects;

/**
 * One side ready to punch (frp's {@code nathole.PrepareResult}): its addresses for the
 * NatHoleVisitor or NatHoleClient message, its NAT's classification, and the socket the mapped
 * addresses belong to. Probes must leave from this socket, so the caller hands it to the
 * {@link io.jfrp.nathole.punch.HolePuncher} or closes it.
 *
 * @param mappedAddrs   {@code mapped_addrs}: what STUN saw, two addresses
 * @param assistedAddrs {@code assisted_addrs}: local IPv4 addresses with the socket's port (empty
 *                      with {@code natTraversal.disableAssistedAddrs})
 * @param feature       the NAT's classification, for logs and {@code nathole discover}
 * @param localAddress  the socket's local address
 * @param channel       the socket, reading paused
 */
public record PreparedHole(List<String> mappedAddrs, List<String> assistedAddrs, NatFeature feature,
                           InetSocketAddress localAddress, DatagramChannel channel) {

    public PreparedHole {
        mappedAddrs = List.copyOf(mappedAddrs);
        assistedAddrs = List.copyOf(assistedAddrs);
        Objects.requireNonNull(feature, "feature");
        Objects.requireNonNull(localAddress, "localAddress");
        Objects.requireNonNull(channel, "channel");
    }
}
