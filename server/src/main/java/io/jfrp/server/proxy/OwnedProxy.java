package io.jfrp.server.proxy;

/**
 * What every proxy type shares: the {@link ProxyContext} of the client that owns it, and its name,
 * the one the control registered and asks work connections for. Its two kinds are a
 * {@link PortProxy} (a public port of its own) and a {@link RoutedProxy} (registered by name).
 */
public abstract class OwnedProxy implements Proxy {
    /** The control's side of this proxy: its loop, run id, user and work connections. */
    protected final ProxyContext context;

    protected OwnedProxy(ProxyContext context) {
        this.context = context;
    }

    /** The NewProxy's name, as the control registered it and its work connections ask for it. */
    @Override
    public final String name() {
        return context.bridge().proxyName();
    }
}
