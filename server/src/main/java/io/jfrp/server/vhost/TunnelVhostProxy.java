package io.jfrp.server.vhost;

import io.jfrp.config.model.VhostConfig;
import io.jfrp.server.proxy.ProxyContext;
import io.jfrp.server.proxy.RoutedProxy;

import java.util.List;

/**
 * A proxy on one of the ports {@link TunnelVhosts} routes by name and relays as they are (https by
 * the ClientHello's server name, tcpmux by the CONNECT target): its domains (customDomains, and
 * subdomain under subDomainHost) become routes to its client on that port, taken all or none
 * ({@link TunnelRouteSet}), given back at close. Confined to the control's event loop.
 */
public abstract class TunnelVhostProxy extends RoutedProxy {
    private final TunnelVhosts vhosts;
    private final TunnelRouteSet routes;

    /** @param routes the (empty) route set of this proxy on its port's routes */
    protected TunnelVhostProxy(ProxyContext context, TunnelVhosts vhosts, TunnelRouteSet routes) {
        super(context);
        this.vhosts = vhosts;
        this.routes = routes;
    }

    /** The server's vhost settings (its ports, subDomainHost). */
    protected final VhostConfig vhostConfig() {
        return vhosts.config();
    }

    /**
     * Takes a route on {@code port} for each domain; the remote_addr for NewProxyResp.
     *
     * @throws IllegalArgumentException naming a domain another proxy holds, or a bad domain
     */
    protected final String addRoutes(List<String> customDomains, String subdomain, int port) {
        return routes.add(ProxyDomains.of(customDomains, subdomain, vhosts.config().subDomainHost()), port);
    }

    @Override
    public final void close() {
        routes.removeAll();
    }
}
