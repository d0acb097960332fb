package io.jfrp.server.vhost.http;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** How responses are framed for the client, whatever the service sent. */
class ResponseFramingTest {
    private static HttpExchange exchange(HttpVersion version, HttpMethod method) {
        return new HttpExchange(new DefaultHttpRequest(version, method, "/"));
    }

    private static HttpResponse fromService(HttpVersion version) {
        return new DefaultHttpResponse(version, HttpResponseStatus.OK);
    }

    @Test
    void aCloseDelimitedBodyIsChunkedForAnHttp11ClientWhichKeepsItsConnection() {
        HttpResponse res = fromService(HttpVersion.HTTP_1_0);

        boolean keepAlive = ResponseFraming.forward(exchange(HttpVersion.HTTP_1_1, HttpMethod.GET), res, false, false);

        assertThat(keepAlive).isTrue();
        assertThat(HttpUtil.isTransferEncodingChunked(res)).isTrue();
        assertThat(res.protocolVersion()).isEqualTo(HttpVersion.HTTP_1_1);
    }

    @Test
    void anHttp10ClientGetsTheCloseToEndTheBodyInsteadOfChunks() {
        HttpResponse res = fromService(HttpVersion.HTTP_1_1);
        HttpUtil.setTransferEncodingChunked(res, true);

        boolean keepAlive = ResponseFraming.forward(exchange(HttpVersion.HTTP_1_0, HttpMethod.GET), res, false, false);

        assertThat(keepAlive).isFalse();
        assertThat(HttpUtil.isTransferEncodingChunked(res)).isFalse();
        assertThat(res.headers().get(HttpHeaderNames.CONNECTION)).isEqualTo("close");
        assertThat(res.protocolVersion()).isEqualTo(HttpVersion.HTTP_1_0);
    }

    @Test
    void aFramedBodyKeepsItsFramingAndAConnectionThatMustCloseSaysSo() {
        HttpResponse res = fromService(HttpVersion.HTTP_1_1);
        HttpUtil.setContentLength(res, 5);

        boolean keepAlive = ResponseFraming.forward(exchange(HttpVersion.HTTP_1_1, HttpMethod.GET), res, true, false);

        assertThat(keepAlive).isFalse();
        assertThat(HttpUtil.getContentLength(res)).isEqualTo(5);
        assertThat(HttpUtil.isTransferEncodingChunked(res)).isFalse();
        assertThat(res.headers().get(HttpHeaderNames.CONNECTION)).isEqualTo("close");
    }

    @Test
    void aHeadResponseAndAnHttp2StreamNeedNoFraming() {
        HttpResponse head = fromService(HttpVersion.HTTP_1_1);
        assertThat(ResponseFraming.forward(exchange(HttpVersion.HTTP_1_1, HttpMethod.HEAD), head, false, false)).isTrue();
        assertThat(HttpUtil.isTransferEncodingChunked(head)).isFalse();

        HttpResponse h2 = fromService(HttpVersion.HTTP_1_1);
        assertThat(ResponseFraming.forward(exchange(HttpVersion.HTTP_1_1, HttpMethod.GET), h2, false, true)).isTrue();
        assertThat(HttpUtil.isTransferEncodingChunked(h2)).isFalse();
    }

    @Test
    void ourOwnAnswerToAHeadRequestKeepsItsLengthButNotItsBody() {
        FullHttpResponse res = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.NOT_FOUND,
                Unpooled.copiedBuffer(new byte[] {'n', 'o'}));
        HttpUtil.setContentLength(res, 2);

        ResponseFraming.local(exchange(HttpVersion.HTTP_1_0, HttpMethod.HEAD), res, false);

        assertThat(res.content().readableBytes()).isZero();
        assertThat(HttpUtil.getContentLength(res)).isEqualTo(2);
        assertThat(res.protocolVersion()).isEqualTo(HttpVersion.HTTP_1_0);
        assertThat(res.headers().get(HttpHeaderNames.CONNECTION)).isEqualTo("keep-alive");
        res.release();
    }
}
