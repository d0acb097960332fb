package io.jfrp.server.vhost;

import io.jfrp.server.proxy.ProxyRefusal;
import io.jfrp.server.proxy.RoundRobin;

import java.util.HashMap;
import java.util.List;
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
 * As in frps, a group is known by its name ({@code loadBalancer.group}) and has one route: the first
 * member takes it (a route another proxy or group holds is a {@code router config conflict}), the
 * next must ask for the same route and group parameters ({@code group params invalid}; so a group's
 * proxy with two domains is refused) with the same {@code groupKey} ({@code group auth failed}). The
 * route then has several targets, and each lookup gives the next one in turn. One table per port,
 * so https and tcpmux groups of one name are apart. Routes ignore the case of a domain, a group's
 * members do not, as frps 0.70 (its router lower-cases, its groups compare the domain as given): a
 * member asking for {@code example.com} in a group of {@code Example.COM} gets
 * {@code group params invalid}.
 *
 * <p>Thread-safe; lookups and changes are short and take one lock.
 *
 * @param <T> what a route leads to
 */
public final class NameRoutes<T> {
    private final Map<Key, Route<T>> routes = new HashMap<>();
    /** A group's name to its route, while it has members. */
    private final Map<String, Key> groups = new HashMap<>();

    private record Key(String domain, String user) {
    }

    /** One route's targets: several only for a load-balancing group. */
    private static final class Route<T> {
        /** The domain as its first member gave it, which a group's next members must give alike. */
        final String domain;
        final String group;
        final String groupKey;
        final List<String> groupParams;
        final RoundRobin<Member<T>> members = new RoundRobin<>();

        Route(String domain, String group, String groupKey, List<String> groupParams) {
            this.domain = domain;
            this.group = group;
            this.groupKey = groupKey;
            this.groupParams = groupParams;
        }
    }

    private record Member<T>(String proxyName, T target) {
    }

    /**
     * Adds the route {@code domain} + {@code routeByHttpUser} to {@code target}, without group
     * parameters: {@link #add(String, String, String, String, List, String, Object)}.
     */
    public ProxyRefusal add(String domain, String routeByHttpUser, String group, String groupKey, String proxyName,
                            T target) {
        return add(domain, routeByHttpUser, group, groupKey, List.of(), proxyName, target);
    }

    /**
     * Adds the route {@code domain} + {@code routeByHttpUser} to {@code target}. Returns null, or the
     * refusal: frps's text for NewProxyResp ("group params invalid", "group auth failed", "router
     * config conflict") and the detail for jfrps's log.
     *
     * @param group       loadBalancer.group, empty for none
     * @param groupKey    loadBalancer.groupKey
     * @param groupParams what else the members of a group must ask alike (tcpmux: httpUser, httpPassword)
     * @param proxyName   the proxy adding it, for errors
     */
    public synchronized ProxyRefusal add(String domain, String routeByHttpUser, String group, String groupKey,
                                         List<String> groupParams, String proxyName, T target) {
        Objects.requireNonNull(target, "target");
        Key key = new Key(domain.toLowerCase(Locale.ROOT), routeByHttpUser);
        Key joined = group.isEmpty() ? null : groups.get(group);
        Route<T> route;
        if (joined != null) {
            route = routes.get(joined);
            if (!route.domain.equals(domain) || !joined.user().equals(routeByHttpUser)
                    || !route.groupParams.equals(groupParams)) {
                return new ProxyRefusal(ProxyRefusal.GROUP_PARAMS_INVALID, "load balancer group [" + group
                        + "] serves domain [" + route.domain + "]"
                        + (joined.user().isEmpty() ? "" : " for user [" + joined.user() + "]")
                        + "; its members ask for that domain, user and credentials only (group params invalid)");
            }
            if (!groupKey.equals(route.groupKey)) {
                return new ProxyRefusal(ProxyRefusal.GROUP_AUTH_FAILED,
                        "load balancer group [" + group + "]: groupKey does not match the group's (group auth failed)");
            }
        } else {
            route = routes.get(key);
            if (route != null) {
                return new ProxyRefusal(ProxyRefusal.ROUTER_CONFIG_CONFLICT, "domain [" + key.domain() + "]"
                        + (routeByHttpUser.isEmpty() ? "" : " for user [" + routeByHttpUser + "]")
                        + " is already used by proxy [" + route.members.first().proxyName() + "]"
                        + (route.group.isEmpty() ? "" : " of load balancer group [" + route.group + "]"));
            }
            route = new Route<>(domain, group, groupKey, List.copyOf(groupParams));
            routes.put(key, route);
            if (!group.isEmpty()) {
                groups.put(group, key);
            }
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
            groups.remove(route.group, key);
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
