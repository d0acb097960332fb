package io.jfrp.server.proxy.tcp;

import io.netty.channel.Channel;

/**
 * One tcp proxy in a load-balancing group: it serves the public connections the group hands it,
 * through its own client.
 */
public interface TcpGroupMember {
    /** The proxy's name, for errors and log lines. */
    String name();

    /**
     * Serves {@code connection}, a public connection accepted on the group's port with reading off;
     * the member owns it from here (relays it or closes it). Called on the connection's event loop.
     */
    void serve(Channel connection);
}
