package io.jfrp.server.proxy;

import io.netty.util.concurrent.Future;

/**
 * A proxy reached by name rather than on a port of its own: routes on a shared, name-routed port
 * (http, https, tcpmux), or its name and secretKey registered for visitors (stcp, sudp) or punch
 * sessions (xtcp). Starting it takes its routes, which is done at once on the control loop; a route
 * it cannot take fails the start and gives back those taken before, so a proxy holds every route it
 * asked for or none. (A proxy on a public port of its own is a {@link PortProxy}.)
 */
public abstract class RoutedProxy extends OwnedProxy {
    protected RoutedProxy(ProxyContext context) {
        super(context);
    }

    @Override
    public final Future<String> start() {
        try {
            return context.executor().newSucceededFuture(register());
        } catch (IllegalArgumentException | IllegalStateException e) {
            close();
            return context.executor().newFailedFuture(e);
        }
    }

    /**
     * Takes the routes; returns remote_addr for NewProxyResp.
     *
     * @throws IllegalArgumentException with the NewProxyResp error (a route held by another proxy, the
     *                                  port not configured on the server, a bad domain)
     * @throws IllegalStateException    with the NewProxyResp error (the name is registered already)
     */
    protected abstract String register();
}
