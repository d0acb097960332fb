package io.jfrp.server.vhost.http;

import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;

/**
 * How a response is framed for the client, whatever the service sent: we are the client's server, so
 * the version is the client's, a body the service ends by closing is chunked for an HTTP/1.1 client
 * (an HTTP/1.0 client gets it ended by the close), and the Connection header says whether the
 * connection stays. Stateless.
 */
final class ResponseFraming {
    private ResponseFraming() {
    }

    /**
     * Frames a response from the service (not 1xx, not a switch to a tunnel) for the client.
     *
     * @param wantClose   the connection is to close after this response already
     * @param http2Stream the client is an HTTP/2 stream (framed by HTTP/2, no Connection header)
     * @return whether the connection stays open after it
     */
    static boolean forward(HttpExchange ex, HttpResponse res, boolean wantClose, boolean http2Stream) {
        int code = res.status().code();
        boolean keepAlive = ex.clientKeepAlive && !wantClose;
        boolean bodyless = ex.head || code == 204 || code == 304;
        boolean framed = HttpUtil.isContentLengthSet(res) || HttpUtil.isTransferEncodingChunked(res);
        if (!http2Stream && !bodyless && !framed) {
            // The service ends the body by closing: frame it for the client instead, if it can take chunks.
            if (ex.clientHttp10) {
                keepAlive = false;
            } else {
                HttpUtil.setTransferEncodingChunked(res, true);
            }
        }
        if (!http2Stream && ex.clientHttp10 && HttpUtil.isTransferEncodingChunked(res)) {
            HttpUtil.setTransferEncodingChunked(res, false); // HTTP/1.0 has no chunks: the close ends the body
            keepAlive = false;
        }
        if (!keepAlive) {
            res.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        } else if (ex.clientHttp10) {
            res.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
        }
        // Our version, whatever the service spoke (an HTTP/1.0 service's response may now be chunked).
        res.setProtocolVersion(ex.clientHttp10 ? HttpVersion.HTTP_1_0 : HttpVersion.HTTP_1_1);
        return keepAlive;
    }

    /**
     * Frames a response of our own (404, 401, 504...) for the client: the Connection header, the
     * client's version, and no body for HEAD (Content-Length stays: what a GET would have had).
     */
    static void local(HttpExchange ex, FullHttpResponse response, boolean close) {
        if (close) {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        }
        if (ex.clientHttp10) {
            response.setProtocolVersion(HttpVersion.HTTP_1_0);
            if (!close) {
                response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
            }
        }
        if (ex.head) {
            response.content().clear();
        }
    }
}
