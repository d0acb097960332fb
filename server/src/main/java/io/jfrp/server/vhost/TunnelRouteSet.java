package io.jfrp.server.vhost;

import io.jfrp.config.model.proxy.LoadBalancer;
import io.jfrp.server.proxy.ProxyRefusal;

import java.util.ArrayList;
import java.util.List;

/**
 * The routes one https or tcpmux proxy holds on its port's {@link NameRoutes}: one per domain, taken
 * all or none, given back together. Confined to the proxy's control loop.
 */
public final class TunnelRouteSet {
    private final NameRoutes<TunnelTarget> routes;
    private final String kind;
    private final Claim claim;
    private final List<String> added = new ArrayList<>();

    /**
     * What a proxy asks of each of its routes: the same for all its domains.
     *
     * @param routeUser    routeByHTTPUser (tcpmux); empty = any user
     * @param loadBalancer the group the proxy shares its routes with, if any
     * @param proxyName    the proxy taking the routes, for errors
     * @param target       where the routes lead
     */
    public record Claim(String routeUser, LoadBalancer loadBalancer, String proxyName, TunnelTarget target) {
        /** What a group's members must ask alike besides the route: the credentials tcpmux asks for. */
        List<String> groupParams() {
            return List.of(target.httpUser(), target.httpPassword());
        }
    }

    /** @param kind {@code https} or {@code tcpmux}, for errors */
    public TunnelRouteSet(NameRoutes<TunnelTarget> routes, String kind, Claim claim) {
        this.routes = routes;
        this.kind = kind;
        this.claim = claim;
    }

    /**
     * Adds a route for each domain; the remote_addr for NewProxyResp ({@code host:port} per domain).
     *
     * @throws ProxyRefusal frps's error, its detail naming the domain another proxy holds (routes
     *                      added before it stay until {@link #removeAll()})
     */
    public String add(List<String> domains, int port) {
        List<String> addrs = new ArrayList<>();
        for (String domain : domains) {
            ProxyRefusal refused = routes.add(domain, claim.routeUser(), claim.loadBalancer().group(),
                    claim.loadBalancer().groupKey(), claim.groupParams(), claim.proxyName(), claim.target());
            if (refused != null) {
                throw new ProxyRefusal(refused.getMessage(), kind + " " + refused.detail());
            }
            added.add(domain);
            addrs.add(ProxyDomains.canonicalAddr(domain, port));
        }
        return String.join(",", addrs);
    }

    /** Gives back every route added. Safe to call twice. */
    public void removeAll() {
        for (String domain : added) {
            routes.remove(domain, claim.routeUser(), claim.target());
        }
        added.clear();
    }
}
