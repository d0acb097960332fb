package io.jfrp.server.vhost.http;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.function.Consumer;

/**
 * The response side of an {@link HttpExchangeHandler}: what the service sends back for the current
 * exchange, as {@link BackendForwarder} posts it. Drops what a stale work connection sends, passes
 * interim (1xx) responses on ({@link InterimResponses}), decides how a response head reaches the
 * client (a {@link PassedResponse} as the service's bytes, a 101 or a 2xx to CONNECT that turns the
 * connection into a relay, else {@link ResponseFraming}), writes the parts toward the client with
 * backpressure on the work connection, and ends the exchange at the response's end. The exchange's
 * state stays in the handler; this class reads and changes it through the handler's package-private
 * methods. Confined to the public connection's event loop, like the handler.
 */
final class BackendResponses {
    private static final Logger log = LoggerFactory.getLogger(BackendResponses.class);

    private final HttpExchangeHandler owner;
    private final ChannelHandlerContext ctx;
    private final boolean http2Stream;
    /** Interim (1xx) responses: their end is not the response's end. */
    private final InterimResponses interim;
    /** A write and a flush for {@link InterimResponses}, made once: not per response part. */
    private final Consumer<Object> interimWrite;
    private final Runnable interimFlush;

    BackendResponses(HttpExchangeHandler owner, ChannelHandlerContext ctx, boolean http2Stream) {
        this.owner = owner;
        this.ctx = ctx;
        this.http2Stream = http2Stream;
        this.interim = new InterimResponses(!http2Stream);
        this.interimWrite = owner::writeToClient;
        this.interimFlush = ctx::flush;
    }

    /** A part of the response from {@code b}, in order (posted by {@link BackendForwarder}). */
    void onMessage(Backend b, Object msg) {
        HttpExchange ex = owner.exchange();
        if (b != owner.backend() || ex == null || ex.phase == HttpExchange.Phase.CONNECTING
                || ex.phase == HttpExchange.Phase.DISCARDING) {
            ReferenceCountUtil.release(msg);
            if (b == owner.backend() && ex == null && !(msg instanceof LastHttpContent lc && !lc.content().isReadable())) {
                // A response nobody asked for: the service is out of step.
                owner.dropBackend(b);
            }
            return;
        }
        HttpObject o = (HttpObject) msg;
        if (o.decoderResult().isFailure()) {
            ReferenceCountUtil.release(msg);
            b.proxy.bridge().failures().warn(log, "http proxy [{}]: bad response from the service: {}", b.proxy.name(),
                    o.decoderResult().cause().toString());
            owner.failResponse();
            return;
        }
        if (interim.consumed(msg, interimWrite, interimFlush)) {
            return;
        }
        if (msg instanceof PassedResponse.Head passed) {
            owner.responseHeadArrived();
            ex.responseStarted = true;
            if (!passed.keepAlive) {
                b.reusable = false;
            }
            owner.writeToClient(passed);
            return;
        }
        if (msg instanceof HttpResponse res) {
            if (!onHead(b, ex, res)) {
                ReferenceCountUtil.release(msg);
                return;
            }
            owner.writeToClient(res);
            return;
        }
        HttpContent content = (HttpContent) msg;
        boolean last = content instanceof LastHttpContent;
        if (!ex.responseStarted) {
            ReferenceCountUtil.release(msg);
            return;
        }
        owner.writeToClient(content);
        if (!ctx.channel().isWritable()) {
            b.channel.config().setAutoRead(false); // resumes in the handler's channelWritabilityChanged
        }
        if (last) {
            ctx.flush();
            if (!ex.upgrading) {
                end(b, ex);
            } // else onBackendUpgraded comes next
        }
    }

    /** The end of a read of {@code b}'s connection: what was written toward the client goes out. */
    void onReadComplete(Backend b) {
        if (b == owner.backend()) {
            ctx.flush();
        }
    }

    /** Decides how the response goes to the client; false when it cannot be passed on. */
    private boolean onHead(Backend b, HttpExchange ex, HttpResponse res) {
        int code = res.status().code();
        owner.responseHeadArrived();
        if (code == 101 && http2Stream) {
            b.proxy.bridge().failures().warn(log, "http proxy [{}]: the service switched protocols on an HTTP/2 request",
                    b.proxy.name());
            owner.failResponse();
            return false;
        }
        ex.responseStarted = true;
        if (!HttpUtil.isKeepAlive(res)) {
            b.reusable = false;
        }
        HeaderRules.toClient(res, b.proxy.config());
        if (code == 101 || ex.connect && code >= 200 && code < 300) {
            ex.upgrading = true;
            return true;
        }
        if (!ResponseFraming.forward(ex, res, owner.closesAfterResponse(), http2Stream)) {
            owner.closeAfterResponse();
        }
        return true;
    }

    /** The response is complete: the work connection stays for the next request if it can. */
    private void end(Backend b, HttpExchange ex) {
        if (!ex.requestDone) {
            // Answered before the whole request arrived: the rest cannot follow on this connection.
            owner.closeAfterResponse();
            b.reusable = false;
        }
        if (!b.reusable && owner.backend() == b) {
            owner.dropBackend(b);
        }
        owner.endExchange();
    }
}
