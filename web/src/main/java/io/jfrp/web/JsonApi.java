package io.jfrp.web;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.netty.handler.codec.http.HttpResponseStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;

/**
 * frp's two ways of turning an API function into an HTTP handler (OPERATIONS.md section 1;
 * {@code MakeHTTPHandlerFunc} and {@code MakeHTTPHandlerFuncV2} in frp's pkg/util/http).
 *
 * <h3>Plain ({@link #plain})</h3>
 * The result is written as JSON with {@code Content-Type: application/json}; {@code null} means 200
 * with an empty body; a {@code String} or {@code byte[]} is written as it is. A failure is its
 * status with {@code {"Code":<status>,"Msg":"<message>"}}.
 *
 * <h3>v2 ({@link #v2})</h3>
 * Always the envelope: {@code {"code":200,"msg":"success","data":<result>}}, or on failure the
 * status with {@code {"code":<status>,"msg":"<message>","data":null}}.
 */
public final class JsonApi {
    private static final Logger log = LoggerFactory.getLogger(JsonApi.class);

    private JsonApi() {
    }

    /** The function behind an API route: a result to serialise, or an exception. */
    @FunctionalInterface
    public interface ApiFunction {
        Object apply(WebRequest request) throws Exception;
    }

    /** frp's {@code GeneralResponse}: the plain error body, also the body of some successes. */
    @JsonPropertyOrder({"Code", "Msg"})
    public record GeneralResponse(@JsonProperty("Code") int code, @JsonProperty("Msg") String msg) {
    }

    /** frp's {@code V2Response} envelope. */
    @JsonPropertyOrder({"code", "msg", "data"})
    public record V2Response(int code, String msg, Object data) {
    }

    /** A handler with frp's plain conventions. */
    public static WebHandler plain(ApiFunction function) {
        return request -> {
            Object result;
            try {
                result = function.apply(request);
            } catch (Exception e) {
                int code = statusOf(request, e);
                return WebResponse.json(HttpResponseStatus.valueOf(code), Json.encode(new GeneralResponse(code, messageOf(e))));
            }
            if (result == null) {
                return WebResponse.ok();
            }
            if (result instanceof WebResponse response) {
                return response;
            }
            if (result instanceof byte[] bytes) {
                return WebResponse.of(HttpResponseStatus.OK, WebResponse.TEXT_PLAIN, bytes);
            }
            if (result instanceof String text) {
                return WebResponse.of(HttpResponseStatus.OK, WebResponse.TEXT_PLAIN, text.getBytes(StandardCharsets.UTF_8));
            }
            return WebResponse.json(HttpResponseStatus.OK, Json.encode(result));
        };
    }

    /** A handler with frps' {@code /api/v2/} envelope. */
    public static WebHandler v2(ApiFunction function) {
        return request -> {
            try {
                Object data = function.apply(request);
                return WebResponse.json(HttpResponseStatus.OK, Json.encode(new V2Response(200, "success", data)));
            } catch (Exception e) {
                int code = statusOf(request, e);
                return WebResponse.json(HttpResponseStatus.valueOf(code), Json.encode(new V2Response(code, messageOf(e), null)));
            }
        };
    }

    private static int statusOf(WebRequest request, Exception e) {
        int code = e instanceof ApiError api ? api.code() : HttpResponseStatus.INTERNAL_SERVER_ERROR.code();
        if (code >= 500) {
            log.warn("http response [{}]: error: {}", request.rawPath(), messageOf(e), e);
        } else {
            log.debug("http response [{}]: error: {}", request.rawPath(), messageOf(e));
        }
        return code;
    }

    private static String messageOf(Exception e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
