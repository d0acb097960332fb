package io.jfrp.server.proxy;

import io.netty.channel.Channel;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;

import java.net.InetSocketAddress;

/**
 * A proxy served on a public port (tcp, a member of a tcp load-balancing group, udp): starting it
 * takes the port, which completes later, and answers NewProxyResp with {@code ":port"}. Each type
 * says only how it takes the port ({@link #bind()}) and what it keeps once it has it
 * ({@link #bound}); the start's bookkeeping is here, once.
 *
 * <p>Confined to the control's event loop ({@link ProxyContext#executor()}), as every {@link Proxy};
 * {@link #bound} runs on the thread that completes {@link #bind()}'s future, which each type binds
 * with the control's executor.
 *
 * @param <T> what {@link #bind()} yields: the bound channel, or the group's port
 */
public abstract class PortProxy<T> extends OwnedProxy {
    protected PortProxy(ProxyContext context) {
        super(context);
    }

    @Override
    public final Future<String> start() {
        Promise<String> started = context.executor().newPromise();
        bind().addListener(f -> {
            if (!f.isSuccess()) {
                started.tryFailure(f.cause());
                return;
            }
            @SuppressWarnings("unchecked")
            T taken = (T) f.getNow();
            try {
                started.trySuccess(":" + bound(taken));
            } catch (IllegalStateException e) {
                started.tryFailure(e);
            }
        });
        return started;
    }

    /** Takes the public port: binds a socket, or joins a group's listener. */
    protected abstract Future<T> bind();

    /**
     * Keeps what {@link #bind()} took and starts serving on it.
     *
     * @return the public port, for NewProxyResp's remote_addr
     * @throws IllegalStateException the start's error (the proxy was closed meanwhile)
     */
    protected abstract int bound(T taken);

    /** The local port {@code channel} is bound to. */
    protected static int portOf(Channel channel) {
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }
}
