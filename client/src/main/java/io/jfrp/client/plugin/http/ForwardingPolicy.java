package io.jfrp.client.plugin.http;

import io.jfrp.client.plugin.PluginResponses;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Map;

/**
 * How the forwarding bridges rewrite a request for the local service, as frp's Rewrite functions on
 * Go's {@code ReverseProxy} (which first drops the hop-by-hop headers and every {@code Forwarded} and
 * {@code X-Forwarded-*} header):
 * <ul>
 *   <li>http2http: nothing is added back;</li>
 *   <li>http2https: X-Forwarded-For, -Host and -Proto are put back as they came (frps' http vhost
 *       has already added the user's address);</li>
 *   <li>https2http, https2https: X-Forwarded-For is what came plus the user's address,
 *       X-Forwarded-Host the request's Host, X-Forwarded-Proto {@code https} (Go's
 *       {@code SetXForwarded}); a request whose Host is not the TLS server name is refused with 421
 *       Misdirected Request.</li>
 * </ul>
 * Then {@code hostHeaderRewrite} replaces Host and {@code requestHeaders.set} sets headers.
 */
public final class ForwardingPolicy {
    private static final CharSequence X_FORWARDED_FOR = "X-Forwarded-For";
    private static final CharSequence X_FORWARDED_HOST = "X-Forwarded-Host";
    private static final CharSequence X_FORWARDED_PROTO = "X-Forwarded-Proto";
    private static final CharSequence FORWARDED = "Forwarded";

    private ForwardingPolicy() {
    }

    /** Which X-Forwarded headers a bridge sends on. */
    public enum Forwarded {
        /** http2http: none. */
        DROP,
        /** http2https: those that came, unchanged. */
        KEEP,
        /** https2http, https2https: Go's SetXForwarded, after those that came. */
        APPEND
    }

    /** The router of a bridge: every request to {@code upstream}, rewritten as above. */
    public static Route.Router bridge(Upstream upstream, Forwarded forwarded, boolean checkMisdirected,
                                      String hostHeaderRewrite, Map<String, String> setHeaders) {
        return (req, client) -> {
            HttpHeaders h = req.headers();
            if (checkMisdirected && !client.sni().isEmpty()) {
                String host = h.get(HttpHeaderNames.HOST, "");
                if (!HeaderRules.canonicalHost(client.sni()).equals(HeaderRules.canonicalHost(host))) {
                    return new Route.Answer(PluginResponses.empty(HttpResponseStatus.MISDIRECTED_REQUEST), false);
                }
            }
            HeaderRules.removeHttp2Extensions(h);
            List<String> xff = h.getAll(X_FORWARDED_FOR);
            List<String> xfh = h.getAll(X_FORWARDED_HOST);
            List<String> xfp = h.getAll(X_FORWARDED_PROTO);
            String inHost = h.get(HttpHeaderNames.HOST, "");
            HeaderRules.removeHopByHop(req);
            h.remove(FORWARDED).remove(X_FORWARDED_FOR).remove(X_FORWARDED_HOST).remove(X_FORWARDED_PROTO);
            switch (forwarded) {
                case DROP -> {
                }
                case KEEP -> {
                    h.add(X_FORWARDED_FOR, xff);
                    h.add(X_FORWARDED_HOST, xfh);
                    h.add(X_FORWARDED_PROTO, xfp);
                }
                case APPEND -> {
                    String prior = String.join(", ", xff);
                    h.set(X_FORWARDED_FOR, prior.isEmpty() ? client.clientIp() : prior + ", " + client.clientIp());
                    h.set(X_FORWARDED_HOST, inHost);
                    h.set(X_FORWARDED_PROTO, client.tls() ? "https" : "http");
                }
            }
            if (!hostHeaderRewrite.isEmpty()) {
                h.set(HttpHeaderNames.HOST, hostHeaderRewrite);
            }
            setHeaders.forEach(h::set);
            req.setUri(originForm(req.uri()));
            return new Route.To(upstream);
        };
    }

    /** The path and query of {@code uri} (an absolute-form URI becomes origin-form). */
    static String originForm(String uri) {
        if (uri.startsWith("/")) {
            return uri;
        }
        try {
            URI parsed = new URI(uri);
            String path = parsed.getRawPath() == null || parsed.getRawPath().isEmpty() ? "/" : parsed.getRawPath();
            return parsed.getRawQuery() == null ? path : path + "?" + parsed.getRawQuery();
        } catch (URISyntaxException e) {
            return uri;
        }
    }
}
