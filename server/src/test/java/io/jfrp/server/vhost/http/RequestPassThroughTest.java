package io.jfrp.server.vhost.http;

import io.jfrp.config.model.proxy.HttpProxyConfig;
import io.jfrp.config.model.proxy.ProxyBuilder;
import io.jfrp.testkit.EmbeddedChannels;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Request heads passed through as bytes ({@link PassedRequest}): what {@link PublicHttpCodec} makes
 * of a client's bytes, and the exact bytes {@link BackendHttpCodec} then sends the service, passed
 * heads and Netty's decoded ones in turn on one connection; and the heads left to Netty's decoder
 * (bodies, hop-by-hop and forwarding headers, HTTP/1.0, too many fields, too long, too slow).
 */
class RequestPassThroughTest {
    private static final int MAX_HEADERS = 8;
    private static final String FORWARDED = "X-Forwarded-For: 192.0.2.7\r\nX-Forwarded-Host: a.test\r\n"
            + "X-Forwarded-Proto: http\r\nX-Real-IP: 192.0.2.7\r\n\r\n";

    private static final HttpProxyConfig PROXY = ProxyBuilder.http("a", "127.0.0.1", 80, "a.test").build();

    @RegisterExtension
    final EmbeddedChannels channels = new EmbeddedChannels();
    private final EmbeddedChannel client = channels.of(new PublicHttpCodec(
            new HttpDecoderConfig().setMaxHeaderSize(HttpPublicInitializer.MAX_HEADER_SIZE), MAX_HEADERS));
    private final EmbeddedChannel service = channels.of(new BackendHttpCodec(new HttpDecoderConfig(), new Backend(null)));

    private static ByteBuf bytes(String s) {
        return Unpooled.copiedBuffer(s, StandardCharsets.ISO_8859_1);
    }

    /** What the public codec made of {@code pieces}, written one by one. */
    private List<HttpObject> read(String... pieces) {
        for (String p : pieces) {
            client.writeInbound(bytes(p));
        }
        List<HttpObject> parts = new ArrayList<>();
        Object o;
        while ((o = client.readInbound()) != null) {
            parts.add((HttpObject) o);
        }
        return parts;
    }

    /**
     * Sends {@code parts} to the service as the exchange does (a passed head with its forwarding
     * lines, a decoded one through {@link HeaderRules}) and returns the bytes written.
     */
    private String send(List<HttpObject> parts) {
        for (HttpObject part : parts) {
            if (part instanceof PassedRequest p && p.passes()) {
                p.forwardedFor("192.0.2.7", p.headers().get(HttpHeaderNames.HOST));
            } else if (part instanceof HttpRequest req) {
                HeaderRules.toBackend(req, PROXY, req.headers().get(HttpHeaderNames.HOST),
                        "192.0.2.7");
            }
            service.writeOutbound(part);
        }
        StringBuilder sb = new StringBuilder();
        ByteBuf out;
        while ((out = service.readOutbound()) != null) {
            sb.append(out.toString(StandardCharsets.ISO_8859_1));
            out.release();
        }
        return sb.toString();
    }

    @Test
    void aPlainHeadPassesAsItsBytesWithTheForwardingLinesAndItsConnectionLineLeftOut() {
        List<HttpObject> parts = read("GET /p?q=1 HTTP/1.1\r\nHost: a.test\r\nUser-Agent:  odd  spacing \r\n"
                + "Connection: keep-alive\r\nx-lower: VaLuE\r\n\r\n");
        assertThat(parts).hasSize(2);
        assertThat(parts.get(0)).isInstanceOf(PassedRequest.class);
        HttpRequest req = (HttpRequest) parts.get(0);
        assertThat(req.uri()).isEqualTo("/p?q=1");
        assertThat(req.method().name()).isEqualTo("GET");
        assertThat(req.headers().get(HttpHeaderNames.HOST)).isEqualTo("a.test");
        assertThat(parts.get(1)).isInstanceOf(LastHttpContent.class);
        assertThat(send(parts)).isEqualTo("GET /p?q=1 HTTP/1.1\r\nHost: a.test\r\nUser-Agent:  odd  spacing \r\n"
                + "x-lower: VaLuE\r\n" + FORWARDED);
    }

