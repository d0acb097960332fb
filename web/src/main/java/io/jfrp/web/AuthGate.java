package io.jfrp.web;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.util.ReferenceCountUtil;

/**
 * Decides on the request head whether a request may reach its handler, before its body is
 * aggregated: a request without the right credentials has its body dropped as it arrives, so an
 * unauthenticated peer cannot make the server store bodies at all. In its place the gate passes an
 * {@link Unauthorized} marker down the pipeline, in order with the other requests, and
 * {@link RequestDispatcher} answers it with frp's 401 after the failure delay.
 *
 * <p>Sits between {@code HttpServerCodec} and {@code HttpObjectAggregator}; the aggregator passes
 * the marker through untouched. Heads that failed to decode pass unchanged (the dispatcher answers
 * them with 400). One instance per connection; event-loop only.
 */
final class AuthGate extends ChannelInboundHandlerAdapter {
    private final BasicAuthenticator authenticator;
    private final Router router;
    /** Whether the contents of the current request are dropped (its head was refused). */
    private boolean dropping;

    /** Stands for a refused request: answer 401 after the delay. */
    record Unauthorized(boolean keepAlive, String path) {
    }

    AuthGate(BasicAuthenticator authenticator, Router router) {
        this.authenticator = authenticator;
        this.router = router;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof HttpRequest request) {
            dropping = false;
            if (request.decoderResult().isSuccess() && !allowed(request)) {
                dropping = true;
                String path = new QueryStringDecoder(request.uri()).rawPath();
                ctx.fireChannelRead(new Unauthorized(HttpUtil.isKeepAlive(request), path));
            }
        }
        if (dropping && (msg instanceof HttpRequest || msg instanceof HttpContent)) {
            boolean last = msg instanceof LastHttpContent;
            ReferenceCountUtil.release(msg);
            if (last) {
                dropping = false;
            }
            return;
        }
        ctx.fireChannelRead(msg);
    }

    private boolean allowed(HttpRequest request) {
        if (authenticator.open()) {
            return true;
        }
        String path = new QueryStringDecoder(request.uri()).rawPath();
        return router.isPublic(request.method(), path)
                || authenticator.allows(request.headers().get(HttpHeaderNames.AUTHORIZATION));
    }
}
