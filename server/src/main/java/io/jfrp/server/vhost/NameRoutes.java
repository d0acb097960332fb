package io.jfrp.server.vhost;

import io.jfrp.server.proxy.ProxyRefusal;
import io.jfrp.server.proxy.RoundRobin;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Which proxy serves a host name on a name-routed port that tunnels whole connections (https by SNI,
 * tcpmux by HTTP CONNECT). A route is a domain plus a {@code routeByHTTPUser} (empty = any user).
 *
 * <h3>Lookup (as stock frps' vhost router)</h3>
 * For a host and the user the client authenticated as: the exact domain with that user, then with
 * no user; then wildcard domains, dropping labels from the left while at least three are left
 * ({@code a.b.example.com} tries {@code *.b.example.com}, then {@code *.example.com}; never
 * {@code *.com}); then the catch-all domain {@code *}.
 *
 * <h3>Load-balancing groups</h3>
 * Proxies with the same {@code loadBalancer.group} and {@code groupKey} may add the same route; it
 * then has several targets, and each lookup gives the next one in turn. A route claimed by a proxy
 * outside the group, or with another key, is a conflict.
 *
 * <p>Thread-safe; lookups and changes are short and take one lock.
 *
 * @param <T> what a route leads to
 */
public final class NameRoutes<T> {
    private final Map<Key, Route<T>> routes = new HashMap<>();

    private record Key(String domain, String user) {
    }

    /** One route's targets: several only for a load-balancing group. */
    private static final class Route<T> {
        final String group;
        final String groupKey;
        final RoundRobin<Member<T>> members = new RoundRobin<>();

        Route(String group, String groupKey) {
            this.group = group;
            this.groupKey = groupKey;
        }
    }

    private record Member<T>(String proxyName, T target) {
    }

    /**
     * Adds the route {@code domain} + {@code routeByHttpUser} to {@code target}. Returns null, or the
     * refusal when another proxy has the route (and is not in the same group with the same key):
     * frps's text for NewProxyResp ("router config conflict", "group auth failed") and the detail
     * for jfrps's log.
     *
     * @param group     loadBalancer.group, empty for none
     * @param groupKey  loadBalancer.groupKey
     * @param proxyName the proxy adding it, for errors
     */
    public synchronized ProxyRefusal add(String domain, String routeByHttpUser, String group, String groupKey,
                                         String proxyName, T target) {
        Objects.requireNonNull(target, "target");
        Key key = new Key(domain.toLowerCase(Locale.ROOT), routeByHttpUser);
        Route<T> route = routes.get(key);
        if (route == null) {
            route = new Route<>(group, groupKey);
            routes.put(key, route);
        } else if (group.isEmpty() || !group.equals(route.group)) {
            return new ProxyRefusal(ProxyRefusal.ROUTER_CONFIG_CONFLICT, "domain [" + key.domain() + "]"
                    + (routeByHttpUser.isEmpty() ? "" : " for user [" + routeByHttpUser + "]")
                    + " is already used by proxy [" + route.members.first().proxyName() + "]"
                    + (route.group.isEmpty() ? "" : " of load balancer group [" + route.group + "]"));
        } else if (!groupKey.equals(route.groupKey)) {
            return new ProxyRefusal(ProxyRefusal.GROUP_AUTH_FAILED,
                    "load balancer group [" + group + "]: groupKey does not match the group's (group auth failed)");
        }
        route.members.add(new Member<>(proxyName, target));
        return null;
    }

    /** Removes {@code target} from the route; the route goes with its last target. */
    public synchronized void remove(String domain, String routeByHttpUser, T target) {
        Key key = new Key(domain.toLowerCase(Locale.ROOT), routeByHttpUser);
        Route<T> route = routes.get(key);
        if (route != null && route.members.removeIf(m -> m.target() == target) && route.members.isEmpty()) {
            routes.remove(key);
        }
    }

    /** The target for {@code host} and {@code httpUser} (empty = none), or null when none serves it. */
    public synchronized T lookup(String host, String httpUser) {
        for (String domain : DomainCandidates.of(host.toLowerCase(Locale.ROOT))) {
            T found = exactOrAnyUser(domain, httpUser);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    private T exactOrAnyUser(String domain, String httpUser) {
        Route<T> route = routes.get(new Key(domain, httpUser));
        if (route == null && !httpUser.isEmpty()) {
            route = routes.get(new Key(domain, ""));
        }
        if (route == null) {
            return null;
        }
        return route.members.next().target();
    }

    /** Routes now (for tests and diagnostics). */
    public synchronized int size() {
        return routes.size();
    }
}