    @Test
    void passedAndDecodedHeadsAlternateOnOneConnectionBodiesIncluded() {
        String passed = "GET /1 HTTP/1.1\r\nHost: a.test\r\n\r\n";
        String post = "POST /2 HTTP/1.1\r\nHost: a.test\r\nContent-Length: 5\r\n\r\nhello";
        String chunked = "PUT /3 HTTP/1.1\r\nHost: a.test\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n";
        String passedAgain = "DELETE /4 HTTP/1.1\r\nHost: a.test\r\nAuthorization: Basic YTpi\r\n\r\n";
        // Pipelined in one read, then the same again split every 25 bytes.
        String all = passed + post + chunked + passedAgain;
        for (List<HttpObject> parts : List.of(read(all), readInPieces(all, 25))) {
            assertThat(parts.stream().filter(PassedRequest.class::isInstance).count()).isEqualTo(2);
            assertThat(((HttpRequest) parts.get(parts.size() - 2)).headers().get(HttpHeaderNames.AUTHORIZATION))
                    .isEqualTo("Basic YTpi");
            String sent = send(parts);
            assertThat(sent).isEqualTo(passed.replace("\r\n\r\n", "\r\n") + FORWARDED
                    + "POST /2 HTTP/1.1\r\nHost: a.test\r\nContent-Length: 5\r\n" + FORWARDED + "hello"
                    + "PUT /3 HTTP/1.1\r\nHost: a.test\r\nTransfer-Encoding: chunked\r\n" + FORWARDED
                    + "3\r\nabc\r\n0\r\n\r\n"
                    + "DELETE /4 HTTP/1.1\r\nHost: a.test\r\nAuthorization: Basic YTpi\r\n" + FORWARDED);
        }
    }

