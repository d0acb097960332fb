package io.jfrp.web;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What a handler answers: a status, headers and a complete body. Immutable; the {@code with...}
 * methods return copies. The server adds {@code Content-Length}, {@code Date} and the
 * keep-alive headers.
 */
public final class WebResponse {
    /** Go's {@code http.Error} content type for plain-text errors. */
    public static final String TEXT_PLAIN = "text/plain; charset=utf-8";
    /** What frp's JSON handlers send. */
    public static final String APPLICATION_JSON = "application/json";
    public static final String TEXT_HTML = "text/html; charset=utf-8";

    private final HttpResponseStatus status;
    private final List<Header> headers;
    private final byte[] body;
    private final Runnable afterWrite;

    private WebResponse(HttpResponseStatus status, List<Header> headers, byte[] body, Runnable afterWrite) {
        this.status = Objects.requireNonNull(status, "status");
        this.headers = List.copyOf(headers);
        this.body = body;
        this.afterWrite = afterWrite;
    }

    /** A header line. */
    public record Header(String name, String value) {
        public Header {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
        }
    }

    /** {@code status} with an empty body and no headers (frp's answer to actions and /healthz). */
    public static WebResponse empty(HttpResponseStatus status) {
        return new WebResponse(status, List.of(), new byte[0], null);
    }

    /** 200 with an empty body. */
    public static WebResponse ok() {
        return empty(HttpResponseStatus.OK);
    }

    /** A body of the given content type. */
    public static WebResponse of(HttpResponseStatus status, String contentType, byte[] body) {
        return new WebResponse(status, List.of(new Header(HttpHeaderNames.CONTENT_TYPE.toString(), contentType)),
                body.clone(), null);
    }

    /** JSON bytes ({@link Json#encode}) with {@code Content-Type: application/json}. */
    public static WebResponse json(HttpResponseStatus status, byte[] json) {
        return of(status, APPLICATION_JSON, json);
    }

    /**
     * A plain-text error the way Go's {@code http.Error} writes it: the text and a newline,
     * {@code text/plain; charset=utf-8} and {@code X-Content-Type-Options: nosniff}.
     */
    public static WebResponse plainError(HttpResponseStatus status, String text) {
        return of(status, TEXT_PLAIN, (text + "\n").getBytes(StandardCharsets.UTF_8))
                .withHeader("X-Content-Type-Options", "nosniff");
    }

    /** An HTML page. */
    public static WebResponse html(String page) {
        return of(HttpResponseStatus.OK, TEXT_HTML, page.getBytes(StandardCharsets.UTF_8));
    }

    /** A redirect with Go's {@code http.Redirect} body for GET requests. */
    public static WebResponse redirect(HttpResponseStatus status, String location) {
        String body = "<a href=\"" + location + "\">" + status.reasonPhrase() + "</a>.\n\n";
        return of(status, TEXT_HTML, body.getBytes(StandardCharsets.UTF_8)).withHeader("Location", location);
    }

    /** A copy with one more header. */
    public WebResponse withHeader(String name, String value) {
        List<Header> copy = new ArrayList<>(headers);
        copy.add(new Header(name, value));
        return new WebResponse(status, copy, body, afterWrite);
    }

    /**
     * A copy that runs {@code action} once the response has been written to the connection (or the
     * write failed): for actions that must not begin before the client has its answer, such as
     * frpc's {@code POST /api/stop}. Runs on the server's handler threads.
     */
    public WebResponse thenRun(Runnable action) {
        return new WebResponse(status, headers, body, Objects.requireNonNull(action, "action"));
    }

    /** What {@link #thenRun} asked for, or null. */
    Runnable afterWrite() {
        return afterWrite;
    }

    public HttpResponseStatus status() {
        return status;
    }

    public List<Header> headers() {
        return headers;
    }

    /** The first value of header {@code name} (case-insensitive), or null. */
    public String header(String name) {
        for (Header h : headers) {
            if (h.name().equalsIgnoreCase(name)) {
                return h.value();
            }
        }
        return null;
    }

    /** The body; callers must not modify it. */
    byte[] bodyBytes() {
        return body;
    }

    /** A copy of the body. */
    public byte[] body() {
        return body.clone();
    }

    @Override
    public String toString() {
        return status + " (" + body.length + " bytes)";
    }
}
