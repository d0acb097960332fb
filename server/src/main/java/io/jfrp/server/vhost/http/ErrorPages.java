package io.jfrp.server.vhost.http;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.handler.codec.http.HttpVersion;

import java.nio.charset.StandardCharsets;

/** The responses the vhost gives itself, when no backend can (404, 401, 407, 400, 504). */
final class ErrorPages {
    /** frp's page for unknown hosts, in substance: what happened and who serves it. */
    static final String NOT_FOUND = """
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

    private ErrorPages() {
    }

    static FullHttpResponse notFound(ByteBufAllocator alloc, byte[] page) {
        FullHttpResponse r = response(alloc, HttpResponseStatus.NOT_FOUND, page);
        r.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/html");
        return r;
    }

    static FullHttpResponse unauthorized(ByteBufAllocator alloc) {
        FullHttpResponse r = text(alloc, HttpResponseStatus.UNAUTHORIZED, "Unauthorized");
        r.headers().set(HttpHeaderNames.WWW_AUTHENTICATE, "Basic realm=\"Restricted\"");
        return r;
    }

    /** 407 for proxy-form requests (absolute URI, CONNECT) without the right Proxy-Authorization. */
    static FullHttpResponse proxyAuthRequired(ByteBufAllocator alloc) {
        FullHttpResponse r = text(alloc, HttpResponseStatus.PROXY_AUTHENTICATION_REQUIRED, "Proxy Authentication Required");
        r.headers().set(HttpHeaderNames.PROXY_AUTHENTICATE, "Basic realm=\"Restricted\"");
        return r;
    }

    /** A plain-text response whose body is {@code message} and a newline, as Go's http.Error writes. */
    static FullHttpResponse text(ByteBufAllocator alloc, HttpResponseStatus status, String message) {
        FullHttpResponse r = response(alloc, status, (message + "\n").getBytes(StandardCharsets.UTF_8));
        r.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8");
        r.headers().set("X-Content-Type-Options", "nosniff");
        return r;
    }

    /** The status for malformed HTTP from a client: 414 or 431 for what is too long, 413 for a body, else 400. */
    static HttpResponseStatus badRequestStatus(Throwable cause) {
        return cause instanceof TooLongHttpLineException ? HttpResponseStatus.REQUEST_URI_TOO_LONG
                : cause instanceof TooLongHttpHeaderException ? HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE
                : cause instanceof TooLongFrameException ? HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE
                : HttpResponseStatus.BAD_REQUEST;
    }

    private static FullHttpResponse response(ByteBufAllocator alloc, HttpResponseStatus status, byte[] body) {
        FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                alloc.buffer(body.length).writeBytes(body));
        r.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
        r.headers().set(HttpHeaderNames.CACHE_CONTROL, HttpHeaderValues.NO_STORE);
        return r;
    }
}
