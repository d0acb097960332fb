package io.jfrp.server.vhost.tcpmux;

import io.jfrp.protocol.relay.Relay;
import io.jfrp.protocol.transport.LingeringClose;
import io.jfrp.server.vhost.NotFoundPages;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * Routes a connection on the tcpmux port by its HTTP {@code CONNECT host:port} request (frp's
 * {@code httpconnect} multiplexer), then turns it into a raw byte tunnel to the chosen proxy.
 *
 * <h3>Sequence</h3>
 * Netty's {@link HttpServerCodec} reads the request head. The host (lower case, port and trailing
 * dot dropped, as frp does) and the user of a {@code Proxy-Authorization: Basic} header pick the
 * target (a proxy with that domain and {@code routeByHTTPUser} equal to the user, else one with no
 * {@code routeByHTTPUser}). A target with {@code httpUser} set requires those credentials. On success
 * the answer is frp's {@code HTTP/1.1 200 OK} (none with {@code tcpmuxPassthrough}, where the
 * request itself goes on to the backend); then the codec and this handler leave, reading stops
 * ({@link Relay#holdUntilJoined}) and bytes the client sent after the request head are kept for the
 * relay.
 *
 * <h3>Refusals (each closes the connection)</h3>
 * <ul>
 *   <li>unreadable request, or a method other than CONNECT: closed without an answer, as stock
 *       frps;</li>
 *   <li>no proxy for the host (and user): frps' 404 with its {@code Server} header
 *       ({@link NotFoundPages#forConnect}), byte for byte but the page;</li>
 *   <li>missing or wrong credentials: 407 with {@code Proxy-Authenticate: Basic realm="Restricted"}.
 *       Stock frps writes its 200 before checking them and then the 407; here the check comes first,
 *       so a client never sees a tunnel that is not there;</li>
 *   <li>no complete request within the timeout: closed.</li>
 * </ul>
 *
 * <p>One instance per connection, confined to its event loop.
 *
 * @param <T> what a host routes to
 */
public final class HttpConnectRouter<T extends HttpConnectRouter.Target> extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(HttpConnectRouter.class);
    static final String CODEC = "tcpmux-http-codec";
    static final String RECORDER = "tcpmux-raw-request";
    static final String NAME = "tcpmux-connect-router";

    /** The credentials a route asks for. */
    public interface Target {
        /** httpUser; empty = no authentication. */
        String httpUser();

        /** httpPassword. */
        String httpPassword();
    }

    /** Looks a host up. */
    @FunctionalInterface
    public interface Routes<T> {
        /**
         * The target for {@code host} (lower case, no port) and the user the client authenticated as
         * (empty when none), or null when no proxy serves them.
         */
        T route(String host, String httpUser);
    }

    /** Takes a routed connection. */
    @FunctionalInterface
    public interface Sink<T> {
        /**
         * {@code connection} is held (not reading, bytes after the request head kept for the relay);
         * the sink joins it to a work connection or closes it. Called on the connection's event loop.
         */
        void accept(Channel connection, String host, T target);
    }

    private final Routes<T> routes;
    private final Sink<T> sink;
    private final boolean passthrough;
    private final long timeoutMillis;
    private final byte[] notFoundPage;
    private HttpRequest request;
    private boolean decided;
    private ScheduledFuture<?> timer;

    private HttpConnectRouter(Routes<T> routes, Sink<T> sink, boolean passthrough, Duration timeout,
                              byte[] notFoundPage) {
        this.routes = Objects.requireNonNull(routes, "routes");
        this.sink = Objects.requireNonNull(sink, "sink");
        this.passthrough = passthrough;
        this.timeoutMillis = timeout.toMillis();
        this.notFoundPage = notFoundPage;
    }

    /**
     * Sets a new public connection up: the HTTP codec and the router (with passthrough also the
     * recorder that keeps the request's raw bytes). The connection must be reading (auto-read on).
     *
     * @param passthrough tcpmuxPassthrough: no 200 answer; the CONNECT request goes on to the backend
     * @param timeout     how long the client has to send its request head
     * @param notFoundPage the 404 page for unknown hosts (custom404Page), or null for ours
     */
    public static <T extends Target> void install(ChannelPipeline pipeline, Routes<T> routes, Sink<T> sink,
                                                  boolean passthrough, Duration timeout, byte[] notFoundPage) {
        if (passthrough) {
            pipeline.addLast(RECORDER, new RawRequestRecorder());
        }
        pipeline.addLast(CODEC, new HttpServerCodec());
        pipeline.addLast(NAME, new HttpConnectRouter<>(routes, sink, passthrough, timeout, notFoundPage));
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        if (timeoutMillis > 0) {
            timer = ctx.executor().schedule(() -> {
                if (!decided) {
                    decided = true;
                    log.debug("tcpmux connection from {} closed: no CONNECT request within {} ms",
                            ctx.channel().remoteAddress(), timeoutMillis);
                    ctx.close();
                }
            }, timeoutMillis, TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        cancelTimer();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (decided || !(msg instanceof HttpObject http)) {
                return;
            }
            if (http.decoderResult().isFailure()) {
                Throwable cause = http.decoderResult().cause();
                refuse(ctx, null, "unreadable request: "
                        + (cause.getMessage() == null ? cause.toString() : cause.getMessage()));
                return;
            }
            if (msg instanceof HttpRequest req) {
                request = req;
            }
            // The request is complete at its LastHttpContent (empty for a CONNECT without a body); the
            // decoder is left only then, so that nothing of the request reaches the relay.
            if (msg instanceof LastHttpContent && request != null) {
                decide(ctx, request);
            } else if (msg instanceof HttpContent && request == null) {
                refuse(ctx, null, "content without a request");
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    private void decide(ChannelHandlerContext ctx, HttpRequest req) {
        if (!HttpMethod.CONNECT.equals(req.method())) {
            refuse(ctx, null, "method " + req.method() + ", not CONNECT");
            return;
        }
        String host = canonicalHost(req.uri());
        BasicCredentials credentials = BasicCredentials.parse(req.headers().get(HttpHeaderNames.PROXY_AUTHORIZATION));
        T target = routes.route(host, credentials.user());
        if (target == null) {
            refuse(ctx, NotFoundPages.forConnect(ctx.alloc(), notFoundPage),
                    "no proxy for host [" + host + "] and user [" + credentials.user() + "]");
            return;
        }
        if (!target.httpUser().isEmpty() && !credentials.matches(target.httpUser(), target.httpPassword())) {
            refuse(ctx, ConnectResponses.proxyAuthenticationRequired(),
                    "wrong or missing credentials for host [" + host + "]");
            return;
        }
        decided = true;
        cancelTimer();
        if (!passthrough) {
            ctx.writeAndFlush(ConnectResponses.established(), ctx.voidPromise());
        }
        Channel channel = ctx.channel();
        switchToRelay(ctx);
        sink.accept(channel, host, target);
    }

    /** Leaves the connection to a relay: reading held, HTTP handlers gone, early bytes kept. */
    private void switchToRelay(ChannelHandlerContext ctx) {
        ChannelPipeline p = ctx.pipeline();
        Relay.holdUntilJoined(ctx.channel());
        p.remove(this);
        if (passthrough) {
            // The recorder's copy has every byte, request included; what the decoder still holds
            // is a part of it and is dropped on the way out.
            p.addAfter(CODEC, "tcpmux-discard", new DiscardInbound());
            p.remove(CODEC);
            p.remove("tcpmux-discard");
            ChannelHandlerContext recorder = p.context(RECORDER);
            ((RawRequestRecorder) recorder.handler()).replayAndLeave(recorder);
        } else {
            // The decoder passes on what it read beyond the request head, into the hold.
            p.remove(CODEC);
        }
    }

    /** Answers {@code response} and closes, or closes without an answer when it is null (as frps). */
    private void refuse(ChannelHandlerContext ctx, FullHttpResponse response, String why) {
        decided = true;
        cancelTimer();
        log.debug("tcpmux connection from {} refused ({}): {}", ctx.channel().remoteAddress(),
                response == null ? "closed" : response.status().code(), why);
        ctx.channel().config().setAutoRead(false);
        if (response == null) {
            ctx.close();
            return;
        }
        ctx.writeAndFlush(response).addListener(f -> LingeringClose.close(ctx.channel()));
    }

    private void cancelTimer() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.debug("tcpmux connection from {} failed: {}", ctx.channel().remoteAddress(), cause.toString());
        ctx.close();
    }

    /**
     * The host of a CONNECT target as frp compares it: lower case, without the port (a bracketed IPv6
     * address loses its brackets) and without a trailing dot. Empty when there is none.
     */
    static String canonicalHost(String authority) {
        String host = authority.trim().toLowerCase(Locale.ROOT);
        if (host.startsWith("[")) {
            int end = host.indexOf(']');
            host = end < 0 ? "" : host.substring(1, end);
        } else if (host.indexOf(':') >= 0 && host.indexOf(':') == host.lastIndexOf(':')) {
            host = host.substring(0, host.indexOf(':'));
        }
        if (host.endsWith(".")) {
            host = host.substring(0, host.length() - 1);
        }
        return host.contains("/") ? "" : host;
    }
}
