package io.jfrp.server.vhost.http;

import io.jfrp.config.model.proxy.HttpProxyConfig;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http2.HttpConversionUtil;
import io.netty.util.AsciiString;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * What the vhost changes in requests and responses on their way through, as frp (Go's
 * httputil.ReverseProxy) does: hop-by-hop headers are the connection's own and are dropped (except
 * Connection/Upgrade of an upgrade request); the proxy's hostHeaderRewrite and requestHeaders.set
 * apply to requests, responseHeaders.set to responses; X-Forwarded-For gets the client's address
 * appended, X-Forwarded-Host and X-Forwarded-Proto say what the client asked for, X-Real-IP is the
 * client's address.
 *
 * <p>Transfer-Encoding stays: bodies pass through chunk by chunk, and Netty's encoders frame them
 * by that header.
 *
 * <p>Everything here runs for every request and response; the name lists are arrays and an empty
 * rule map is not iterated, since under C1 alone (the launchers' compiler, no escape analysis) each
 * for-each over a collection makes an iterator.
 */
final class HeaderRules {
    /** RFC 7230 hop-by-hop headers besides those Connection names, minus Transfer-Encoding (see above). */
    private static final AsciiString[] HOP_BY_HOP = {HttpHeaderNames.CONNECTION, HttpHeaderNames.KEEP_ALIVE,
            HttpHeaderNames.PROXY_CONNECTION, HttpHeaderNames.TE, HttpHeaderNames.TRAILER, HttpHeaderNames.UPGRADE,
            HttpHeaderNames.PROXY_AUTHORIZATION, HttpHeaderNames.PROXY_AUTHENTICATE};
    /** What Netty's HTTP/2 to HTTP/1.1 conversion adds (x-http2-stream-id, x-http2-scheme...); made once, not per request. */
    private static final AsciiString[] HTTP2_EXTENSIONS = Arrays.stream(HttpConversionUtil.ExtensionHeaderNames.values())
            .map(HttpConversionUtil.ExtensionHeaderNames::text).toArray(AsciiString[]::new);
    private static final AsciiString X_FORWARDED_FOR = AsciiString.cached("X-Forwarded-For");
    private static final AsciiString X_FORWARDED_HOST = AsciiString.cached("X-Forwarded-Host");
    private static final AsciiString X_FORWARDED_PROTO = AsciiString.cached("X-Forwarded-Proto");
    private static final AsciiString X_REAL_IP = AsciiString.cached("X-Real-IP");
    private static final AsciiString HTTP = AsciiString.cached("http");

    private HeaderRules() {
    }

    /** True for a request asking to switch protocols (WebSocket and the like). */
    static boolean isUpgrade(HttpRequest req) {
        return req.headers().contains(HttpHeaderNames.UPGRADE)
                && req.headers().containsValue(HttpHeaderNames.CONNECTION, HttpHeaderNames.UPGRADE, true);
    }

    /**
     * Turns a public request into the one sent to the proxy's service: HTTP/1.1 (Go's transport
     * always speaks it to backends), connection headers dropped, the proxy's rules applied.
     *
     * @param originalHost the Host the client sent (X-Forwarded-Host)
     * @param clientIp     the public peer's address
     */
    static void toBackend(HttpRequest req, HttpProxyConfig proxy, String originalHost, String clientIp) {
        HttpHeaders h = req.headers();
        boolean upgrade = isUpgrade(req);
        String upgradeTo = upgrade ? h.get(HttpHeaderNames.UPGRADE) : null;
        dropHopByHop(h);
        // What HTTP/2 -> HTTP/1.1 conversion adds is ours, not the client's.
        for (AsciiString n : HTTP2_EXTENSIONS) {
            h.remove(n);
        }
        if (upgrade) {
            h.set(HttpHeaderNames.CONNECTION, HttpHeaderNames.UPGRADE);
            h.set(HttpHeaderNames.UPGRADE, upgradeTo);
        }
        req.setProtocolVersion(HttpVersion.HTTP_1_1);
        if (!proxy.hostHeaderRewrite().isEmpty()) {
            h.set(HttpHeaderNames.HOST, proxy.hostHeaderRewrite());
        }
        String prior = h.get(X_FORWARDED_FOR);
        h.set(X_FORWARDED_FOR, prior == null || prior.isBlank() ? clientIp : prior + ", " + clientIp);
        h.set(X_FORWARDED_HOST, originalHost);
        h.set(X_FORWARDED_PROTO, HTTP);
        h.set(X_REAL_IP, clientIp);
        setAll(h, proxy.requestHeaders());
    }

    /** A response on its way to the client: connection headers dropped (except for a 101), the proxy's rules applied. */
    static void toClient(HttpResponse res, HttpProxyConfig proxy) {
        if (res.status().code() != 101) {
            dropHopByHop(res.headers());
        }
        setAll(res.headers(), proxy.responseHeaders());
    }

    /** The proxy's {@code requestHeaders.set} or {@code responseHeaders.set}; most proxies have none. */
    private static void setAll(HttpHeaders h, Map<String, String> rules) {
        if (!rules.isEmpty()) {
            rules.forEach(h::set);
        }
    }

    private static void dropHopByHop(HttpHeaders h) {
        if (h.contains(HttpHeaderNames.CONNECTION)) { // many requests name nothing
            // getAll copies the values: the headers they name can be removed while going through them.
            List<String> values = h.getAll(HttpHeaderNames.CONNECTION);
            for (int i = 0; i < values.size(); i++) {
                dropNamedIn(h, values.get(i));
            }
        }
        for (CharSequence n : HOP_BY_HOP) {
            h.remove(n);
        }
    }

    /**
     * Removes the headers a Connection header's {@code value} names (a comma-separated list; names
     * match whatever their case), except Transfer-Encoding. Cut by hand, with no list or array:
     * nearly every response and many requests say {@code Connection: keep-alive}, once per request.
     */
    private static void dropNamedIn(HttpHeaders h, String value) {
        int start = 0;
        while (start <= value.length()) {
            int comma = value.indexOf(',', start);
            int end = comma < 0 ? value.length() : comma;
            String name = value.substring(start, end).trim();
            if (!name.isEmpty() && !HttpHeaderNames.TRANSFER_ENCODING.contentEqualsIgnoreCase(name)) {
                h.remove(name);
            }
            start = end + 1;
        }
    }
}
