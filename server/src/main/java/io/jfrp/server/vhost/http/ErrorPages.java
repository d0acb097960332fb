package io.jfrp.server.vhost.http;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.DateFormatter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.handler.codec.http.HttpVersion;

import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.Locale;

/**
 * The responses the vhost gives itself, when no backend can (404, 401, 407, 400, 504), with the
 * heads frps' Go server writes: the handler's headers in Go's canonical case and sorted order, then
 * {@code Date} and {@code Content-Length}, then a sniffed {@code Content-Type} (for the 404 page).
 */
final class ErrorPages {
    private ErrorPages() {
    }

    /** The 404 page (custom404Page or ours), typed as Go's content sniffing types it. */
    static FullHttpResponse notFound(ByteBufAllocator alloc, byte[] page) {
        FullHttpResponse r = response(alloc, HttpResponseStatus.NOT_FOUND, page);
        r.headers().set("Content-Type", sniffedType(page));
        return r;
    }

    static FullHttpResponse unauthorized(ByteBufAllocator alloc) {
        return text(alloc, HttpResponseStatus.UNAUTHORIZED, "Unauthorized", "Www-Authenticate");
    }

    /** 407 for proxy-form requests (absolute URI, CONNECT) without the right Proxy-Authorization. */
    static FullHttpResponse proxyAuthRequired(ByteBufAllocator alloc) {
        return text(alloc, HttpResponseStatus.PROXY_AUTHENTICATION_REQUIRED, "Proxy Authentication Required",
                "Proxy-Authenticate");
    }

    /** 504 when the service sends no response head within vhostHTTPTimeout: no body, as frps. */
    static FullHttpResponse gatewayTimeout(ByteBufAllocator alloc) {
        return response(alloc, HttpResponseStatus.GATEWAY_TIMEOUT, new byte[0]);
    }

    /** A plain-text response whose body is {@code message} and a newline, as Go's http.Error writes. */
    static FullHttpResponse text(ByteBufAllocator alloc, HttpResponseStatus status, String message) {
        return text(alloc, status, message, null);
    }

    /** As {@link #text(ByteBufAllocator, HttpResponseStatus, String)}, asking for basic auth in {@code challenge}. */
    private static FullHttpResponse text(ByteBufAllocator alloc, HttpResponseStatus status, String message,
                                         String challenge) {
        byte[] body = (message + "\n").getBytes(StandardCharsets.UTF_8);
        FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                alloc.buffer(body.length).writeBytes(body));
        // Go writes the handler's headers sorted: Content-Type, then the challenge (P or W), then X-...
        r.headers().set("Content-Type", "text/plain; charset=utf-8");
        if (challenge != null) {
            r.headers().set(challenge, "Basic realm=\"Restricted\"");
        }
        r.headers().set("X-Content-Type-Options", "nosniff");
        dateAndLength(r, body.length);
        return r;
    }

    /**
     * The answer to a request that cannot be read, as Go's HTTP server (frps') writes it: the status,
     * {@code Content-Type: text/plain; charset=utf-8}, {@code Connection: close}, and the body
     * {@code <code> <reason>} with no length (the connection's end delimits it).
     */
    static FullHttpResponse malformed(ByteBufAllocator alloc, HttpResponseStatus status) {
        byte[] body = (status.code() + " " + status.reasonPhrase()).getBytes(StandardCharsets.US_ASCII);
        FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                alloc.buffer(body.length).writeBytes(body));
        r.headers().set("Content-Type", "text/plain; charset=utf-8");
        r.headers().set("Connection", "close");
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
        dateAndLength(r, body.length);
        return r;
    }

    private static void dateAndLength(FullHttpResponse r, int length) {
        r.headers().set("Date", DateFormatter.format(new Date()));
        r.headers().set("Content-Length", Integer.toString(length));
    }

    /**
     * The type Go's {@code http.DetectContentType} gives {@code page} in the cases a 404 page meets:
     * HTML (by its opening tag, after white space), else text when no byte is binary, else bytes.
     */
    static String sniffedType(byte[] page) {
        String head = new String(page, 0, Math.min(page.length, 512), StandardCharsets.ISO_8859_1)
                .stripLeading().toUpperCase(Locale.ROOT);
        for (String tag : HTML_TAGS) {
            if (head.startsWith(tag) && head.length() > tag.length()
                    && (head.charAt(tag.length()) == ' ' || head.charAt(tag.length()) == '>')) {
                return "text/html; charset=utf-8";
            }
        }
        for (int i = 0; i < Math.min(page.length, 512); i++) {
            int b = page[i] & 0xff;
            if (b <= 0x08 || b == 0x0b || (b >= 0x0e && b <= 0x1a) || (b >= 0x1c && b <= 0x1f)) {
                return "application/octet-stream";
            }
        }
        return "text/plain; charset=utf-8";
    }

    /** The tags by which Go's sniffing takes a body for HTML (followed by a space or {@code >}). */
    private static final String[] HTML_TAGS = {"<!DOCTYPE HTML", "<HTML", "<HEAD", "<SCRIPT", "<IFRAME", "<H1",
            "<DIV", "<FONT", "<TABLE", "<A", "<STYLE", "<TITLE", "<B", "<BODY", "<BR", "<P", "<!--"};
}
