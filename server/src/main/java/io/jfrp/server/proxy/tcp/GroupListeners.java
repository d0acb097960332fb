package io.jfrp.server.proxy.tcp;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.util.concurrent.Future;

/**
 * How {@link TcpGroups} opens and closes a group's shared public listener: the server's port policy
 * (allowPorts) and its event loops, behind a seam so the groups can be tested on their own.
 */
public interface GroupListeners {
    /**
     * Reserves {@code port} (0 = any allowed free port) and binds a listener on it whose accepted
     * connections get {@code childHandler}, with reading off. Fails with an exception whose message
     * says why (not allowed, in use).
     */
    Future<Channel> listen(int port, ChannelHandler childHandler);

    /** Closes a listener from {@link #listen} and gives its port back. */
    void close(Channel listener);
}
