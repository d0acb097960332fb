package io.jfrp.server.vhost.http;

import io.jfrp.config.model.VhostConfig;
import io.jfrp.config.model.proxy.HttpProxyConfig;
import io.jfrp.config.model.proxy.ProxyBuilder;
import io.jfrp.protocol.FrpPipelines;
import io.jfrp.protocol.StreamWrapping;
import io.jfrp.protocol.codec.MessageCodec;
import io.jfrp.protocol.crypto.CryptoKey;
import io.jfrp.protocol.msg.StartWorkConn;
import io.jfrp.server.proxy.EmbeddedWorkConns;
import io.jfrp.server.proxy.WorkConnBridge;
import io.jfrp.server.proxy.WorkConnSource;
import io.jfrp.testkit.EmbeddedBytes;
import io.jfrp.testkit.EmbeddedDuplexChannel;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One public HTTP connection served through a routed proxy's work connection, on in-process
 * channels: the request as the service receives it (bytes after StartWorkConn), the response as the
 * client receives it, and the answers the vhost gives itself (404, 401, 400, 405).
 */
class HttpExchangeHandlerTest {
    private static final InetSocketAddress VHOST = new InetSocketAddress("127.0.0.1", 8080);
    private static final InetSocketAddress CLIENT = new InetSocketAddress("203.0.113.9", 40000);

    private final HttpVhost vhost;
    private final EmbeddedWorkConns conns = new EmbeddedWorkConns();
    /** What the next work connection requests get; empty = a fresh work connection. */
    private final ArrayDeque<Future<Channel>> takes = new ArrayDeque<>();
    private final List<EmbeddedDuplexChannel> works = new ArrayList<>();

    HttpExchangeHandlerTest() throws IOException {
        vhost = new HttpVhost(VhostConfig.OFF.withHttpPort(8080), "127.0.0.1");
    }

    @AfterEach
    void tearDown() {
        conns.close();
    }

    private void route(String domain, HttpProxyConfig config) {
        RouteTarget.route(vhost, domain, config, conns, () -> {
            Future<Channel> next = takes.poll();
            return next != null ? next : conns.control().eventLoop().newSucceededFuture(work());
        });
    }

    private EmbeddedDuplexChannel work() {
        EmbeddedDuplexChannel w = conns.work();
        works.add(w);
        return w;
    }

    private EmbeddedDuplexChannel publicConnection(boolean http2Stream) {
        EmbeddedDuplexChannel pub = new EmbeddedDuplexChannel(VHOST, CLIENT, new HttpExchangeHandler(vhost, http2Stream));
        conns.track(pub);
        return pub;
    }

    private void runTasks() {
        conns.runPendingTasks(10);
    }

    /** A public HTTP/1.1 connection, with a.test routed to the proxy "web". */
    private EmbeddedDuplexChannel routedConnection() {
        route("a.test", ProxyBuilder.http("web", "127.0.0.1", 80, "a.test").build());
        return publicConnection(false);
    }

    /** The client sends {@code GET path} for a.test on {@code pub}, and the loop runs. */
    private void get(EmbeddedDuplexChannel pub, String path) {
        pub.writeInbound(request(HttpMethod.GET, path, "a.test"));
        runTasks();
    }

    /** The service writes {@code response} on work connection {@code work}, and the loop runs. */
    private void answer(EmbeddedDuplexChannel work, String response) {
        work.writeInbound(Unpooled.copiedBuffer(response, StandardCharsets.UTF_8));
        runTasks();
    }

