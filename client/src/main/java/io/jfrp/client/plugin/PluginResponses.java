package io.jfrp.client.plugin;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;

import java.nio.charset.StandardCharsets;

/** The answers the HTTP plugins make themselves, in the shape Go's net/http gives them. */
public final class PluginResponses {
    private PluginResponses() {
    }

    /** A response with no body (Go's ReverseProxy answers 502 so when the service cannot be reached). */
    public static FullHttpResponse empty(HttpResponseStatus status) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status);
        HttpUtil.setContentLength(response, 0);
        return response;
    }

    /** Go's {@code http.Error}: {@code text} and a newline, plain text, not to be sniffed. */
    public static FullHttpResponse text(HttpResponseStatus status, String text) {
        ByteBuf body = Unpooled.copiedBuffer(text + "\n", StandardCharsets.UTF_8);
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, body);
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8");
        response.headers().set("X-Content-Type-Options", "nosniff");
        HttpUtil.setContentLength(response, body.readableBytes());
        return response;
    }
}
