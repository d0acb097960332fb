package io.jfrp.client.plugin.httpproxy;

import io.jfrp.client.plugin.PluginResponses;
import io.jfrp.client.plugin.BasicAuth;
import io.jfrp.client.plugin.HostPort;
import io.jfrp.client.plugin.http.ForwardingPolicy;
import io.jfrp.client.plugin.http.Route;
import io.jfrp.client.plugin.http.Upstream;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.ssl.SslContext;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;

/**
 * Routes the requests of the http_proxy plugin: credentials first, then CONNECT to a tunnel and an
 * absolute-form request to its host, with frp's {@code removeProxyHeaders} applied.
 *
 * @param auth      httpUser/httpPassword, asked for in Proxy-Authorization
 * @param verifying TLS for {@code https://} request URLs (certificates checked, as Go's transport)
 */
record ProxyRequests(BasicAuth auth, SslContext verifying) implements Route.Router {
    /** The headers frp's http_proxy removes before forwarding. */
    private static final List<CharSequence> PROXY_HEADERS = List.of(HttpHeaderNames.PROXY_CONNECTION,
            HttpHeaderNames.CONNECTION, HttpHeaderNames.PROXY_AUTHENTICATE, HttpHeaderNames.PROXY_AUTHORIZATION,
            HttpHeaderNames.TE, "Trailers", HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderNames.UPGRADE);

    @Override
    public Route route(HttpRequest req, Route.ClientSide client) {
        boolean connect = HttpMethod.CONNECT.equals(req.method());
        if (!auth.accepts(req.headers(), HttpHeaderNames.PROXY_AUTHORIZATION)) {
            long delay = BasicAuth.present(req.headers(), HttpHeaderNames.PROXY_AUTHORIZATION)
                    ? BasicAuth.FAILURE_DELAY_MILLIS : 0;
            return new Route.Answer(authenticationRequired(connect), connect, delay);
        }
        if (connect) {
            try {
                HostPort target = HostPort.parse(req.uri(), "CONNECT target");
                return new Route.Tunnel(new Upstream(target.host(), target.port(), null));
            } catch (IllegalArgumentException e) {
                return new Route.Answer(PluginResponses.text(HttpResponseStatus.BAD_REQUEST, e.getMessage()), true);
            }
        }
        URI uri;
        try {
            uri = new URI(req.uri());
        } catch (URISyntaxException e) {
            return new Route.Answer(PluginResponses.text(HttpResponseStatus.BAD_REQUEST, "malformed URL"), true);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
            return new Route.Answer(PluginResponses.text(HttpResponseStatus.INTERNAL_SERVER_ERROR,
                    "unsupported protocol scheme \"" + scheme + "\""), false);
        }
        boolean https = scheme.equals("https");
        int port = uri.getPort() > 0 ? uri.getPort() : https ? 443 : 80;
        HttpHeaders h = req.headers();
        boolean chunked = HttpUtil.isTransferEncodingChunked(req);
        PROXY_HEADERS.forEach(h::remove);
        if (chunked) {
            HttpUtil.setTransferEncodingChunked(req, true);
        }
        h.set(HttpHeaderNames.HOST, uri.getRawAuthority());
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        req.setUri(uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery());
        String host = uri.getHost().startsWith("[") ? uri.getHost().substring(1, uri.getHost().length() - 1) : uri.getHost();
        return new Route.To(new Upstream(host, port, https ? verifying : null));
    }

    /** frp's 407: for CONNECT its own "Not authorized" answer that closes, else Go's plain 407. */
    private static FullHttpResponse authenticationRequired(boolean connect) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, connect
                ? new HttpResponseStatus(407, "Not authorized") : HttpResponseStatus.PROXY_AUTHENTICATION_REQUIRED);
        response.headers().set(HttpHeaderNames.PROXY_AUTHENTICATE, "Basic");
        if (connect) {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        }
        HttpUtil.setContentLength(response, 0);
        return response;
    }
}
