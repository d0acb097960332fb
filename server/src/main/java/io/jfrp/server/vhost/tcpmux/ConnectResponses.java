package io.jfrp.server.vhost.tcpmux;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;

import java.nio.charset.StandardCharsets;

/**
 * The answers the tcpmux HTTP CONNECT port gives, encoded by Netty's HTTP codec. The success and
 * 407 answers have stock frps' exact bytes, so clients see no difference:
 * {@code HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n} and
 * {@code HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm="Restricted"\r\nContent-Length: 0\r\n\r\n}.
 * The refusals (400, 404, 405) carry a short text saying what was wrong and close the connection.
 */
public final class ConnectResponses {
    private ConnectResponses() {
    }

    /** The tunnel is open: what follows is the backend's. */
    public static FullHttpResponse established() {
        FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
        r.headers().set("Content-Length", "0");
        return r;
    }

    /** The proxy wants {@code httpUser}/{@code httpPassword} and did not get them. */
    public static FullHttpResponse proxyAuthenticationRequired() {
        FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                HttpResponseStatus.PROXY_AUTHENTICATION_REQUIRED);
        r.headers().set("Proxy-Authenticate", "Basic realm=\"Restricted\"");
        r.headers().set("Content-Length", "0");
        return r;
    }

    /**
     * No proxy serves the host the CONNECT asked for.
     *
     * @param page custom404Page's content, or null for ours
     */
    public static FullHttpResponse notFound(ByteBufAllocator alloc, String host, byte[] page) {
        if (page != null) {
            ByteBuf content = alloc.buffer(page.length).writeBytes(page);
            FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.NOT_FOUND, content);
            r.headers().set("Content-Type", "text/html");
            r.headers().set("Content-Length", Integer.toString(page.length));
            r.headers().set("Connection", "close");
            return r;
        }
        return text(alloc, HttpResponseStatus.NOT_FOUND, "text/html; charset=utf-8",
                "<!DOCTYPE html>\n<html><head><title>Not Found</title></head><body>\n"
                        + "<h1>Not Found</h1>\n<p>No tunnel is published for this host"
                        + (host.isEmpty() ? "" : " (" + escape(host) + ")") + ".</p>\n"
                        + "<p>Served by jfrps.</p>\n</body></html>\n");
    }

    /** The request could not be read, or is not CONNECT host:port. */
    public static FullHttpResponse badRequest(ByteBufAllocator alloc, String why) {
        return text(alloc, HttpResponseStatus.BAD_REQUEST, "text/plain; charset=utf-8", "Bad Request: " + why + "\n");
    }

    /** A method other than CONNECT. */
    public static FullHttpResponse methodNotAllowed(ByteBufAllocator alloc, String method) {
        FullHttpResponse r = text(alloc, HttpResponseStatus.METHOD_NOT_ALLOWED, "text/plain; charset=utf-8",
                "Method Not Allowed: this port takes CONNECT host:port only, not " + method + "\n");
        r.headers().set("Allow", "CONNECT");
        return r;
    }

    private static FullHttpResponse text(ByteBufAllocator alloc, HttpResponseStatus status, String type, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ByteBuf content = alloc.buffer(bytes.length).writeBytes(bytes);
        FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, content);
        r.headers().set("Content-Type", type);
        r.headers().set("Content-Length", Integer.toString(bytes.length));
        r.headers().set("Connection", "close");
        return r;
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
