package io.jfrp.client.visitor;

import io.netty.channel.Channel;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.GlobalEventExecutor;

import java.net.InetSocketAddress;

/**
 * The channel a visitor listens on (its bindAddr:bindPort), once bound: every {@link ListeningVisitor}
 * keeps one (stcp's and xtcp's listener from {@link TcpVisitorListener}, sudp's UDP socket) for
 * reporting its address and closing. Thread-safe: set on the bind's loop, read and closed from any thread.
 */
public final class BoundChannel {
    private volatile Channel channel;

    /** Records the bound channel. */
    public void set(Channel bound) {
        channel = bound;
    }

    /** The address it listens on, or null before the bind (or after close). */
    public InetSocketAddress address() {
        Channel c = channel;
        return c == null ? null : (InetSocketAddress) c.localAddress();
    }

    /** Closes the channel, once; nothing before the bind. The future is done when the port is released. */
    public Future<?> close() {
        Channel c = channel;
        channel = null;
        return c == null ? GlobalEventExecutor.INSTANCE.newSucceededFuture(null) : c.close();
    }
}
