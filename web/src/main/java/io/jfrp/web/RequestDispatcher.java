package io.jfrp.web;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * The end of the pipeline: takes complete requests (or {@link AuthGate.Unauthorized} markers) in
 * order, answers them one at a time, and keeps the connection alive between them.
 *
 * <h3>One request at a time</h3>
 * While a request is being answered the channel stops reading ({@code autoRead} off), so a client
 * that pipelines can queue at most what one socket read delivered, and at most
 * {@link WebServerLimits#maxPipelined()} requests; more closes the connection. Responses leave in
 * request order.
 *
 * <h3>Threads</h3>
 * Handlers run on the server's handler executor, never on the event loop; their responses are
 * written back on the event loop. Every field belongs to the event loop.
 *
 * <h3>Errors</h3>
 * A head that failed to decode gets 414 (request line too long), 431 (headers too large) or 400,
 * and the connection closes, as Go's server does. No route is 404 {@code "404 page not found"},
 * wrong method 405; a handler that throws is 500.
 */
final class RequestDispatcher extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(RequestDispatcher.class);
    /** RFC 9110 IMF-fixdate, as Go writes it (two-digit day, always GMT). */
    private static final DateTimeFormatter HTTP_DATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US);

    private final Router router;
    private final Executor handlers;
    private final long authFailDelayMillis;
    private final int maxPipelined;
    private final ArrayDeque<Object> queue = new ArrayDeque<>();
    private ChannelHandlerContext ctx;
    private ReadDeadline deadline;
    private boolean inFlight;

    RequestDispatcher(Router router, Executor handlers, long authFailDelayMillis, int maxPipelined) {
        this.router = router;
        this.handlers = handlers;
        this.authFailDelayMillis = authFailDelayMillis;
        this.maxPipelined = maxPipelined;
    }

    /** A request copied out of Netty's buffers, as it waits in the queue. */
    private record Pending(WebRequest request, HttpVersion version, boolean keepAlive) {
    }

    /** A head that failed to decode. */
    private record Malformed(DecoderResult result) {
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        this.deadline = ctx.pipeline().get(ReadDeadline.class);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        Object item;
        if (msg instanceof FullHttpRequest full) {
            try {
                item = full.decoderResult().isSuccess() ? pending(full) : new Malformed(full.decoderResult());
            } finally {
                ReferenceCountUtil.release(full);
            }
        } else if (msg instanceof AuthGate.Unauthorized unauthorized) {
            item = unauthorized;
        } else {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (queue.size() >= maxPipelined) {
            log.debug("{}: more than {} pipelined requests, closing", ctx.channel().remoteAddress(), maxPipelined);
            ctx.close();
            return;
        }
        queue.add(item);
        ctx.channel().config().setAutoRead(false);
        if (deadline != null) {
            deadline.requestComplete();
        }
        if (!inFlight) {
            next();
        }
    }

    private Pending pending(FullHttpRequest full) {
        QueryStringDecoder decoder = new QueryStringDecoder(full.uri());
        WebRequest request = new WebRequest(full.method(), full.uri(), decoder.rawPath(), decoder.parameters(),
                full.headers().copy(), ByteBufUtil.getBytes(full.content()), ctx.channel().remoteAddress(), Map.of());
        return new Pending(request, full.protocolVersion(), HttpUtil.isKeepAlive(full));
    }

    private void next() {
        assert ctx.executor().inEventLoop();
        Object item = queue.poll();
        if (item == null) {
            inFlight = false;
            if (deadline != null) {
                deadline.awaitRequest();
            }
            ctx.channel().config().setAutoRead(true);
            ctx.read();
            return;
        }
        inFlight = true;
        if (item instanceof Malformed malformed) {
            answerMalformed(malformed.result());
        } else if (item instanceof AuthGate.Unauthorized unauthorized) {
            // frp sleeps 200 ms before refusing; this delays the answer without holding a thread.
            ctx.executor().schedule(() -> write(HttpVersion.HTTP_1_1, unauthorized.keepAlive(), unauthorizedResponse()),
                    authFailDelayMillis, TimeUnit.MILLISECONDS);
        } else {
            dispatch((Pending) item);
        }
    }

    private void dispatch(Pending pending) {
        WebRequest request = pending.request();
        Router.Match match = router.find(request.method(), request.rawPath());
        if (match instanceof Router.Match.NotFound) {
            write(pending.version(), pending.keepAlive(), WebResponse.plainError(HttpResponseStatus.NOT_FOUND, "404 page not found"));
        } else if (match instanceof Router.Match.MethodNotAllowed) {
            write(pending.version(), pending.keepAlive(), WebResponse.empty(HttpResponseStatus.METHOD_NOT_ALLOWED));
        } else {
            Router.Match.Found found = (Router.Match.Found) match;
            WebRequest routed = request.withPathParams(found.params());
            try {
                handlers.execute(() -> {
                    WebResponse response = run(found.route().handler(), routed);
                    try {
                        ctx.executor().execute(() -> write(pending.version(), pending.keepAlive(), response));
                    } catch (RejectedExecutionException e) {
                        log.debug("{}: server closed before the answer to {} was written", ctx.channel().remoteAddress(), routed);
                    }
                });
            } catch (RejectedExecutionException e) {
                ctx.close(); // the server is shutting down
            }
        }
    }

    private static WebResponse run(WebHandler handler, WebRequest request) {
        try {
            WebResponse response = handler.handle(request);
            log.debug("{} -> {}", request, response);
            return response;
        } catch (Exception | AssertionError e) {
            log.warn("http handler for [{}] failed", request.rawPath(), e);
            return WebResponse.plainError(HttpResponseStatus.INTERNAL_SERVER_ERROR, "Internal Server Error");
        }
    }

    private void answerMalformed(DecoderResult result) {
        Throwable cause = result.cause();
        HttpResponseStatus status = cause instanceof TooLongHttpLineException ? HttpResponseStatus.REQUEST_URI_TOO_LONG
                : cause instanceof TooLongHttpHeaderException ? HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE
                : cause instanceof TooLongFrameException ? HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE
                : HttpResponseStatus.BAD_REQUEST;
        log.debug("{}: malformed request ({}): {}", ctx.channel().remoteAddress(), status, String.valueOf(cause));
        write(HttpVersion.HTTP_1_1, false, WebResponse.plainError(status, status.code() + " " + status.reasonPhrase()));
    }

    static WebResponse unauthorizedResponse() {
        return WebResponse.plainError(HttpResponseStatus.UNAUTHORIZED, "Unauthorized")
                .withHeader("WWW-Authenticate", "Basic realm=\"Restricted\"");
    }

    private void write(HttpVersion version, boolean keepAlive, WebResponse response) {
        assert ctx.executor().inEventLoop();
        if (!ctx.channel().isActive()) {
            queue.clear();
            runAfterWrite(response); // the client left; what it asked for still happens
            return;
        }
        FullHttpResponse out = toNetty(version, response);
        HttpUtil.setKeepAlive(out, keepAlive);
        ctx.writeAndFlush(out).addListener((ChannelFutureListener) f -> {
            runAfterWrite(response);
            if (!f.isSuccess() || !keepAlive) {
                f.channel().close();
                queue.clear();
            } else {
                next();
            }
        });
    }

    /** The response's {@link WebResponse#thenRun} action, on a handler thread (never on the event loop). */
    private void runAfterWrite(WebResponse response) {
        Runnable action = response.afterWrite();
        if (action == null) {
            return;
        }
        try {
            handlers.execute(() -> {
                try {
                    action.run();
                } catch (RuntimeException e) {
                    log.warn("action after the response to {} failed", ctx.channel().remoteAddress(), e);
                }
            });
        } catch (RejectedExecutionException e) {
            log.debug("{}: server closed before the action after a response could run", ctx.channel().remoteAddress());
        }
    }

    private static FullHttpResponse toNetty(HttpVersion version, WebResponse response) {
        FullHttpResponse out = new DefaultFullHttpResponse(version, response.status(),
                Unpooled.wrappedBuffer(response.bodyBytes()));
        HttpHeaders headers = out.headers();
        for (WebResponse.Header h : response.headers()) {
            headers.add(h.name(), h.value());
        }
        headers.set(HttpHeaderNames.DATE, HTTP_DATE.format(ZonedDateTime.now(ZoneOffset.UTC)));
        headers.setInt(HttpHeaderNames.CONTENT_LENGTH, response.bodyBytes().length);
        return out;
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        queue.clear();
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.debug("{}: {}", ctx.channel().remoteAddress(), cause.toString());
        ctx.close();
    }
}
