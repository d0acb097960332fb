package io.jfrp.nathole.discovery;

import io.netty.channel.socket.DatagramChannel;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Objects;

/**
 * What STUN discovery found for one socket, and the socket itself, still open with reading paused
 * (datagrams wait in the kernel's buffer): the owner either punches from it or closes it.
 *
 * @param mappedAddrs  the public {@code "ip:port"} addresses the server's two addresses saw, in
 *                     order; one when the server has no alternate address
 * @param localAddress the socket's local address ({@code 0.0.0.0:port} unless bound to an IP)
 * @param channel      the socket
 */
public record DiscoveryResult(List<String> mappedAddrs, InetSocketAddress localAddress, DatagramChannel channel) {

    public DiscoveryResult {
        mappedAddrs = List.copyOf(mappedAddrs);
        Objects.requireNonNull(localAddress, "localAddress");
        Objects.requireNonNull(channel, "channel");
    }
}
