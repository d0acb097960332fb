package io.jfrp.testkit;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelPromise;
import io.netty.channel.DefaultChannelId;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.DuplexChannel;

import java.net.InetSocketAddress;
import java.net.SocketAddress;

/**
 * An {@link EmbeddedChannel} that is also a {@link DuplexChannel}, so that code which joins a
 * connection to a {@link io.jfrp.protocol.relay.Relay} can be driven in unit tests: whatever the relay
 * writes to it is read back with {@link #readOutbound()}. Half-close is recorded, not performed.
 */
public final class EmbeddedDuplexChannel extends EmbeddedChannel implements DuplexChannel {
    private boolean inputShutdown;
    private boolean outputShutdown;

    private final InetSocketAddress local;
    private final InetSocketAddress remote;

    /** A channel between 127.0.0.1:50000 (remote) and 127.0.0.1:443 (local). */
    public EmbeddedDuplexChannel(ChannelHandler... handlers) {
        this(new InetSocketAddress("127.0.0.1", 443), new InetSocketAddress("127.0.0.1", 50000), handlers);
    }

    /** A channel with the given addresses, as a socket reports them. */
    public EmbeddedDuplexChannel(InetSocketAddress local, InetSocketAddress remote, ChannelHandler... handlers) {
        this(null, local, remote, handlers);
    }

    /**
     * A child of {@code parent} between 127.0.0.1:50000 (remote) and 127.0.0.1:443 (local), as a
     * stream of a session is the child of the session's connection.
     */
    public EmbeddedDuplexChannel(Channel parent, ChannelHandler... handlers) {
        this(parent, new InetSocketAddress("127.0.0.1", 443), new InetSocketAddress("127.0.0.1", 50000), handlers);
    }

    private EmbeddedDuplexChannel(Channel parent, InetSocketAddress local, InetSocketAddress remote, ChannelHandler... handlers) {
        super(parent, DefaultChannelId.newInstance(), false, true, handlers);
        this.local = local;
        this.remote = remote;
        try {
            register();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    protected SocketAddress localAddress0() {
        return local;
    }

    @Override
    protected SocketAddress remoteAddress0() {
        return remote;
    }

    @Override
    public boolean isInputShutdown() {
        return inputShutdown;
    }

    @Override
    public ChannelFuture shutdownInput() {
        return shutdownInput(newPromise());
    }

    @Override
    public ChannelFuture shutdownInput(ChannelPromise promise) {
        inputShutdown = true;
        return promise.setSuccess();
    }

    @Override
    public boolean isOutputShutdown() {
        return outputShutdown;
    }

    @Override
    public ChannelFuture shutdownOutput() {
        return shutdownOutput(newPromise());
    }

    @Override
    public ChannelFuture shutdownOutput(ChannelPromise promise) {
        outputShutdown = true;
        return promise.setSuccess();
    }

    @Override
    public boolean isShutdown() {
        return inputShutdown && outputShutdown;
    }

    @Override
    public ChannelFuture shutdown() {
        return shutdown(newPromise());
    }

    @Override
    public ChannelFuture shutdown(ChannelPromise promise) {
        inputShutdown = true;
        outputShutdown = true;
        return promise.setSuccess();
    }
}
