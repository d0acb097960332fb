package io.jfrp.server.vhost;

import io.jfrp.config.model.proxy.LoadBalancer;

import java.util.ArrayList;
import java.util.List;

/**
 * The routes one https or tcpmux proxy holds on its port's {@link NameRoutes}: one per domain, taken
 * all or none, given back together. Confined to the proxy's control loop.
 */
public final class TunnelRouteSet {
    private final NameRoutes<TunnelTarget> routes;
    private final String kind;
    private final String routeUser;
    private final LoadBalancer loadBalancer;
    private final String proxyName;
    private final TunnelTarget target;
    private final List<String> added = new ArrayList<>();

    /**
     * @param kind      {@code https} or {@code tcpmux}, for errors
     * @param routeUser routeByHTTPUser (tcpmux); empty = any user
     */
    public TunnelRouteSet(NameRoutes<TunnelTarget> routes, String kind, String routeUser, LoadBalancer loadBalancer,
                          String proxyName, TunnelTarget target) {
        this.routes = routes;
        this.kind = kind;
        this.routeUser = routeUser;
        this.loadBalancer = loadBalancer;
        this.proxyName = proxyName;
        this.target = target;
    }

    /**
     * Adds a route for each domain; the remote_addr for NewProxyResp ({@code host:port} per domain).
     *
     * @throws IllegalArgumentException naming the domain another proxy holds (routes added before it
     *                                  stay until {@link #removeAll()})
     */
    public String add(List<String> domains, int port) {
        List<String> addrs = new ArrayList<>();
        for (String domain : domains) {
            String error = routes.add(domain, routeUser, loadBalancer.group(), loadBalancer.groupKey(), proxyName, target);
            if (error != null) {
                throw new IllegalArgumentException(kind + " " + error);
            }
            added.add(domain);
            addrs.add(ProxyDomains.canonicalAddr(domain, port));
        }
        return String.join(",", addrs);
    }

    /** Gives back every route added. Safe to call twice. */
    public void removeAll() {
        for (String domain : added) {
            routes.remove(domain, routeUser, target);
        }
        added.clear();
    }
}
