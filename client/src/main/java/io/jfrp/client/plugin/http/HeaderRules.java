package io.jfrp.client.plugin.http;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpUtil;

import java.util.List;
import java.util.Locale;

/**
 * Header work shared by the forwarding plugins, as Go's {@code httputil.ReverseProxy} does it: the
 * hop-by-hop headers that belong to one connection are dropped on the way through (an upgrade keeps
 * its {@code Connection: Upgrade} and {@code Upgrade}), and the message's framing is made right for
 * the next hop (a chunked body stays chunked).
 */
public final class HeaderRules {
    /** RFC 9110's hop-by-hop headers, plus the proxy ones Go also drops. */
    private static final List<CharSequence> HOP_BY_HOP = List.of(HttpHeaderNames.CONNECTION,
            HttpHeaderNames.PROXY_CONNECTION, HttpHeaderNames.KEEP_ALIVE, HttpHeaderNames.PROXY_AUTHENTICATE,
            HttpHeaderNames.PROXY_AUTHORIZATION, HttpHeaderNames.TE, HttpHeaderNames.TRAILER,
            HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderNames.UPGRADE);

    private HeaderRules() {
    }

    /** The protocol {@code message} asks to upgrade to (its Upgrade header when Connection names it), or null. */
    public static String upgradeType(HttpHeaders headers) {
        if (!headers.containsValue(HttpHeaderNames.CONNECTION, HttpHeaderValues.UPGRADE, true)) {
            return null;
        }
        return headers.get(HttpHeaderNames.UPGRADE);
    }

    /**
     * Drops the hop-by-hop headers of {@code message} (and those its Connection header names), keeping
     * an upgrade's and the chunked framing of its body.
     */
    public static void removeHopByHop(HttpMessage message) {
        HttpHeaders h = message.headers();
        String upgrade = upgradeType(h);
        boolean chunked = HttpUtil.isTransferEncodingChunked(message);
        boolean teTrailers = h.containsValue(HttpHeaderNames.TE, HttpHeaderValues.TRAILERS, true);
        for (String listed : h.getAll(HttpHeaderNames.CONNECTION)) {
            for (String name : listed.split(",")) {
                String n = name.trim();
                if (!n.isEmpty()) {
                    h.remove(n.toLowerCase(Locale.ROOT));
                }
            }
        }
        HOP_BY_HOP.forEach(h::remove);
        if (upgrade != null) {
            h.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.UPGRADE);
            h.set(HttpHeaderNames.UPGRADE, upgrade);
        }
        if (teTrailers) {
            h.set(HttpHeaderNames.TE, HttpHeaderValues.TRAILERS);
        }
        if (chunked) {
            HttpUtil.setTransferEncodingChunked(message, true);
        }
    }

    /** Removes the {@code x-http2-*} headers Netty adds when it turns an HTTP/2 stream into HTTP/1.1 objects. */
    public static void removeHttp2Extensions(HttpHeaders headers) {
        headers.names().stream().filter(n -> n.toLowerCase(Locale.ROOT).startsWith("x-http2-")).toList()
                .forEach(headers::remove);
    }

    /** A host header value in frp's canonical form: lower case, no port, no trailing dot. */
    public static String canonicalHost(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.startsWith("[")) {
            int end = h.indexOf(']');
            h = end > 0 ? h.substring(1, end) : h;
        } else if (h.indexOf(':') == h.lastIndexOf(':') && h.indexOf(':') >= 0) {
            h = h.substring(0, h.indexOf(':'));
        }
        return h.endsWith(".") ? h.substring(0, h.length() - 1) : h;
    }
}
