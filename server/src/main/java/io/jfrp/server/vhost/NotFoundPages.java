package io.jfrp.server.vhost;

import io.jfrp.protocol.FrpVersion;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;

import java.nio.charset.StandardCharsets;

/**
 * The 404 page of the vhost ports (jfrps' own, or custom404Page) and frps' answer to an HTTP
 * CONNECT it cannot tunnel (a host no proxy serves, on tcpmuxHTTPConnectPort or vhostHTTPPort, or
 * a proxy that cannot reach its client): frp's {@code vhost.NotFoundResponse}, byte for byte but
 * the page, {@code HTTP/1.1 404 Not Found}, {@code Content-Length}, {@code Content-Type: text/html},
 * {@code Server: frp/0.70.0} in that order, then the page; the caller closes the connection.
 */
public final class NotFoundPages {
    /** jfrps' page for unknown hosts: frp's in substance (what happened, who serves it). */
    public static final String DEFAULT = """
            <!DOCTYPE html>
            <html>
            <head>
            <title>Not Found</title>
            <style>
                body { width: 35em; margin: 0 auto; font-family: Tahoma, Verdana, Arial, sans-serif; }
            </style>
            </head>
            <body>
            <h1>The page you requested was not found.</h1>
            <p>Sorry, the page you are looking for is currently unavailable.<br/>
            Please try again later.</p>
            <p>The server is powered by jfrp, a reimplementation of <a href="https://github.com/fatedier/frp">frp</a>.</p>
            </body>
            </html>
            """;

    private NotFoundPages() {
    }

    /** {@code page} (custom404Page's bytes), or {@link #DEFAULT}'s when null. */
    public static byte[] orDefault(byte[] page) {
        return page != null ? page : DEFAULT.getBytes(StandardCharsets.UTF_8);
    }

    /** frps' 404 for a CONNECT it does not tunnel, with {@code page} (null: {@link #DEFAULT}). */
    public static FullHttpResponse forConnect(ByteBufAllocator alloc, byte[] page) {
        byte[] body = orDefault(page);
        FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.NOT_FOUND,
                alloc.buffer(body.length).writeBytes(body));
        r.headers().set("Content-Length", Integer.toString(body.length));
        r.headers().set("Content-Type", "text/html");
        r.headers().set("Server", "frp/" + FrpVersion.SPOKEN);
        return r;
    }
}
