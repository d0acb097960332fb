package io.jfrp.client.plugin.http;

import io.jfrp.client.plugin.PluginResponses;
import io.jfrp.client.plugin.KeepAliveRequestDecoder;
import io.jfrp.client.proxy.LocalDialer;
import io.jfrp.protocol.relay.ReadGate;
import io.jfrp.protocol.relay.Relay;
import io.jfrp.web.LoopDeadline;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.channel.socket.DuplexChannel;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseEncoder;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Forwards the HTTP exchanges of one downstream connection (a work connection speaking HTTP/1.1, or
 * one HTTP/2 stream turned into HTTP/1.1 objects) to upstream servers, as Go's
 * {@code httputil.ReverseProxy} does for frp's http plugins: each request is routed (its
 * {@link Route.Router} rewrites it or answers it here), streamed to its upstream, and the response
 * streamed back, one exchange at a time. An upstream connection is kept for the next request to the
 * same place while both sides keep alive. A 101 answer to an upgrade request turns both connections
 * into a byte relay (WebSocket).
 *
 * <h3>Backpressure</h3>
 * Nothing is buffered beyond what one read delivers: the downstream is read only while its bytes can
 * go somewhere now (no exchange, or the upstream writable; never past the end of a request until its
 * response is done), and the upstream only while the downstream is writable ({@link ReadGate},
 * reason HANDLER).
 *
 * <h3>Keep-alive and limits</h3>
 * A downstream HTTP/1.1 connection is read by a {@link KeepAliveRequestDecoder}, as Go's server that
 * frp's plugins run: a request's head must be whole within the head deadline (of the connection's
 * start for the first request, of its first bytes for later ones); an idle keep-alive connection
 * waits for its next request without a deadline and holds no request meanwhile. The client's end of
 * its sending (its FIN; a work connection allows half closure) closes the connection once the
 * requests read before it are answered (at once if there are none, or if the request being read can
 * no longer end). An upstream connection kept for the next request is closed after
 * {@link #UPSTREAM_IDLE_MILLIS} unused, as Go's default transport drops an idle connection, so an
 * idle client does not hold a connection to the service for good. The codecs bound lines and headers.
 *
 * <h3>Threading</h3>
 * The downstream channel's event loop; upstream connections are dialed on it, so both sides share it.
 */
public final class HttpForwarder extends ChannelInboundHandlerAdapter {
    /** How long an upstream connection is kept unused for the next request (Go's DefaultTransport's IdleConnTimeout). */
    public static final long UPSTREAM_IDLE_MILLIS = 90_000;
    static final int MAX_INITIAL_LINE = 8192;
    static final int MAX_HEADER_SIZE = 64 * 1024;
    static final int MAX_CHUNK = 16 * 1024;
    private static final Logger log = LoggerFactory.getLogger(HttpForwarder.class);

    private final Settings settings;
    private final Route.ClientSide client;
    private final boolean http2Stream;
    /** The HTTP/1.1 request decoder in front (head deadline, the client's FIN); null on an HTTP/2 stream. */
    private final KeepAliveRequestDecoder decoder;

    private final ArrayDeque<HttpObject> waiting = new ArrayDeque<>();
    private ChannelHandlerContext ctx;
    private Exchange ex;
    private Channel upstream;
    private Upstream upstreamTarget;
    private boolean upstreamReusable;
    /** Closes the kept upstream connection when no request comes for it. */
    private final LoopDeadline upstreamIdle = new LoopDeadline();
    private boolean closed;

    /**
     * What a forwarding plugin gives each of its forwarders.
     *
     * @param proxyName       the proxy, for log lines
     * @param router          routes and rewrites each request
     * @param dialer          how upstreams are reached
     * @param upstreamFailure the answer when the upstream cannot be reached or fails before answering
     *                        (502 for the bridges, as ReverseProxy; 500 with the error for http_proxy)
     * @param headTimeoutMillis  the request head deadline ({@link KeepAliveRequestDecoder#HEAD_TIMEOUT_MILLIS})
     * @param upstreamIdleMillis how long a kept upstream connection may go unused ({@link #UPSTREAM_IDLE_MILLIS})
     */
    public record Settings(String proxyName, Route.Router router, LocalDialer dialer,
                           Function<Throwable, FullHttpResponse> upstreamFailure, long headTimeoutMillis,
                           long upstreamIdleMillis) {
        /** With frp's head deadline and Go's idle upstream time. */
        public Settings(String proxyName, Route.Router router, LocalDialer dialer,
                        Function<Throwable, FullHttpResponse> upstreamFailure) {
            this(proxyName, router, dialer, upstreamFailure, KeepAliveRequestDecoder.HEAD_TIMEOUT_MILLIS,
                    UPSTREAM_IDLE_MILLIS);
        }
    }

    private HttpForwarder(Settings settings, Route.ClientSide client, KeepAliveRequestDecoder decoder) {
        this.settings = settings;
        this.client = client;
        this.decoder = decoder;
        this.http2Stream = decoder == null;
    }

    /**
     * Serves a downstream HTTP/1.1 connection: the request decoder, the response encoder and a
     * forwarder at the end of {@code pipeline}.
     *
     * @param client the downstream connection, for the router
     */
    public static void install(ChannelPipeline pipeline, Settings settings, Route.ClientSide client) {
        KeepAliveRequestDecoder decoder = new KeepAliveRequestDecoder(new HttpDecoderConfig()
                .setMaxInitialLineLength(MAX_INITIAL_LINE).setMaxHeaderSize(MAX_HEADER_SIZE).setMaxChunkSize(MAX_CHUNK),
                settings.proxyName(), settings.headTimeoutMillis());
        HttpForwarder forwarder = new HttpForwarder(settings, client, decoder);
        pipeline.addLast("http-decoder", decoder);
        pipeline.addLast("http-encoder", forwarder.new ResponseEncoder());
        pipeline.addLast("forwarder", forwarder);
    }

    /** The forwarder of one HTTP/2 stream turned into HTTP/1.1 objects: one exchange, no upgrade, no keep-alive. */
    static HttpForwarder http2Stream(Settings settings, Route.ClientSide client) {
        return new HttpForwarder(settings, client, null);
    }

    /** One request and its response. */
    private static final class Exchange {
        final HttpRequest request;
        final boolean keepAlive;
        boolean connecting;
        boolean forwarding;
        boolean answeredLocally;
        boolean requestEnded;
        boolean upgrade;
        boolean switching;
        boolean interim;
        boolean responseStarted;
        boolean responseEnded;
        boolean closeAfter;
        /** A CONNECT's target: the connection becomes a tunnel when the request has been read. */
        Upstream tunnel;

        Exchange(HttpRequest request, boolean keepAlive) {
            this.request = request;
            this.keepAlive = keepAlive;
        }
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof HttpObject obj) || closed) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (obj instanceof FullHttpRequest full) {
            // HTTP/2 gives a bodiless request whole: the same as a head and its end.
            waiting.add(new DefaultHttpRequest(full.protocolVersion(), full.method(), full.uri(), full.headers()));
            waiting.add(new DefaultLastHttpContent(full.content(), full.trailingHeaders()));
        } else {
            waiting.add(obj);
        }
        process();
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (upstream != null) {
            upstream.flush();
        }
        ctx.fireChannelReadComplete();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (ctx.channel().isWritable() && upstream != null) {
            ReadGate.resume(upstream, ReadGate.Reason.HANDLER);
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof ChannelInputShutdownEvent) {
            process(); // the client's FIN: close if nothing read is left to answer
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        closed = true;
        upstreamIdle.disarm();
        releaseWaiting();
        closeUpstream();
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.debug("[{}] http: downstream {} failed: {}", settings.proxyName(), ctx.channel(), cause.toString());
        ctx.close();
    }

    /** Takes what can be taken now of what the downstream sent, in order. */
    private void process() {
        boolean wrote = false;
        HttpObject head;
        while (!closed && (head = waiting.peek()) != null) {
            if (head instanceof HttpRequest req) {
                if (ex != null) {
                    break; // one exchange at a time
                }
                waiting.poll();
                start(req);
                continue;
            }
            if (ex != null && ex.tunnel != null) {
                HttpObject content = waiting.poll();
                ReferenceCountUtil.release(content);
                if (content instanceof LastHttpContent) {
                    openTunnel(ex.tunnel);
                    return;
                }
                continue;
            }
            if (ex == null || ex.answeredLocally || ex.switching) {
                HttpObject content = waiting.poll();
                if (ex != null && content instanceof LastHttpContent) {
                    ex.requestEnded = true;
                    maybeDone();
                }
                ReferenceCountUtil.release(content);
                continue;
            }
            if (ex.connecting || ex.requestEnded) {
                break;
            }
            HttpObject content = waiting.poll();
            upstream.write(content);
            wrote = true;
            if (content instanceof LastHttpContent) {
                ex.requestEnded = true;
                maybeDone();
            }
        }
        if (wrote && upstream != null) {
            upstream.flush();
        }
        if (!closed && clientDone()) {
            closed = true;
            releaseWaiting();
            closeUpstream();
            ctx.writeAndFlush(io.netty.buffer.Unpooled.EMPTY_BUFFER).addListener(f -> ctx.close());
            return;
        }
        updateReading();
    }

    /**
     * The client has ended its sending and nothing read is left to answer: no exchange (or one whose
     * request can no longer end), and no request waiting.
     */
    private boolean clientDone() {
        return decoder != null && decoder.inputEnded() && waiting.isEmpty()
                && (ex == null || !ex.requestEnded && ex.tunnel == null);
    }

    private void updateReading() {
        if (closed) {
            return;
        }
        boolean read = waiting.isEmpty() && (ex == null || ex.tunnel != null
                || !ex.requestEnded && (ex.answeredLocally || ex.forwarding && upstream != null && upstream.isWritable()));
        if (read) {
            ReadGate.resume(ctx.channel(), ReadGate.Reason.HANDLER);
        } else {
            ReadGate.pause(ctx.channel(), ReadGate.Reason.HANDLER);
        }
    }

    private void start(HttpRequest req) {
        upstreamIdle.disarm();
        ex = new Exchange(req, !http2Stream && HttpUtil.isKeepAlive(req));
        if (req.decoderResult().isFailure()) {
            answerLocally(PluginResponses.text(io.netty.handler.codec.http.HttpResponseStatus.BAD_REQUEST,
                    "400 Bad Request"), true);
            return;
        }
        ex.upgrade = !http2Stream && HeaderRules.upgradeType(req.headers()) != null;
        Route route = settings.router().route(req, client);
        if (route instanceof Route.Answer answer) {
            if (answer.delayMillis() > 0) {
                Exchange exchange = ex;
                exchange.answeredLocally = true; // the body is dropped meanwhile
                ctx.executor().schedule(() -> {
                    if (ex == exchange && !closed) {
                        answerLocally(answer.response(), answer.close());
                    } else {
                        ReferenceCountUtil.release(answer.response());
                    }
                }, answer.delayMillis(), TimeUnit.MILLISECONDS);
            } else {
                answerLocally(answer.response(), answer.close());
            }
            return;
        }
        if (route instanceof Route.Tunnel tunnel) {
            ex.tunnel = tunnel.target();
            return;
        }
        Upstream target = ((Route.To) route).upstream();
        if (upstream != null && upstream.isActive() && upstreamReusable && target.equals(upstreamTarget)) {
            forward(req);
            return;
        }
        closeUpstream();
        ex.connecting = true;
        connect(target, ex);
    }

    private void forward(HttpRequest req) {
        ex.forwarding = true;
        upstream.write(req);
    }

    private void connect(Upstream target, Exchange exchange) {
        ChannelFuture dialed = settings.dialer().dial(ctx.channel().eventLoop(), target.host(), target.port());
        dialed.addListener((ChannelFuture f) -> {
            Channel ch = f.channel();
            if (closed || ex != exchange) {
                ch.close();
                return;
            }
            exchange.connecting = false;
            if (!f.isSuccess()) {
                log.info("[{}] http: {} cannot be reached: {}", settings.proxyName(), target, f.cause().getMessage());
                answerLocally(settings.upstreamFailure().apply(f.cause()), false);
                process();
                return;
            }
            if (target.tls() != null) {
                ch.pipeline().addLast("tls", target.tls().newHandler(ch.alloc(), target.host(), target.port()));
            }
            ch.pipeline().addLast("http", new HttpClientCodec(MAX_INITIAL_LINE, MAX_HEADER_SIZE, MAX_CHUNK));
            ch.pipeline().addLast("forwarder", new UpstreamSide());
            upstream = ch;
            upstreamTarget = target;
            upstreamReusable = true;
            ReadGate.resume(ch, ReadGate.Reason.HANDLER);
            forward(exchange.request);
            process();
        });
    }

    /** Answers the current request here; its body, if any, is read and dropped. */
    private void answerLocally(FullHttpResponse response, boolean close) {
        Exchange exchange = ex;
        exchange.answeredLocally = true;
        exchange.responseStarted = true;
        exchange.closeAfter |= close || !exchange.keepAlive;
        if (exchange.closeAfter && !http2Stream) {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        }
        ctx.writeAndFlush(response).addListener(f -> {
            exchange.responseEnded = true;
            if (ex == exchange) {
                maybeDone();
            }
        });
    }

    /** Ends the exchange once both its request and its response have been through. */
    private void maybeDone() {
        Exchange exchange = ex;
        if (exchange == null || !exchange.responseEnded || !exchange.requestEnded && !exchange.closeAfter) {
            return;
        }
        ex = null;
        if (!upstreamReusable || exchange.answeredLocally && upstream != null && !upstream.isActive()) {
            closeUpstream();
        }
        if (exchange.closeAfter || http2Stream) {
            closed = true;
            releaseWaiting();
            closeUpstream();
            ctx.writeAndFlush(io.netty.buffer.Unpooled.EMPTY_BUFFER).addListener(f -> ctx.close());
            return;
        }
        if (upstream != null) {
            upstreamIdle.arm(ctx.executor(), settings.upstreamIdleMillis(), TimeUnit.MILLISECONDS, () -> {
                if (ex == null) {
                    closeUpstream();
                }
            });
        }
        process();
    }

    private void closeUpstream() {
        if (upstream != null) {
            Channel ch = upstream;
            upstream = null;
            upstreamTarget = null;
            ch.close();
        }
    }

    private void releaseWaiting() {
        HttpObject o;
        while ((o = waiting.poll()) != null) {
            ReferenceCountUtil.release(o);
        }
    }

    // ---- what the upstream answers

    private void onResponse(HttpResponse resp) {
        int code = resp.status().code();
        if (code == 101) {
            if (!ex.upgrade) {
                failUpstream(new IOException("upstream switched protocols without an upgrade request"));
                return;
            }
            ex.switching = true;
            HeaderRules.removeHopByHop(resp);
            ctx.writeAndFlush(resp);
            return;
        }
        boolean upstreamKeepAlive = HttpUtil.isKeepAlive(resp);
        HeaderRules.removeHopByHop(resp);
        if (code < 200) {
            ex.interim = true;
            ctx.write(resp);
            return;
        }
        ex.responseStarted = true;
        upstreamReusable = upstreamKeepAlive;
        boolean bodiless = ex.request.method().equals(HttpMethod.HEAD) || code == 204 || code == 304;
        if (!bodiless && !HttpUtil.isTransferEncodingChunked(resp) && !HttpUtil.isContentLengthSet(resp)
                && !http2Stream) {
            // Read to the upstream's close: chunk it for an HTTP/1.1 client, else end with our close.
            if (ex.request.protocolVersion().equals(HttpVersion.HTTP_1_1)) {
                HttpUtil.setTransferEncodingChunked(resp, true);
            } else {
                ex.closeAfter = true;
            }
        }
        if ((!ex.keepAlive || ex.closeAfter) && !http2Stream) {
            ex.closeAfter = true;
            resp.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        }
        ctx.write(resp);
    }

    private void onContent(HttpContent content) {
        if (ex.switching) {
            ReferenceCountUtil.release(content);
            if (content instanceof LastHttpContent) {
                switchToRelay();
            }
            return;
        }
        ctx.write(content);
        if (content instanceof LastHttpContent) {
            ctx.flush();
            if (ex.interim) {
                ex.interim = false;
                return;
            }
            ex.responseEnded = true;
            if (!ex.requestEnded) {
                ex.closeAfter = true; // answered before the body ended: the rest is not read
            }
            maybeDone();
        }
    }

    /** The upstream went away or failed during the exchange. */
    private void failUpstream(Throwable cause) {
        Exchange exchange = ex;
        closeUpstream();
        if (exchange == null || !exchange.forwarding || exchange.responseEnded) {
            return;
        }
        if (!exchange.responseStarted && !exchange.switching) {
            exchange.forwarding = false;
            answerLocally(settings.upstreamFailure().apply(cause), !exchange.requestEnded);
            process();
        } else {
            ctx.close(); // the response was cut short
        }
    }

    /**
     * A CONNECT has been read: the HTTP handlers leave at once (bytes the client sent behind the
     * request are held for the tunnel), the target is dialed, then frp's raw answer and the relay.
     */
    private void openTunnel(Upstream target) {
        DuplexChannel down = (DuplexChannel) ctx.channel();
        closed = true;
        closeUpstream();
        upstreamIdle.disarm();
        releaseWaiting();
        Relay.holdUntilJoined(down);
        ReadGate.resume(down, ReadGate.Reason.HANDLER);
        leaveHttp(down.pipeline());
        ChannelFuture dialed = settings.dialer().dial(down.eventLoop(), target.host(), target.port());
        dialed.addListener((ChannelFuture f) -> {
            if (!f.isSuccess()) {
                log.info("[{}] http_proxy: CONNECT {} failed: {}", settings.proxyName(), target,
                        f.cause().getMessage());
                down.writeAndFlush(io.netty.buffer.Unpooled.copiedBuffer(
                        "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n", java.nio.charset.StandardCharsets.US_ASCII))
                        .addListener(io.netty.channel.ChannelFutureListener.CLOSE);
                return;
            }
            DuplexChannel remote = (DuplexChannel) f.channel();
            if (!down.isActive()) {
                remote.close();
                return;
            }
            down.writeAndFlush(io.netty.buffer.Unpooled.copiedBuffer("HTTP/1.1 200 OK\r\n\r\n",
                    java.nio.charset.StandardCharsets.US_ASCII));
            Relay.join(remote, down);
        });
    }

    /**
     * The downstream's HTTP handlers leave, this one first: bytes the decoder holds beyond the last
     * request then go on to what follows (the relay's hold), and so does the client's FIN if it came
     * while the request was answered (an upgrade's), which the relay would otherwise never see.
     */
    private void leaveHttp(ChannelPipeline pipeline) {
        assert decoder != null : "a tunnel or an upgrade is HTTP/1.1's";
        if (decoder.inputEnded()) {
            ctx.fireUserEventTriggered(ChannelInputShutdownEvent.INSTANCE);
        }
        pipeline.remove(this);
        pipeline.remove(ResponseEncoder.class);
        pipeline.remove(decoder);
    }

    /** After a 101: both connections become a byte relay, whatever either side sent early first. */
    private void switchToRelay() {
        Channel down = ctx.channel();
        Channel up = upstream;
        Relay.holdUntilJoined(down);
        Relay.holdUntilJoined(up);
        // The exchange held either side off (the request had ended; the downstream was not writable):
        // from here on only the relay's own hold governs reading, else the tunnel never reads a byte.
        ReadGate.resume(down, ReadGate.Reason.HANDLER);
        ReadGate.resume(up, ReadGate.Reason.HANDLER);
        up.pipeline().remove("forwarder");
        up.pipeline().remove("http");
        leaveHttp(down.pipeline());
        upstream = null;
        releaseWaiting();
        Relay.join((DuplexChannel) up, (DuplexChannel) down);
    }

    /**
     * The downstream's response encoder: a response to HEAD has no body whatever its headers say
     * (what {@code HttpServerCodec}'s queue of request methods is for; here the exchange knows it).
     */
    private final class ResponseEncoder extends HttpResponseEncoder {
        @Override
        protected boolean isContentAlwaysEmpty(HttpResponse msg) {
            Exchange exchange = ex;
            return exchange != null && exchange.request.method().equals(HttpMethod.HEAD) || super.isContentAlwaysEmpty(msg);
        }
    }

    /** The forwarder's handler on the upstream connection. */
    private final class UpstreamSide extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext uctx, Object msg) {
            if (ex == null || !ex.forwarding || uctx.channel() != upstream || !(msg instanceof HttpObject)) {
                ReferenceCountUtil.release(msg);
                return;
            }
            if (msg instanceof HttpResponse resp) {
                if (resp.decoderResult().isFailure()) {
                    ReferenceCountUtil.release(msg);
                    failUpstream(resp.decoderResult().cause());
                    return;
                }
                onResponse(resp);
            } else if (msg instanceof HttpContent content && ex != null) {
                onContent(content);
            }
            if (upstream != null && !ctx.channel().isWritable()) {
                ReadGate.pause(upstream, ReadGate.Reason.HANDLER);
            }
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext uctx) {
            ctx.flush();
        }

        @Override
        public void channelWritabilityChanged(ChannelHandlerContext uctx) {
            if (uctx.channel() == upstream) {
                process();
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext uctx) {
            if (uctx.channel() == upstream) {
                failUpstream(new IOException("the upstream closed the connection"));
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext uctx, Throwable cause) {
            log.debug("[{}] http: upstream {} failed: {}", settings.proxyName(), uctx.channel(), cause.toString());
            if (uctx.channel() == upstream) {
                failUpstream(cause);
            } else {
                uctx.close();
            }
        }
    }
}
