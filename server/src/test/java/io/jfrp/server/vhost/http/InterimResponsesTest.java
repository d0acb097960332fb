package io.jfrp.server.vhost.http;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link InterimResponses}: 1xx responses (but 101) pass to an HTTP/1.1 client whole and are dropped on HTTP/2. */
class InterimResponsesTest {
    private final List<Object> written = new ArrayList<>();
    private int flushes;

    private boolean feed(InterimResponses interim, Object msg) {
        return interim.consumed(msg, written::add, () -> flushes++);
    }

    private static DefaultHttpResponse head(HttpResponseStatus status) {
        return new DefaultHttpResponse(HttpVersion.HTTP_1_1, status);
    }

    @Test
    void aContinueAndItsEndGoToAnHttp11ClientThenTheRealResponseIsNotConsumed() {
        InterimResponses interim = new InterimResponses(true);
        DefaultHttpResponse cont = head(HttpResponseStatus.CONTINUE);
        assertThat(feed(interim, cont)).isTrue();
        assertThat(feed(interim, LastHttpContent.EMPTY_LAST_CONTENT)).isTrue();
        assertThat(written).containsExactly(cont, LastHttpContent.EMPTY_LAST_CONTENT);
        assertThat(flushes).as("flushed at the interim response's end").isEqualTo(1);

        assertThat(feed(interim, head(HttpResponseStatus.OK))).isFalse();
        HttpContent body = new DefaultLastHttpContent(Unpooled.copiedBuffer("ok", StandardCharsets.US_ASCII));
        assertThat(feed(interim, body)).as("the real response's body is the exchange's").isFalse();
        body.release();
        assertThat(written).hasSize(2);
    }

    @Test
    void switchingProtocolsIsNotInterim() {
        InterimResponses interim = new InterimResponses(true);
        assertThat(feed(interim, head(HttpResponseStatus.SWITCHING_PROTOCOLS))).isFalse();
        assertThat(feed(interim, LastHttpContent.EMPTY_LAST_CONTENT)).isFalse();
        assertThat(written).isEmpty();
    }

    @Test
    void onHttp2InterimResponsesAreReleasedNotWritten() {
        InterimResponses interim = new InterimResponses(false);
        HttpContent part = new DefaultHttpContent(Unpooled.copiedBuffer("hint", StandardCharsets.US_ASCII));
        HttpContent end = new DefaultLastHttpContent(Unpooled.copiedBuffer("!", StandardCharsets.US_ASCII));
        assertThat(feed(interim, head(HttpResponseStatus.valueOf(103)))).isTrue();
        assertThat(feed(interim, part)).isTrue();
        assertThat(feed(interim, end)).isTrue();
        assertThat(part.refCnt()).isZero();
        assertThat(end.refCnt()).isZero();
        assertThat(written).isEmpty();
        assertThat(feed(interim, head(HttpResponseStatus.OK))).isFalse();
    }
}