    private static FullHttpRequest request(HttpMethod method, String uri, String host) {
        FullHttpRequest req = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, method, uri);
        req.headers().set(HttpHeaderNames.HOST, host);
        return req;
    }

    /** What the service reads on the work connection after StartWorkConn, as text. */
    private static String toService(EmbeddedDuplexChannel w) {
        ByteBuf first = w.readOutbound();
        assertThat(MessageCodec.decode(ByteBufUtil.getBytes(first))).isInstanceOf(StartWorkConn.class);
        first.release();
        return EmbeddedBytes.outboundText(w);
    }

    /** What the client received: the response head, then the body as text. */
    private static List<Object> fromVhost(EmbeddedChannel pub) {
        List<Object> out = new ArrayList<>();
        StringBuilder body = new StringBuilder();
        Object o;
        while ((o = pub.readOutbound()) != null) {
            if (o instanceof HttpResponse res) {
                out.add(res.status().code() + " " + res.protocolVersion() + " "
                        + res.headers().get(HttpHeaderNames.CONNECTION, "-"));
                out.add(res.headers());
            }
            if (o instanceof PassedResponse.Head passed) { // the service's head as it came: read it the same way
                String[] lines = passed.content().toString(StandardCharsets.ISO_8859_1).split("\r\n");
                io.netty.handler.codec.http.HttpHeaders headers = new io.netty.handler.codec.http.DefaultHttpHeaders();
                for (int i = 1; i < lines.length; i++) {
                    int colon = lines[i].indexOf(':');
                    headers.add(lines[i].substring(0, colon), lines[i].substring(colon + 1).trim());
                }
                out.add(lines[0].substring(9, 12) + " " + lines[0].substring(0, 8) + " "
                        + headers.get(HttpHeaderNames.CONNECTION, "-"));
                out.add(headers);
            }
            if (o instanceof HttpContent c) {
                body.append(c.content().toString(StandardCharsets.UTF_8));
            }
            ReferenceCountUtil.release(o);
        }
        out.add(body.toString());
        return out;
    }

    /** {@code pub} was answered frp's 404 page, as frp's reverse proxy answers a failed backend. */
    private void assertNotFoundPage(EmbeddedDuplexChannel pub) {
        List<Object> got = fromVhost(pub);
        assertThat(got.get(0)).isEqualTo("404 HTTP/1.1 -");
        assertThat((String) got.get(2)).isEqualTo(io.jfrp.server.vhost.NotFoundPages.DEFAULT);
    }

    @Test
    void aRoutedRequestReachesTheServiceWithFrpsHeadersAndItsAnswerComesBack() {
        route("a.test", ProxyBuilder.http("web", "127.0.0.1", 80, "a.test").hostHeaderRewrite("in.local")
                .requestHeaders(Map.of("X-From", "frp")).responseHeaders(Map.of("X-Served-By", "jfrp")).build());
        EmbeddedDuplexChannel pub = publicConnection(false);

        pub.writeInbound(request(HttpMethod.GET, "/path?q=1", "A.test:8080"));
        runTasks();

        String sent = toService(works.get(0));
        assertThat(sent).startsWith("GET /path?q=1 HTTP/1.1\r\n").contains("host: in.local\r\n")
                .contains("X-Forwarded-For: 203.0.113.9\r\n").contains("X-Real-IP: 203.0.113.9\r\n")
                .contains("X-Forwarded-Host: A.test:8080\r\n").contains("X-Forwarded-Proto: http\r\n")
                .contains("X-From: frp\r\n");

        answer(works.get(0), "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello");

        List<Object> got = fromVhost(pub);
        assertThat(got.get(0)).isEqualTo("200 HTTP/1.1 -");
        assertThat(((io.netty.handler.codec.http.HttpHeaders) got.get(1)).get("X-Served-By")).isEqualTo("jfrp");
        assertThat(got.get(2)).isEqualTo("hello");
        assertThat(pub.isOpen()).as("keep-alive").isTrue();
    }

    @Test
    void anUnknownHostGetsThe404PageAndTheConnectionStays() {
        EmbeddedDuplexChannel pub = publicConnection(false);

        pub.writeInbound(request(HttpMethod.GET, "/", "nobody.test"));

        List<Object> got = fromVhost(pub);
        assertThat(got.get(0)).isEqualTo("404 HTTP/1.1 -");
        assertThat((String) got.get(2)).contains("Not Found");
        assertThat(pub.isOpen()).isTrue();
        assertThat(works).as("no work connection taken").isEmpty();
    }

    @Test
    void aHeadRequestGetsTheHeadOfThe404WithoutItsBody() {
        EmbeddedDuplexChannel pub = publicConnection(false);

        pub.writeInbound(request(HttpMethod.HEAD, "/", "nobody.test"));

        List<Object> got = fromVhost(pub);
        assertThat(((io.netty.handler.codec.http.HttpHeaders) got.get(1)).getInt(HttpHeaderNames.CONTENT_LENGTH))
                .isPositive();
        assertThat(got.get(2)).isEqualTo("");
    }

    @Test
    void basicAuthIsAskedForAndTheRightCredentialsPass() {
        route("secret.test", ProxyBuilder.http("secret", "127.0.0.1", 80, "secret.test").basicAuth("u", "p").build());
        EmbeddedDuplexChannel pub = publicConnection(false);

        pub.writeInbound(request(HttpMethod.GET, "/", "secret.test"));
        List<Object> refused = fromVhost(pub);
        assertThat(refused.get(0)).isEqualTo("401 HTTP/1.1 -");
        assertThat(((io.netty.handler.codec.http.HttpHeaders) refused.get(1)).get(HttpHeaderNames.WWW_AUTHENTICATE))
                .startsWith("Basic");

        FullHttpRequest withAuth = request(HttpMethod.GET, "/", "secret.test");
        withAuth.headers().set(HttpHeaderNames.AUTHORIZATION,
                "Basic " + Base64.getEncoder().encodeToString("u:p".getBytes(StandardCharsets.UTF_8)));
        pub.writeInbound(withAuth);
        runTasks();
        assertThat(toService(works.get(0))).startsWith("GET / HTTP/1.1");
    }

    @Test
    void noWorkConnectionWithinTheTimeoutGetsThe404PageAsInFrp() {
        route("a.test", ProxyBuilder.http("web", "127.0.0.1", 80, "a.test").build());
        takes.add(conns.control().eventLoop().newFailedFuture(new TimeoutException("no work connection within PT10S")));
        EmbeddedDuplexChannel pub = publicConnection(false);

        get(pub, "/");

        assertNotFoundPage(pub);
    }

    @Test
    void aServiceThatClosesWithoutAnsweringGetsThe404PageAsInFrp() {
        EmbeddedDuplexChannel pub = routedConnection();
        get(pub, "/");

        works.get(0).close();
        runTasks();

        assertNotFoundPage(pub);
    }

    @Test
    void aMalformedRequestIsA400AndTheConnectionCloses() {
        EmbeddedDuplexChannel pub = publicConnection(false);
        FullHttpRequest bad = request(HttpMethod.GET, "/", "a.test");
        bad.setDecoderResult(DecoderResult.failure(new IllegalArgumentException("invalid version")));

        pub.writeInbound(bad);
        runTasks();

        assertThat(fromVhost(pub).get(0)).isEqualTo("400 HTTP/1.1 close");
        assertThat(pub.isOpen()).isFalse();
    }

    @Test
    void connectOverAnHttp2StreamIsRefused() {
        route("a.test", ProxyBuilder.http("web", "127.0.0.1", 80, "a.test").build());
        EmbeddedDuplexChannel stream = publicConnection(true);

        stream.writeInbound(request(HttpMethod.CONNECT, "a.test:443", "a.test:443"));
        runTasks();

        List<Object> got = fromVhost(stream);
        assertThat((String) got.get(0)).startsWith("405");
        assertThat(works).isEmpty();
    }

    @Test
    void pipelinedRequestsAreServedInOrderOverTheSameWorkConnection() {
        EmbeddedDuplexChannel pub = routedConnection();

        pub.writeInbound(request(HttpMethod.GET, "/one", "a.test"), request(HttpMethod.GET, "/two", "a.test"));
        runTasks();
        assertThat(toService(works.get(0))).startsWith("GET /one ").doesNotContain("/two");

        answer(works.get(0), "HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\none");
        assertThat(fromVhost(pub).get(2)).isEqualTo("one");
        String second = EmbeddedBytes.outboundText(works.get(0));
        assertThat(second).startsWith("GET /two ");
        assertThat(works).as("the kept-alive work connection carries the next request").hasSize(1);
    }

    @Test
    void readingGoesOnWhileAResponseIsAwaitedAndStopsWhileARequestWaits() {
        EmbeddedDuplexChannel pub = routedConnection();

        get(pub, "/one");
        assertThat(toService(works.get(0))).startsWith("GET /one ");
        assertThat(pub.config().isAutoRead()).as("awaiting the response, nothing queued: still reading").isTrue();

        get(pub, "/two");
        assertThat(pub.config().isAutoRead()).as("a pipelined request waits: reading stops").isFalse();

        answer(works.get(0), "HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\none");
        assertThat(fromVhost(pub).get(2)).isEqualTo("one");
        assertThat(EmbeddedBytes.outboundText(works.get(0))).startsWith("GET /two ");
        assertThat(pub.config().isAutoRead()).as("the waiting request went out").isTrue();
    }

    @Test
    void aClientThatHalfClosesAfterItsRequestIsAnsweredThenTheConnectionCloses() {
        EmbeddedDuplexChannel pub = routedConnection();

        get(pub, "/");
        pub.pipeline().fireUserEventTriggered(ChannelInputShutdownEvent.INSTANCE);
        runTasks();
        assertThat(pub.isOpen()).as("its answer is still to come").isTrue();
        assertThat(toService(works.get(0))).startsWith("GET / HTTP/1.1");

        answer(works.get(0), "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello");

        assertThat(fromVhost(pub).get(2)).isEqualTo("hello");
        assertThat(pub.isOpen()).as("nothing more can come from the client").isFalse();
    }

    @Test
    void anIdleConnectionThatHalfClosesIsClosed() {
        EmbeddedDuplexChannel pub = publicConnection(false);

        pub.pipeline().fireUserEventTriggered(ChannelInputShutdownEvent.INSTANCE);
        runTasks();

        assertThat(pub.isOpen()).isFalse();
    }

    @Test
    void afterAConnectOrUpgradeRequestNothingIsReadUntilTheAnswerSaysWhetherATunnelFollows() {
        EmbeddedDuplexChannel pub = routedConnection();

        FullHttpRequest ws = request(HttpMethod.GET, "/chat", "a.test");
        ws.headers().set(HttpHeaderNames.CONNECTION, "Upgrade").set(HttpHeaderNames.UPGRADE, "websocket");
        pub.writeInbound(ws);
        runTasks();
        assertThat(toService(works.get(0))).startsWith("GET /chat ");
        assertThat(pub.config().isAutoRead()).as("the client's next bytes may be the tunnel's").isFalse();

        answer(works.get(0), "HTTP/1.1 426 Upgrade Required\r\nContent-Length: 0\r\n\r\n");
        assertThat(fromVhost(pub).get(0)).isEqualTo("426 HTTP/1.1 -");
        assertThat(pub.config().isAutoRead()).as("refused: still HTTP").isTrue();

        pub.writeInbound(request(HttpMethod.CONNECT, "a.test:443", "a.test:443"));
        runTasks();
        assertThat(EmbeddedBytes.outboundText(works.get(0))).startsWith("CONNECT a.test:443 ");
        assertThat(pub.config().isAutoRead()).isFalse();
    }

    /**
     * Counts the flushes that reach a channel's transport with something written since the one
     * before: on a socket, one write system call each (a flush of nothing makes none).
     */
    private static final class FlushCounter extends ChannelOutboundHandlerAdapter {
        int flushes;
        private boolean pending;

        @Override
        public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
            pending = true;
            ctx.write(msg, promise);
        }

        @Override
        public void flush(ChannelHandlerContext ctx) {
            if (pending) {
                flushes++;
                pending = false;
            }
            ctx.flush();
        }
    }

    /**
     * A kept-alive request goes to the service in one flush and its answer (one read of the service's
     * bytes) to the client in one that carries bytes: on sockets, one send to the session and one writev to the client
     * per request (docs/PERFORMANCE.md, "System calls per vhost request"). A flush per message part (head, body,
     * end) would add a system call per part and pass every other test here.
     */
    private void assertOneFlushEachWay(EmbeddedDuplexChannel pub, String response, String body) {
        FlushCounter toClient = new FlushCounter();
        pub.pipeline().addFirst(toClient);
        get(pub, "/0");
        assertThat(toService(works.get(0))).startsWith("GET /0 ");
        FlushCounter toService = new FlushCounter();
        works.get(0).pipeline().addFirst(toService);
        answer(works.get(0), response);
        assertThat(fromVhost(pub).get(2)).isEqualTo(body);
        toClient.flushes = 0;

        for (int i = 1; i <= 3; i++) {
            get(pub, "/" + i);
            assertThat(toService.flushes).as("request %d's flushes to the service, in all", i).isEqualTo(i);
            assertThat(EmbeddedBytes.outboundText(works.get(0))).startsWith("GET /" + i + " ");
            answer(works.get(0), response);
            assertThat(toClient.flushes).as("response %d's flushes to the client, in all", i).isEqualTo(i);
            assertThat(fromVhost(pub).get(2)).isEqualTo(body);
        }
        assertThat(works).as("one kept-alive work connection").hasSize(1);
    }

    @Test
    void aPassedThroughResponseAndItsRequestCrossInOneFlushEach() {
        assertOneFlushEachWay(routedConnection(),
                "HTTP/1.1 200 OK\r\nServer: t\r\nContent-Length: 5\r\n\r\nhello", "hello");
    }

    @Test
    void aReencodedResponseAndItsRequestCrossInOneFlushEach() {
        route("a.test", ProxyBuilder.http("web", "127.0.0.1", 80, "a.test")
                .requestHeaders(Map.of("X-From", "frp")).responseHeaders(Map.of("X-Served-By", "jfrp")).build());
        assertOneFlushEachWay(publicConnection(false),
                "HTTP/1.1 200 OK\r\nServer: t\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n", "hello");
    }
}
