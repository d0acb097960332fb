package io.jfrp.web;

import io.netty.handler.codec.http.HttpResponseStatus;

/**
 * An API failure with its HTTP status, frp's {@code httppkg.NewError(code, msg)}: the handler
 * wrappers of {@link JsonApi} turn it into the status and the error body. Any other exception
 * becomes a 500 with its message, as in frp.
 */
public final class ApiError extends Exception {
    private final int code;

    public ApiError(int code, String message) {
        super(message, null, false, false);
        if (code < 100 || code > 599) {
            throw new IllegalArgumentException("not an HTTP status: " + code);
        }
        this.code = code;
    }

    /** 400 with {@code message}. */
    public static ApiError badRequest(String message) {
        return new ApiError(HttpResponseStatus.BAD_REQUEST.code(), message);
    }

    /** 404 with {@code message}. */
    public static ApiError notFound(String message) {
        return new ApiError(HttpResponseStatus.NOT_FOUND.code(), message);
    }

    /** The HTTP status, also the code in the body. */
    public int code() {
        return code;
    }
}
