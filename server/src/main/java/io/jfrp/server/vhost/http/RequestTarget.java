package io.jfrp.server.vhost.http;

import io.jfrp.config.model.proxy.HttpProxyConfig;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.QueryStringDecoder;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * What a request is routed by and authenticated with, as frp reads it: the host (Host header, or the
 * authority of a proxy-form request line {@code GET http://host/path} or {@code CONNECT host:port}),
 * the path, and the basic-auth user. A proxy-form request authenticates with
 * {@code Proxy-Authorization} (its route's user falling back to {@code Authorization}) and is refused
 * with 407; an origin-form request with {@code Authorization} and 401.
 *
 * @param hostHeader the host as the client wrote it (for X-Forwarded-Host)
 * @param host       the host as routes are keyed ({@link HttpRouter#canonicalHost})
 * @param path       the path; empty for CONNECT (only routes without a location match, as in frp)
 * @param proxyForm  the request line names the target (absolute URI or CONNECT)
 * @param auth       the Authorization credentials
 * @param proxyAuth  the Proxy-Authorization credentials
 */
record RequestTarget(String hostHeader, String host, String path, boolean proxyForm, BasicAuth auth,
                     BasicAuth proxyAuth) {

    /** @throws URISyntaxException for an absolute request URI that does not parse */
    static RequestTarget of(HttpRequest req) throws URISyntaxException {
        String hostHeader = req.headers().get(HttpHeaderNames.HOST, "");
        boolean connect = HttpMethod.CONNECT.equals(req.method());
        boolean absolute = req.uri().regionMatches(true, 0, "http://", 0, 7);
        String path;
        if (absolute) {
            URI uri = new URI(req.uri());
            hostHeader = uri.getRawAuthority() == null ? hostHeader : uri.getRawAuthority();
            path = uri.getPath() == null || uri.getPath().isEmpty() ? "/" : uri.getPath();
        } else if (connect) {
            hostHeader = req.uri();
            path = "";
        } else {
            path = new QueryStringDecoder(req.uri()).path();
        }
        return new RequestTarget(hostHeader, HttpRouter.canonicalHost(hostHeader), path, absolute || connect,
                BasicAuth.parse(req.headers().get(HttpHeaderNames.AUTHORIZATION)),
                BasicAuth.parse(req.headers().get(HttpHeaderNames.PROXY_AUTHORIZATION)));
    }

    /** The user routes are picked by (routeByHTTPUser). */
    String routeUser() {
        return proxyForm && proxyAuth != BasicAuth.NONE ? proxyAuth.user() : auth.user();
    }

    /** Whether the request may reach {@code proxy}: no httpUser/httpPassword, or the right ones. */
    boolean admittedBy(HttpProxyConfig proxy) {
        if (proxy.httpUser().isEmpty() && proxy.httpPassword().isEmpty()) {
            return true;
        }
        return (proxyForm ? proxyAuth : auth).matches(proxy.httpUser(), proxy.httpPassword());
    }

    /** The refusal of a request not {@link #admittedBy admitted}: 407 for proxy form, else 401. */
    FullHttpResponse refusal(ByteBufAllocator alloc) {
        return proxyForm ? ErrorPages.proxyAuthRequired(alloc) : ErrorPages.unauthorized(alloc);
    }
}
