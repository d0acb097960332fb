package io.jfrp.server.proxy.tcp;

import io.jfrp.server.proxy.PublicPorts;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Future;

import java.util.function.IntFunction;

/**
 * The server's public ports as {@link GroupListeners} for tcp load-balancing groups. A group's port
 * is reserved in the group's name ({@code lb-group:<port>}), not a client's, since members come and go.
 *
 * @param ports    the server's public ports
 * @param executor where the futures of {@link #listen} complete
 */
record GroupPorts(PublicPorts ports, EventExecutor executor) implements GroupListeners {
    private static final IntFunction<String> OWNER = port -> "lb-group:" + port;

    @Override
    public Future<Channel> listen(int port, ChannelHandler childHandler) {
        return ports.listen(OWNER, port, childHandler, executor);
    }

    @Override
    public void close(Channel listener) {
        ports.close(OWNER, listener);
    }
}
