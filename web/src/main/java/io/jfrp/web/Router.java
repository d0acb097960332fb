package io.jfrp.web;

import io.netty.handler.codec.http.HttpMethod;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Maps a method and a path to a {@link WebHandler}, in the manner of gorilla/mux as frp uses it.
 *
 * <h3>Patterns</h3>
 * A pattern is a literal path whose segments may be {@code {name}} parameters matching one
 * non-empty segment ({@code /api/proxy/{type}/{name}}), or a prefix ending in {@code /**} that
 * matches the prefix and everything below it ({@code /static/**}). Matching is done on the path as
 * sent, still percent-encoded, so an encoded slash ({@code %2F}) stays inside its segment; handlers
 * decode parameters with {@link WebRequest#pathParam}. Routes are tried in the order they were
 * added; the first that matches path and method wins.
 *
 * <h3>Outcomes</h3>
 * A path no route matches is {@link Match.NotFound} (404); a path matched only by routes of other
 * methods is {@link Match.MethodNotAllowed} (405), as gorilla/mux answers.
 *
 * <h3>Authentication</h3>
 * Every route is behind the server's basic auth unless added with {@link #publicRoute}; the server
 * adds {@code GET /healthz} that way itself. Unknown paths need the credentials too, so an
 * unauthenticated peer learns nothing about which routes exist.
 *
 * <p>Thread-safe: routes may be added while the server runs (a program registers its routes after
 * the server has bound its port); lookups see every route added before them.
 */
public final class Router {
    private final List<Route> routes = new CopyOnWriteArrayList<>();

    /** The outcome of {@link #find}. */
    public sealed interface Match {
        /** A route matched. */
        record Found(Route route, Map<String, String> params) implements Match {
        }

        /** Only routes of other methods match the path. */
        record MethodNotAllowed(Set<HttpMethod> allowed) implements Match {
        }

        /** Nothing matches the path. */
        record NotFound() implements Match {
        }
    }

    /** One route: a method, a compiled pattern, whether it needs auth, and its handler. */
    public record Route(HttpMethod method, String pattern, boolean authenticated, WebHandler handler) {
        public Route {
            Objects.requireNonNull(method, "method");
            Objects.requireNonNull(handler, "handler");
            validate(pattern);
        }
    }

    public Router get(String pattern, WebHandler handler) {
        return add(HttpMethod.GET, pattern, handler);
    }

    public Router post(String pattern, WebHandler handler) {
        return add(HttpMethod.POST, pattern, handler);
    }

    public Router put(String pattern, WebHandler handler) {
        return add(HttpMethod.PUT, pattern, handler);
    }

    public Router delete(String pattern, WebHandler handler) {
        return add(HttpMethod.DELETE, pattern, handler);
    }

    /** A route behind the basic auth. */
    public Router add(HttpMethod method, String pattern, WebHandler handler) {
        routes.add(new Route(method, pattern, true, handler));
        return this;
    }

    /** A route reachable without credentials (frp has only {@code /healthz} and pprof). */
    public Router publicRoute(HttpMethod method, String pattern, WebHandler handler) {
        routes.add(new Route(method, pattern, false, handler));
        return this;
    }

    /** Whether {@code method rawPath} reaches a route that needs no credentials. */
    public boolean isPublic(HttpMethod method, String rawPath) {
        return find(method, rawPath) instanceof Match.Found f && !f.route().authenticated();
    }

    /** Finds the route for {@code method} and the still-encoded {@code rawPath}. */
    public Match find(HttpMethod method, String rawPath) {
        String[] segments = split(rawPath);
        Set<HttpMethod> otherMethods = new LinkedHashSet<>();
        for (Route route : routes) {
            Map<String, String> params = match(route.pattern(), segments);
            if (params == null) {
                continue;
            }
            if (route.method().equals(method)) {
                return new Match.Found(route, params);
            }
            otherMethods.add(route.method());
        }
        return otherMethods.isEmpty() ? new Match.NotFound() : new Match.MethodNotAllowed(otherMethods);
    }

    /** All routes, in the order they were added (for documentation and tests). */
    public List<Route> routes() {
        return new ArrayList<>(routes);
    }

    private static Map<String, String> match(String pattern, String[] path) {
        String[] parts = split(pattern);
        boolean prefix = parts.length > 0 && parts[parts.length - 1].equals("**");
        int fixed = prefix ? parts.length - 1 : parts.length;
        if (prefix ? path.length < fixed : path.length != fixed) {
            return null;
        }
        if (prefix && path.length == fixed && !pattern.equals("/**")) {
            // "/static/**" matches "/static/" (a trailing empty segment) and below, not "/static".
            return null;
        }
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i < fixed; i++) {
            String part = parts[i];
            if (part.startsWith("{") && part.endsWith("}")) {
                if (path[i].isEmpty()) {
                    return null;
                }
                params.put(part.substring(1, part.length() - 1), path[i]);
            } else if (!part.equals(path[i])) {
                return null;
            }
        }
        return params;
    }

    /** "/a/b/" → ["a", "b", ""]; "/" → [""]. The leading slash is dropped. */
    private static String[] split(String path) {
        String p = path.startsWith("/") ? path.substring(1) : path;
        return p.split("/", -1);
    }

    private static void validate(String pattern) {
        Objects.requireNonNull(pattern, "pattern");
        if (!pattern.startsWith("/")) {
            throw new IllegalArgumentException("route pattern must start with '/': " + pattern);
        }
        String[] parts = split(pattern);
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i];
            if (part.equals("**") && i != parts.length - 1) {
                throw new IllegalArgumentException("'**' may only end a pattern: " + pattern);
            }
            if ((part.startsWith("{") || part.endsWith("}")) && !(part.startsWith("{") && part.endsWith("}") && part.length() > 2)) {
                throw new IllegalArgumentException("malformed parameter '" + part + "' in " + pattern);
            }
        }
    }
}
