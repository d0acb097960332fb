package io.jfrp.server.vhost.http;

import io.jfrp.server.proxy.ProxyRefusal;
import io.jfrp.server.proxy.RoundRobin;
import io.jfrp.server.vhost.DomainCandidates;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The http routing table shared by every client's http proxies: (domain, location, routeByHTTPUser)
 * to a {@link Route}, with frp's lookup order.
 *
 * <h3>Lookup</h3>
 * For a request's host (lower case, port and trailing dot removed), path and basic-auth user:
 * <ol>
 *   <li>the exact host, first among routes for that user, then among routes for any user
 *       (routeByHTTPUser empty);</li>
 *   <li>wildcard domains, replacing the leftmost label with {@code *} and dropping labels from
 *       the left while three or more remain: {@code a.b.example.com} tries {@code *.b.example.com}
 *       then {@code *.example.com}, but never {@code *.com};</li>
 *   <li>the catch-all domain {@code *}.</li>
 * </ol>
 * Within one domain and user the longest matching location wins: locations are plain path
 * prefixes, tried from the lexicographically greatest down (so {@code /api/v1} before {@code /api}
 * before {@code /} before the empty location, which matches every path), as frp does.
 *
 * <h3>Load-balancing groups</h3>
 * A route belongs to one proxy, or to a group (loadBalancer.group) whose members share it. As in
 * frps, an http group is known by its name and has one route: a proxy joining a group that has
 * members must ask for the group's route (domain, location and routeByHTTPUser; else
 * {@code group params invalid}, and so a group's proxy with two domains or two locations is
 * refused), with its groupKey ({@code group auth failed}), and not twice ({@code group proxy
 * repeated}); a route another proxy or group holds is a {@code router config conflict}. Routes
 * ignore the case of a domain, a group's members do not, as frps 0.70 (its router lower-cases, its
 * groups compare the domain as given): {@code example.com} in a group of {@code Example.COM} is
 * {@code group params invalid}.
 * {@link #pick} hands out the members round-robin. A member leaving takes only itself out; the
 * route, and the group, go with its last member.
 *
 * <p>Thread-safe: registration happens on control loops, lookups on public connections' loops; one
 * lock guards the table (lookups are a few map reads).
 */
public final class HttpRouter {
    /** domain, then routeByHTTPUser, then routes by location, greatest first. */
    private final Map<String, Map<String, List<Route>>> byDomain = new HashMap<>();
    /** A load-balancing group's name to its route, while it has members. */
    private final Map<String, Route> groups = new HashMap<>();

    /** One (domain, location, user) and the proxies serving it. */
    public static final class Route {
        /** Lower case: the key of the table. */
        final String domain;
        /** As the first member gave it, which a group's next members must give alike. */
        final String givenDomain;
        final String location;
        final String user;
        final String group;
        final String groupKey;
        /** Guarded by the router. */
        private final RoundRobin<HttpRouteTarget> members = new RoundRobin<>();

        Route(String domain, String givenDomain, String location, String user, String group, String groupKey) {
            this.domain = domain;
            this.givenDomain = givenDomain;
            this.location = location;
            this.user = user;
            this.group = group;
            this.groupKey = groupKey;
        }

        @Override
        public String toString() {
            return "host [" + domain + "] location [" + location + "]"
                    + (user.isEmpty() ? "" : " routeByHTTPUser [" + user + "]");
        }
    }

    /**
     * Adds {@code proxy} as the route for (domain, location, user), or as one more member of the
     * group that has it.
     *
     * @throws ProxyRefusal when the proxy's group has another route, another key or the proxy
     *                      already, or another proxy or group has that route: frps's text ("group
     *                      params invalid", "group auth failed", "group proxy repeated", "router
     *                      config conflict") and jfrps's detail
     */
    public synchronized Route add(String domain, String location, String user, HttpRouteTarget proxy) {
        String d = domain.toLowerCase(Locale.ROOT);
        String group = proxy.config().base().loadBalancer().group();
        String groupKey = proxy.config().base().loadBalancer().groupKey();
        Route joined = group.isEmpty() ? null : groups.get(group);
        if (joined != null) {
            if (!joined.givenDomain.equals(domain) || !joined.location.equals(location) || !joined.user.equals(user)) {
                throw new ProxyRefusal(ProxyRefusal.GROUP_PARAMS_INVALID, "load-balancing group [" + group + "] serves "
                        + joined + " (host as given [" + joined.givenDomain + "]), not host [" + domain + "] location ["
                        + location + "]"
                        + (user.isEmpty() ? "" : " routeByHTTPUser [" + user + "]")
                        + ": an http group has one route (group params invalid)");
            }
            if (!groupKey.equals(joined.groupKey)) {
                throw new ProxyRefusal(ProxyRefusal.GROUP_AUTH_FAILED, "group auth failed: load-balancing group [" + group
                        + "] on " + joined + " has a different groupKey");
            }
            if (joined.members.contains(proxy)) {
                throw new ProxyRefusal(ProxyRefusal.GROUP_PROXY_REPEATED, "proxy [" + proxy.name() + "] already serves "
                        + joined);
            }
            joined.members.add(proxy);
            return joined;
        }
        List<Route> routes = byDomain.computeIfAbsent(d, k -> new HashMap<>()).computeIfAbsent(user, k -> new ArrayList<>());
        for (Route r : routes) {
            if (r.location.equals(location)) {
                String holder = r.members.isEmpty() ? "?" : r.members.first().name();
                throw new ProxyRefusal(ProxyRefusal.ROUTER_CONFIG_CONFLICT, "router config conflict: " + r
                        + " is already served by "
                        + (r.group.isEmpty() ? "proxy [" + holder + "]" : "load-balancing group [" + r.group + "]"));
            }
        }
        Route r = new Route(d, domain, location, user, group, groupKey);
        r.members.add(proxy);
        routes.add(r);
        routes.sort(Comparator.comparing((Route x) -> x.location).reversed());
        if (!group.isEmpty()) {
            groups.put(group, r);
        }
        return r;
    }

    /** Takes {@code proxy} out of {@code route}; the route goes when it has no member left. */
    public synchronized void remove(Route route, HttpRouteTarget proxy) {
        route.members.remove(proxy);
        if (!route.members.isEmpty()) {
            return;
        }
        groups.remove(route.group, route);
        Map<String, List<Route>> byUser = byDomain.get(route.domain);
        if (byUser == null) {
            return;
        }
        List<Route> routes = byUser.get(route.user);
        if (routes != null) {
            routes.remove(route);
            if (routes.isEmpty()) {
                byUser.remove(route.user);
            }
        }
        if (byUser.isEmpty()) {
            byDomain.remove(route.domain);
        }
    }

    /**
     * The route for a request, or null.
     *
     * @param host a canonical host ({@link #canonicalHost})
     * @param path the request path
     * @param user the basic-auth user of the request, empty when none
     */
    public synchronized Route lookup(String host, String path, String user) {
        // The host itself first, without making the wildcard candidates: the common case, per request.
        Route r = exactOrAnyUser(host, path, user);
        if (r != null) {
            return r;
        }
        List<String> candidates = DomainCandidates.of(host);
        for (int i = 1; i < candidates.size(); i++) { // the first is the host, tried above
            r = exactOrAnyUser(candidates.get(i), path, user);
            if (r != null) {
                return r;
            }
        }
        return null;
    }

    private Route exactOrAnyUser(String host, String path, String user) {
        Map<String, List<Route>> byUser = byDomain.get(host);
        if (byUser == null) {
            return null;
        }
        Route r = byLocation(byUser.get(user), path);
        return r != null || user.isEmpty() ? r : byLocation(byUser.get(""), path);
    }

    private static Route byLocation(List<Route> routes, String path) {
        if (routes != null) {
            // Indexed, per request: C1 (the launchers' only compiler) makes an iterator for a for-each.
            for (int i = 0; i < routes.size(); i++) {
                Route r = routes.get(i);
                if (path.startsWith(r.location)) {
                    return r;
                }
            }
        }
        return null;
    }

    /**
     * The member to serve the next request of {@code route}: {@code preferred} when it is still a
     * member (a keep-alive connection stays with the backend it has), else the next in turn. Null
     * when the route has lost its last member meanwhile.
     */
    public synchronized HttpRouteTarget pick(Route route, HttpRouteTarget preferred) {
        return route.members.pick(preferred);
    }

    /**
     * A Host header (or URI authority) as routes are keyed: lower case, without port and without a
     * trailing dot ({@code Example.COM.:8080} is {@code example.com}); an IPv6 literal keeps its
     * brackets.
     */
    public static String canonicalHost(String host) {
        if (host == null) {
            return "";
        }
        String h = host.trim().toLowerCase(Locale.ROOT);
        if (h.startsWith("[")) {
            int end = h.indexOf(']');
            h = end < 0 ? h : h.substring(0, end + 1);
        } else {
            int colon = h.indexOf(':');
            if (colon >= 0 && h.indexOf(':', colon + 1) < 0) {
                h = h.substring(0, colon);
            }
        }
        return h.endsWith(".") ? h.substring(0, h.length() - 1) : h;
    }
}