    private List<HttpObject> readInPieces(String s, int size) {
        List<String> pieces = new ArrayList<>();
        for (int i = 0; i < s.length(); i += size) {
            pieces.add(s.substring(i, Math.min(s.length(), i + size)));
        }
        return read(pieces.toArray(String[]::new));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Content-Length: 0", "Transfer-Encoding: chunked", "Connection: close", "Connection: x-a",
            "Keep-Alive: 5", "Proxy-Connection: keep-alive", "TE: trailers", "Trailer: x", "Upgrade: websocket",
            "Proxy-Authorization: Basic YTpi", "Expect: 100-continue", "X-Forwarded-For: 10.0.0.1",
            "x-forwarded-host: b", "X-Forwarded-Proto: https", "X-Real-IP: 10.0.0.1", "x-http2-stream-id: 3",
            "Host: a.test", "Authorization: a\r\nAuthorization: b", "Bad Name: x", "X-Ctl: a\u0001b", " folded",
            "X-Bare: lf\n"})
    void headsWithWhatTheVhostChangesOrChecksAreDecodedByNetty(String line) {
        List<HttpObject> parts = read("GET / HTTP/1.1\r\nHost: a.test\r\n" + line + "\r\n\r\n");
        assertThat(parts).isNotEmpty().noneMatch(PassedRequest.class::isInstance);
        parts.forEach(ReferenceCountUtil::release);
    }

    @ParameterizedTest
    @ValueSource(strings = {"GET / HTTP/1.0\r\nHost: a.test\r\n\r\n", "GET http://a.test/ HTTP/1.1\r\nHost: a.test\r\n\r\n",
            "CONNECT a.test:443 HTTP/1.1\r\nHost: a.test:443\r\n\r\n", "OPTIONS * HTTP/1.1\r\nHost: a.test\r\n\r\n",
            "GET / HTTP/1.1\r\n\r\n", "GET  / HTTP/1.1\r\nHost: a.test\r\n\r\n", "\r\nGET / HTTP/1.1\r\nHost: a.test\r\n\r\n",
            "get / HTTP/1.1\r\nHost: a.test\r\n\r\n", "GET /\u0080 HTTP/1.1\r\nHost: a.test\r\n\r\n"})
    void requestLinesAndHeadsOutsideTheCommonFormAreDecodedByNetty(String head) {
        List<HttpObject> parts = read(head);
        assertThat(parts).noneMatch(PassedRequest.class::isInstance);
        parts.forEach(ReferenceCountUtil::release);
    }

    @Test
    void moreHeaderFieldsThanTheLimitAreLeftToNettyAndTheVhostsCount() {
        StringBuilder head = new StringBuilder("GET / HTTP/1.1\r\nHost: a.test\r\n");
        for (int i = 0; i < MAX_HEADERS; i++) {
            head.append("X-").append(i).append(": v\r\n");
        }
        List<HttpObject> parts = read(head + "\r\n");
        assertThat(parts.get(0)).isNotInstanceOf(PassedRequest.class);
        assertThat(((HttpRequest) parts.get(0)).headers().size()).isEqualTo(MAX_HEADERS + 1);
        parts.forEach(ReferenceCountUtil::release);
    }

    @Test
    void aHeadOverTheScannersLimitIsNettysAndAHeadOverNettysLimitIsRefused() {
        String big = "GET / HTTP/1.1\r\nHost: a.test\r\nCookie: " + "c".repeat(RequestHeadScanner.LIMIT) + "\r\n\r\n";
        List<HttpObject> parts = read(big);
        assertThat(parts.get(0)).isNotInstanceOf(PassedRequest.class);
        assertThat(parts.get(0).decoderResult().isSuccess()).isTrue();
        assertThat(((HttpRequest) parts.get(0)).headers().get("Cookie")).hasSize(RequestHeadScanner.LIMIT);
        parts.forEach(ReferenceCountUtil::release);

        EmbeddedChannel other = channels.of(new PublicHttpCodec(new HttpDecoderConfig()
                .setMaxHeaderSize(HttpPublicInitializer.MAX_HEADER_SIZE), MAX_HEADERS));
        other.writeInbound(bytes("GET / HTTP/1.1\r\nHost: a.test\r\nCookie: "
                + "c".repeat(HttpPublicInitializer.MAX_HEADER_SIZE + 1) + "\r\n\r\n"));
        HttpObject refused = other.readInbound();
        assertThat(refused.decoderResult().isFailure()).isTrue();
        ReferenceCountUtil.release(refused);
        Object rest;
        while ((rest = other.readInbound()) != null) {
            ReferenceCountUtil.release(rest);
        }
    }

    @Test
    void aHeadInTwoPiecesStillPassesOneInManyPiecesIsNettys() {
        List<HttpObject> two = read("GET / HTTP/1.1\r\nHo", "st: a.test\r\n\r\n");
        assertThat(two.get(0)).isInstanceOf(PassedRequest.class);
        two.forEach(ReferenceCountUtil::release);

        List<HttpObject> slow = readInPieces("GET /slow HTTP/1.1\r\nHost: a.test\r\n\r\n", 3);
        assertThat(slow.get(0)).isNotInstanceOf(PassedRequest.class);
        assertThat(((HttpRequest) slow.get(0)).uri()).isEqualTo("/slow");
        assertThat(slow.get(1)).isInstanceOf(LastHttpContent.class);
        slow.forEach(ReferenceCountUtil::release);
        // The connection's next head, whole, passes again.
        List<HttpObject> next = read("GET /next HTTP/1.1\r\nHost: a.test\r\n\r\n");
        assertThat(next.get(0)).isInstanceOf(PassedRequest.class);
        next.forEach(ReferenceCountUtil::release);
    }

    @Test
    void bytesThatCannotStartAPassedHeadAreNettysAtOnceWithoutWaitingForALineEnd() {
        // The start of a TLS ClientHello: Netty's decoder refuses it now, as it did before the scanner.
        List<HttpObject> parts = read("\u0016\u0003\u0001\u0000\u00a5\u0001\u0000\u0000\u00a1\u0003\u0003");
        assertThat(parts).isNotEmpty();
        assertThat(parts.get(0).decoderResult().isFailure()).isTrue();
        parts.forEach(ReferenceCountUtil::release);
    }

    @Test
    void aHeadCutOffByTheEndOfInputIsReportedByNettyAsBefore() {
        client.writeInbound(bytes("GET / HTTP/1.1\r\nHost: a.te"));
        assertThat((Object) client.readInbound()).isNull();
        client.finish();
        HttpObject cut = client.readInbound();
        assertThat(cut).isNotNull();
        assertThat(cut.decoderResult().isFailure()).isTrue();
        ReferenceCountUtil.release(cut);
    }

    @Test
    void aDecodedCopyServesProxiesWithHeaderRules() {
        List<HttpObject> parts = read("GET / HTTP/1.1\r\nHost: a.test\r\nConnection: keep-alive\r\nX-A:  1 \r\n\r\n");
        PassedRequest req = (PassedRequest) parts.get(0);
        req.decodeAll();
        assertThat(req.passes()).isFalse();
        assertThat(req.headers().entries()).extracting(e -> e.getKey() + "=" + e.getValue())
                .containsExactly("Host=a.test", "X-A=1");
        assertThat(parts.get(1)).isInstanceOf(HttpContent.class);
    }
}
