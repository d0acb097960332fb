package io.jfrp.server.vhost.http;

import io.jfrp.testkit.EmbeddedChannels;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Responses passed through as bytes ({@link PassedResponse}): what {@link BackendHttpCodec} reads from
 * a service, handed as the exchange hands it to {@link PublicHttpCodec}, and the exact bytes the
 * client gets; and the heads it leaves to Netty's decoder (chunked, 204/304, 1xx, HTTP/1.0,
 * malformed), whose answers come out as before.
 */
class ResponsePassThroughTest {
    @RegisterExtension
    final EmbeddedChannels channels = new EmbeddedChannels();
    private final Backend backend = new Backend(null);
    private final EmbeddedChannel service = channels.of(new BackendHttpCodec(new HttpDecoderConfig(), backend));
    private final EmbeddedChannel client = channels.of(new PublicHttpCodec(new HttpDecoderConfig(), 100));

    private static ByteBuf bytes(String s) {
        return Unpooled.copiedBuffer(s, StandardCharsets.ISO_8859_1);
    }

    /** The client's request read by the public codec, and sent on to the service ({@code pass}: as the exchange decides). */
    private void request(String method, boolean pass) {
        client.writeInbound(bytes(method + " / HTTP/1.1\r\nHost: a.test\r\n\r\n"));
        Object req;
        while ((req = client.readInbound()) != null) {
            ReferenceCountUtil.release(req);
        }
        backend.passResponse = pass;
        service.writeOutbound(new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.valueOf(method), "/"));
        ByteBuf out;
        while ((out = service.readOutbound()) != null) {
            out.release();
        }
    }

    /** The service's bytes, decoded; every part goes to the client. Returns the parts' types. */
    private List<String> answer(String... reads) {
        List<String> kinds = new ArrayList<>();
        for (String read : reads) {
            service.writeInbound(bytes(read));
            Object o;
            while ((o = service.readInbound()) != null) {
                kinds.add(kind(o));
                client.writeOutbound(o);
            }
        }
        return kinds;
    }

    /** Passed parts by their class's name; Netty's as "response", "content", "last". */
    private static String kind(Object o) {
        if (o instanceof PassedResponse.Part) {
            return o.getClass().getSimpleName();
        }
        return o instanceof HttpResponse ? "response" : o instanceof LastHttpContent ? "last" : "content";
    }

    /** The bytes the client got so far. */
    private String toClient() {
        StringBuilder sb = new StringBuilder();
        ByteBuf b;
        while ((b = client.readOutbound()) != null) {
            sb.append(b.toString(StandardCharsets.ISO_8859_1));
            b.release();
        }
        return sb.toString();
    }

    @Test
    void aContentLengthResponsePassesAsItCameWithoutItsConnectionLine() {
        request("GET", true);
        String head = "HTTP/1.1 200 OK\r\nServer: nginx/1.22.1\r\nContent-Type: text/html\r\nContent-Length: 5\r\n"
                + "Connection: keep-alive\r\nETag: \"6b-5\"\r\nX-Odd-Case: kEeP\r\n\r\n";
        assertThat(answer(head + "hello")).containsExactly("Head", "Last");
        assertThat(toClient()).isEqualTo("HTTP/1.1 200 OK\r\nServer: nginx/1.22.1\r\nContent-Type: text/html\r\n"
                + "Content-Length: 5\r\nETag: \"6b-5\"\r\nX-Odd-Case: kEeP\r\n\r\nhello");
        assertThat(backend.reusable).isTrue();
    }

    @Test
    void aHeadAndBodyInPiecesPassPieceByPiece() {
        request("GET", true);
        assertThat(answer("HTTP/1.1 404 Not Found\r\nContent-", "Length: 10\r\n\r\n01234", "567", "89"))
                .containsExactly("Head", "Content", "Content", "Last");
        assertThat(toClient()).isEqualTo("HTTP/1.1 404 Not Found\r\nContent-Length: 10\r\n\r\n0123456789");
    }

    @Test
    void anEmptyBodyEndsAtTheHead() {
        request("GET", true);
        assertThat(answer("HTTP/1.1 302 Found\r\nLocation: /x\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"))
                .containsExactly("Head", "Last");
        assertThat(toClient()).isEqualTo("HTTP/1.1 302 Found\r\nLocation: /x\r\nContent-Length: 0\r\n\r\n");
    }

    @Test
    void aServiceThatClosesAfterItsResponseIsSaidSoToTheExchange() {
        request("GET", true);
        service.writeInbound(bytes("HTTP/1.1 200 OK\r\nconnection: Close\r\nContent-Length: 1\r\n\r\nx"));
        PassedResponse.Head head = service.readInbound();
        assertThat(head.keepAlive).isFalse();
        assertThat(head.content().toString(StandardCharsets.ISO_8859_1))
                .isEqualTo("HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\n");
        head.release();
        ReferenceCountUtil.release(service.readInbound());
    }

    @Test
    void chunkedBodiesAndBodylessStatusesAreDecodedAndReencodedAsBefore() {
        request("GET", true);
        assertThat(answer("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nConnection: keep-alive\r\n\r\n"
                + "3\r\nabc\r\n0\r\n\r\n")).startsWith("response");
        assertThat(toClient()).isEqualTo("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nConnection: keep-alive\r\n\r\n"
                + "3\r\nabc\r\n0\r\n\r\n");
        request("GET", true);
        assertThat(answer("HTTP/1.1 204 No Content\r\nX-A: 1\r\n\r\n")).startsWith("response");
        request("GET", true);
        assertThat(answer("HTTP/1.1 304 Not Modified\r\nETag: \"1\"\r\n\r\n")).startsWith("response");
        assertThat(toClient()).isEqualTo("HTTP/1.1 204 No Content\r\nX-A: 1\r\n\r\nHTTP/1.1 304 Not Modified\r\nETag: \"1\"\r\n\r\n");
        // And the next simple one passes again.
        request("GET", true);
        assertThat(answer("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok")).containsExactly("Head", "Last");
        assertThat(toClient()).isEqualTo("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
    }

    @Test
    void anInterimResponseIsDecodedAndTheFinalOnePasses() {
        request("POST", true);
        assertThat(answer("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 201 Created\r\nContent-Length: 2\r\n\r\nok"))
                .containsExactly("response", "last", "Head", "Last");
    }

    @Test
    void whatTheExchangeDoesNotAllowIsDecoded() {
        request("GET", false);
        assertThat(answer("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok")).startsWith("response");
        assertThat(toClient()).isEqualTo("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
    }

    @Test
    void http10AndHopByHopAndOddlyFramedHeadsAreDecoded() {
        String[] heads = {"HTTP/1.0 200 OK\r\nContent-Length: 2\r\n\r\nok",
                "HTTP/1.1 200 OK\r\nKeep-Alive: timeout=5\r\nContent-Length: 2\r\n\r\nok",
                "HTTP/1.1 200 OK\r\nConnection: keep-alive, X-Secret\r\nX-Secret: 1\r\nContent-Length: 2\r\n\r\nok",
                "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Length: 2\r\n\r\nok",
                "HTTP/1.1 200 OK\r\nContent-Length: 2\nX: y\r\n\r\nok"};
        for (String h : heads) {
            firstFromFreshConnection(h);
        }
    }

    @Test
    void aMalformedHeadFromAHostileServiceIsNettysDecodeFailure() {
        for (String b : new String[] {"HTTP/1.1 200 OK\r\nContent-Length: abc\r\n\r\n",
                "HTTP/1.1 2x0 OK\r\nContent-Length: 1\r\n\r\nx"}) {
            Object first = firstFromFreshConnection(b);
            assertThat(((HttpObject) first).decoderResult().isFailure()).as(b).isTrue();
        }
    }

    @Test
    void controlCharactersAndFoldedLinesAreLeftToNettysDecoder() {
        for (String b : new String[] {"HTTP/1.1 200 OK\r\nX: a\u0000b\r\nContent-Length: 1\r\n\r\nx",
                "HTTP/1.1 200 OK\r\nX: a\r\n folded\r\nContent-Length: 1\r\n\r\nx",
                "HTTP/1.1 200 OK\r\nBad Name: x\r\nContent-Length: 1\r\n\r\nx",
                "HTTP/1.1 200 O\u0001K\r\nContent-Length: 1\r\n\r\nx"}) {
            firstFromFreshConnection(b);
        }
    }

    /** What a new work connection decodes first from {@code answer} to a GET that may pass: never a passed part. */
    private Object firstFromFreshConnection(String answer) {
        EmbeddedChannel fresh = channels.of(new BackendHttpCodec(new HttpDecoderConfig(), backend));
        backend.passResponse = true;
        fresh.writeOutbound(new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/"));
        ReferenceCountUtil.release(fresh.readOutbound());
        fresh.writeInbound(bytes(answer));
        Object first = fresh.readInbound();
        assertThat(first).as(answer).isInstanceOf(HttpObject.class).isNotInstanceOf(PassedResponse.Part.class);
        ReferenceCountUtil.release(first);
        Object o;
        while ((o = fresh.readInbound()) != null) {
            assertThat(o).as(answer).isNotInstanceOf(PassedResponse.Part.class);
            ReferenceCountUtil.release(o);
        }
        fresh.finishAndReleaseAll();
        return first;
    }

    @Test
    void aHeadThatStartsInsideAReadIsCutAtItsOwnConnectionLine() {
        // The second head follows the first body's last bytes in one read: it starts past the buffer's start.
        request("GET", true);
        assertThat(answer("HTTP/1.1 200 OK\r\nContent-Length: 6\r\n\r\no")).containsExactly("Head", "Content");
        request("GET", true);
        assertThat(answer("kkkkkHTTP/1.1 200 OK\r\nServer: s\r\nConnection: keep-alive\r\nContent-Length: 3\r\n\r\nabc"))
                .containsExactly("Last", "Head", "Last");
        assertThat(toClient()).isEqualTo("HTTP/1.1 200 OK\r\nContent-Length: 6\r\n\r\nokkkkk"
                + "HTTP/1.1 200 OK\r\nServer: s\r\nContent-Length: 3\r\n\r\nabc");
    }

    @Test
    void aHeadLongerThanTheLimitIsDecoded() {
        request("GET", true);
        String big = "HTTP/1.1 200 OK\r\nX-Big: " + "a".repeat(ResponseHeadScanner.LIMIT) + "\r\nContent-Length: 1\r\n\r\nx";
        assertThat(answer(big)).startsWith("response").doesNotContain("Head");
        assertThat(toClient()).endsWith("\r\n\r\nx");
    }

    @Test
    void aPassedResponseKeepsTheMethodsInStepForAPipelinedHead() {
        // GET and HEAD pipelined: the GET's answer passes, the HEAD's is encoded and must know it is HEAD's.
        client.writeInbound(bytes("GET / HTTP/1.1\r\nHost: a\r\n\r\nHEAD / HTTP/1.1\r\nHost: a\r\n\r\n"));
        Object req;
        while ((req = client.readInbound()) != null) {
            ReferenceCountUtil.release(req);
        }
        backend.passResponse = true;
        service.writeOutbound(new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/"));
        ReferenceCountUtil.release(service.readOutbound());
        assertThat(answer("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok")).containsExactly("Head", "Last");
        // The HEAD's answer as the exchange hands it on, chunked: encoded as a HEAD's, so no last chunk.
        HttpResponse headAnswer = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
        headAnswer.headers().set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
        client.writeOutbound(headAnswer, LastHttpContent.EMPTY_LAST_CONTENT);
        assertThat(toClient()).isEqualTo("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"
                + "HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\n");
    }
}
