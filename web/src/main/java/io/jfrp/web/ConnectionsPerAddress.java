package io.jfrp.web;

import io.netty.channel.Channel;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The open connections of each remote address, at most {@code max} each: a new connection past it is
 * refused. The table holds only addresses with an open connection, so it is no larger than the
 * server's connection limit.
 */
final class ConnectionsPerAddress {
    private final int max;
    private final ConcurrentHashMap<InetAddress, Integer> open = new ConcurrentHashMap<>();

    ConnectionsPerAddress(int max) {
        this.max = max;
    }

    /** Counts {@code ch} against its address until it closes; false (nothing counted) when the address is at its limit. */
    boolean admit(Channel ch) {
        if (!(ch.remoteAddress() instanceof InetSocketAddress remote) || remote.getAddress() == null) {
            return true;
        }
        InetAddress address = remote.getAddress();
        boolean[] admitted = {false};
        open.compute(address, (a, n) -> {
            int count = n == null ? 0 : n;
            if (count >= max) {
                return n;
            }
            admitted[0] = true;
            return count + 1;
        });
        if (admitted[0]) {
            ch.closeFuture().addListener(f -> open.computeIfPresent(address, (a, n) -> n <= 1 ? null : n - 1));
        }
        return admitted[0];
    }
}
