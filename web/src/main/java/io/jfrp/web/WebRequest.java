package io.jfrp.web;

import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;

import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * A complete request as a handler sees it: immutable, detached from Netty's buffers (the body is a
 * copy), with the path parameters of the route that matched.
 *
 * <p>Query parameters follow Go's {@code url.Values}: {@link #query} is the first value or "" and
 * {@link #hasQuery} tells a parameter given empty ({@code ?user=} or {@code ?user}) from one not
 * given at all, which frps' v2 filters distinguish.
 *
 * @param method        the request's method
 * @param uri           the request target as sent, path and query
 * @param rawPath       the path as sent, still percent-encoded
 * @param query         the query parameters, each with its values in order (see {@link #query(String)})
 * @param headers       the request's headers
 * @param body          the body, empty when none was sent; the array is the request's own (the dispatcher
 *                      gives it a copy), so {@link #body()} hands out copies
 * @param remoteAddress the client's address
 * @param pathParams    the matched route's path parameters as sent (see {@link #pathParam})
 */
public record WebRequest(HttpMethod method, String uri, String rawPath, Map<String, List<String>> query,
                         HttpHeaders headers, byte[] body, SocketAddress remoteAddress,
                         Map<String, String> pathParams) {

    public WebRequest {
        query = Map.copyOf(query);
        pathParams = Map.copyOf(pathParams);
    }

    /** The first value of query parameter {@code name}, or "" when absent. */
    public String query(String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? "" : values.get(0);
    }

    /** Whether query parameter {@code name} is present, even with an empty value. */
    public boolean hasQuery(String name) {
        return query.containsKey(name);
    }

    /**
     * Path parameter {@code name} of the matched route ({@code {name}} in its pattern),
     * percent-decoded like Go's {@code url.PathUnescape}.
     *
     * @throws IllegalArgumentException when the segment is not valid percent-encoding or UTF-8
     */
    public String pathParam(String name) {
        String raw = rawPathParam(name);
        return PathCodec.unescape(raw);
    }

    /** Path parameter {@code name} as sent, still percent-encoded; "" when the route has none. */
    public String rawPathParam(String name) {
        return pathParams.getOrDefault(name, "");
    }

    /** A header's first value, or null. */
    public String header(String name) {
        return headers.get(name);
    }

    /** The body (a copy owned by this request; empty when none was sent). */
    public byte[] body() {
        return body.clone();
    }

    /** The body decoded as UTF-8. */
    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    WebRequest withPathParams(Map<String, String> params) {
        return new WebRequest(method, uri, rawPath, query, headers, body, remoteAddress, params);
    }

    @Override
    public String toString() {
        return method + " " + uri;
    }
}
