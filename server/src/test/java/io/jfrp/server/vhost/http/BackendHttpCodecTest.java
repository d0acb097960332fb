package io.jfrp.server.vhost.http;

import io.jfrp.testkit.EmbeddedChannels;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link BackendHttpCodec}: responses decode as with Netty's client codec (HEAD has no body, bytes
 * after a 200 to CONNECT pass undecoded), and the usual header names are the shared constants, in
 * the case the service wrote them.
 */
class BackendHttpCodecTest {
    @RegisterExtension
    final EmbeddedChannels channels = new EmbeddedChannels();
    private final EmbeddedChannel ch = channels.of(new BackendHttpCodec(new HttpDecoderConfig(), new Backend(null)));

    private void send(HttpMethod method) {
        ch.writeOutbound(new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, method, "/"));
        ByteBuf head;
        while ((head = ch.readOutbound()) != null) {
            head.release();
        }
    }

    private void answer(String bytes) {
        ch.writeInbound(Unpooled.copiedBuffer(bytes, StandardCharsets.ISO_8859_1));
    }

    private <T> T next(Class<T> type) {
        Object o = ch.readInbound();
        assertThat(o).isInstanceOf(type);
        return type.cast(o);
    }

    private String body(HttpContent c) {
        String s = c.content().toString(StandardCharsets.ISO_8859_1);
        c.release();
        return s;
    }

    @Test
    void knownNamesAreTheSharedConstantsInTheServicesCaseAndOthersAreKeptAsSent() {
        send(HttpMethod.GET);
        answer("HTTP/1.1 200 OK\r\nServer: nginx\r\nContent-Type: text/plain\r\nContent-Length: 2\r\n"
                + "ETag: \"x\"\r\ncontent-type-x: a\r\nCONTENT-ENCODING: gzip\r\n\r\nhi");
        HttpResponse res = next(HttpResponse.class);
        Map<CharSequence, String> byName = new java.util.IdentityHashMap<>();
        res.headers().iteratorCharSequence().forEachRemaining(e -> byName.put(e.getKey(), e.getValue().toString()));
        assertThat(byName.keySet()).extracting(CharSequence::toString)
                .containsExactlyInAnyOrder("Server", "Content-Type", "Content-Length", "ETag", "content-type-x",
                        "CONTENT-ENCODING");
        CharSequence contentType = byName.keySet().stream().filter(n -> n.toString().equals("Content-Type"))
                .findFirst().orElseThrow();
        Object shared = BackendHttpCodec.ResponseHeaderNames.find("Content-Type".getBytes(StandardCharsets.US_ASCII), 0, 12);
        assertThat((Object) contentType).as("shared, not made per response").isNotNull().isSameAs(shared);
        assertThat(res.headers().get(HttpHeaderNames.CONTENT_TYPE)).isEqualTo("text/plain");
        assertThat(res.headers().get("etag")).isEqualTo("\"x\"");
        assertThat(body(next(LastHttpContent.class))).isEqualTo("hi");
    }

    @Test
    void theAnswerToHeadHasNoBodyWhateverItsContentLengthSays() {
        send(HttpMethod.HEAD);
        send(HttpMethod.GET);
        answer("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello");
        assertThat(next(HttpResponse.class).headers().get(HttpHeaderNames.CONTENT_LENGTH)).isEqualTo("5");
        assertThat(body(next(LastHttpContent.class))).as("HEAD: nothing").isEmpty();
        next(HttpResponse.class);
        assertThat(body(next(LastHttpContent.class))).isEqualTo("hello");
    }

    @Test
    void afterA200ToConnectTheBytesPassUndecoded() {
        send(HttpMethod.CONNECT);
        answer("HTTP/1.1 200 Connection established\r\n\r\nGET / HTTP/1.1\r\n");
        assertThat(next(HttpResponse.class).status().code()).isEqualTo(200);
        next(LastHttpContent.class).release();
        ByteBuf raw = next(ByteBuf.class);
        assertThat(raw.toString(StandardCharsets.ISO_8859_1)).isEqualTo("GET / HTTP/1.1\r\n");
        raw.release();
    }

    @Test
    void anInterimResponseLeavesItsRequestWaiting() {
        send(HttpMethod.HEAD);
        answer("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\n");
        assertThat(next(HttpResponse.class).status().code()).isEqualTo(100);
        ReferenceCountUtil.release(next(HttpObject.class));
        assertThat(next(HttpResponse.class).status().code()).isEqualTo(200);
        assertThat(body(next(LastHttpContent.class))).as("still the HEAD's answer").isEmpty();
    }

    @Test
    void capitalizedNamesAreSpelledAsServersSendThem() {
        assertThat(BackendHttpCodec.ResponseHeaderNames.capitalized("content-length")).isEqualTo("Content-Length");
        assertThat(BackendHttpCodec.ResponseHeaderNames.capitalized("etag")).isEqualTo("ETag");
        Object date = BackendHttpCodec.ResponseHeaderNames.find("date".getBytes(StandardCharsets.US_ASCII), 0, 4);
        assertThat(date).isSameAs(HttpHeaderNames.DATE);
    }
}
