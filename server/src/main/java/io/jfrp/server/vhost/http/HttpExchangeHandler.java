package io.jfrp.server.vhost.http;

import io.jfrp.protocol.transport.LingeringClose;
import io.jfrp.protocol.transport.LoopMove;
import io.jfrp.server.vhost.NotFoundPages;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;

/**
 * Serves the requests of one public HTTP/1.1 connection, or of one HTTP/2 stream: routes each by
 * Host, path and basic-auth user ({@link HttpRouter}), checks the proxy's httpUser/httpPassword,
 * applies its header rules ({@link HeaderRules}) and forwards it as HTTP/1.1 over a work connection
 * to the proxy's local service; the response comes back the same way. Requests nobody serves get a
 * 404 page, malformed ones a 400 and the connection closed.
 *
 * <h3>Design</h3>
 * One request at a time: pipelined requests wait in order in {@link #inbound}, and the public side
 * stops reading while anything waits there ({@link ClientReading}). The work connection
 * ({@link Backend}) is kept for the next request while requests go to the same proxy and the
 * service keeps it alive; a request for another proxy closes it and takes a new one. An HTTP/2
 * stream carries one request, so one work connection at most; toward the service it is HTTP/1.1,
 * as frp sends. Parts: {@link RequestQueue}, {@link RequestRouting} (where a request goes, with
 * {@link RequestTarget}: routing and auth), {@link BackendForwarder} and {@link BackendResponses}
 * (the answer back: {@link ResponseFraming}, {@link InterimResponses} for 1xx), {@link HttpUpgrade}
 * (a relay after a 101 or a 2xx to CONNECT, as for a tcp proxy), {@link LoopMove}.
 *
 * <h3>Timeouts and errors</h3>
 * vhostHTTPTimeout bounds the wait for the response head once the request head is sent: then 504.
 * No work connection (userConnTimeout) or a service that closes before answering: 404 with the
 * not-found page (custom404Page), as frp's reverse proxy answers every error but a timeout; the log
 * says which. A failure after the response started ends the connection (HTTP/2: the stream).
 *
 * <h3>Threading</h3>
 * Everything here runs on the public channel's event loop. An HTTP/1.1 connection moves to the loop
 * of its new work connection before the first request goes out on it ({@link LoopMove}), so the
 * exchange and the work connection then share a thread (a tcpMux stream; a TCP work connection, with
 * tcpMux off, comes to this connection's loop instead when it is taken); {@link BackendForwarder} on the work
 * connection posts through {@link #execute}; messages from a backend that is no longer
 * {@link #backend} are dropped.
 *
 * <h3>Reference counting</h3>
 * Request parts are owned by the queue until written to the backend or released; response parts
 * are written to the client or released.
 */
final class HttpExchangeHandler extends ChannelInboundHandlerAdapter {
    static final String NAME = "http-exchange";
    private static final Logger log = LoggerFactory.getLogger(HttpExchangeHandler.class);

    private final HttpVhost vhost;
    private final boolean http2Stream;
    private final RequestQueue inbound = new RequestQueue();
    private ChannelHandlerContext ctx;
    private HttpExchange ex;
    private Backend backend;
    /** Close the connection once the current response is out. */
    private boolean closeAfterResponse;
    private boolean upgraded;
    private ClientWrites toClient;
    /** The service's side of the exchanges: the responses. */
    private BackendResponses responses;
    private ClientReading reading;
    /** {@link #drain()} is running. */
    private boolean draining;
    /** Closes an HTTP/1.1 connection that sends no request head in time. */
    private RequestHeadTimer headTimer;
    /** vhostHTTPTimeout: the wait for a response head once its request head is sent. */
    private ResponseHeadDeadline responseHeadTimer;
    /** The public peer's address as sent in X-Forwarded-For and X-Real-IP (made once per connection). */
    private String clientIp;

    HttpExchangeHandler(HttpVhost vhost, boolean http2Stream) {
        this.vhost = vhost;
        this.http2Stream = http2Stream;
    }

    /**
     * Runs {@code task} on the loop of the public connection (from the work connection's): the loop
     * that holds it when the task runs, should it have moved meanwhile ({@link LoopMove#execute}).
     */
    void execute(Runnable task) {
        LoopMove.execute(ctx.channel(), task);
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        this.reading = new ClientReading(ctx.channel(), !http2Stream);
        this.toClient = new ClientWrites(ctx);
        this.responses = new BackendResponses(this, ctx, http2Stream);
        makeTimers();
        headTimer.arm();
    }

    /** The timers, on the connection's loop (again after a {@link LoopMove}: schedules stay on their loop). */
    private void makeTimers() {
        // An HTTP/2 stream exists because its head arrived: no head deadline.
        this.headTimer = new RequestHeadTimer(ctx, vhost.limits().httpRequestHeadTimeout().toMillis(),
                () -> ex == null && !upgraded && inbound.isEmpty(), !http2Stream);
        this.responseHeadTimer = new ResponseHeadDeadline(ctx.executor(), vhost.options().httpTimeout().toMillis(),
                this::onHeaderTimeout);
    }

    // ---- public side ---------------------------------------------------------------------------

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        inbound.add(msg);
        drain();
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        Backend b = backend;
        if (b != null) {
            b.flush();
        }
        ctx.fireChannelReadComplete();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof ChannelInputShutdownEvent && !http2Stream && !upgraded) {
            reading.inputShut(); // what it sent is answered, then the connection closes
            closeIfInputDone();
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        Backend b = backend;
        if (ctx.channel().isWritable() && b != null && b.channel != null) {
            b.channel.config().setAutoRead(true); // the client drained: read the response on
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        cleanUp();
        ctx.fireChannelInactive();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        if (!upgraded) {
            cleanUp();
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.debug("http vhost: public connection {} failed", ctx.channel(), cause);
        ctx.close();
    }

    private void cancelTimers() {
        headTimer.cancel();
        responseHeadTimer.cancel();
    }

    private void cleanUp() {
        cancelTimers();
        inbound.releaseAll();
        ex = null;
        if (backend != null) {
            backend.close();
            backend = null;
        }
    }

    /**
     * Serves queued request parts as far as the current exchange allows. Not reentrant: what it
     * calls may end an exchange and call it again, and the running loop then simply goes on (a
     * burst of pipelined requests answered locally must not nest one call per request).
     */
    private void drain() {
        if (draining) {
            return;
        }
        draining = true;
        try {
            drainLoop();
        } finally {
            draining = false;
        }
        if (!upgraded) {
            reading.update(!inbound.isEmpty(), closeAfterResponse, ex, backend);
        }
        closeIfInputDone();
    }

    private void drainLoop() {
        while (!inbound.isEmpty() && !closeAfterResponse && !upgraded && ctx.channel().isActive()) {
            if (ex == null) {
                HttpObject o = inbound.poll();
                if (o instanceof HttpRequest req) {
                    start(req);
                } else {
                    if (o.decoderResult().isFailure()) {
                        badRequest(o.decoderResult().cause());
                    }
                    ReferenceCountUtil.release(o); // body of a request already answered
                }
                continue;
            }
            if (ex.phase == HttpExchange.Phase.DISCARDING) {
                HttpObject o = inbound.poll();
                ReferenceCountUtil.release(o);
                if (o instanceof LastHttpContent) {
                    ex.requestDone = true;
                    endExchange();
                }
                continue;
            }
            if (ex.phase != HttpExchange.Phase.SENDING) {
                break; // connecting, or the response is not complete yet
            }
            HttpObject o = inbound.poll();
            if (!(o instanceof HttpContent content) || o.decoderResult().isFailure()) {
                ReferenceCountUtil.release(o);
                abort("malformed request body from " + ctx.channel().remoteAddress());
                return;
            }
            boolean last = content instanceof LastHttpContent;
            backend.write(content);
            if (last) {
                ex.requestDone = true;
                ex.phase = HttpExchange.Phase.AWAITING_RESPONSE;
            }
            if (!backend.channel.isWritable()) {
                break; // resumes on the backend's writability change
            }
        }
        if (backend != null) {
            backend.flush(); // what this drain and start() wrote; no task when nothing was
        }
    }

    /** After a half-close: closes once the last request is answered. */
    private void closeIfInputDone() {
        if (reading.isInputShut() && !upgraded && ex == null && inbound.isEmpty() && ctx.channel().isActive()) {
            closeAfterLastWrite();
        }
    }

    /** Flushes and closes once the last write toward the client is out. */
    private void closeAfterLastWrite() {
        toClient.closeAfterLast();
    }

    /** A new request: route it, check it, then forward it or answer it. */
    private void start(HttpRequest req) {
        headTimer.disarm();
        ex = new HttpExchange(req);
        RequestRouting.Decision decision = RequestRouting.decide(vhost, req, http2Stream,
                backend != null && backend.usableFor(backend.proxy) ? backend.proxy : null, ctx.alloc());
        if (decision instanceof RequestRouting.Malformed m) {
            badRequest(m.cause());
            return;
        }
        if (decision instanceof RequestRouting.Answer a) {
            answerLocally(a.response(), false);
            return;
        }
        if (decision instanceof RequestRouting.RefuseConnect r) {
            answer(r.response(), true, false);
            return;
        }
        RequestRouting.Forward forward = (RequestRouting.Forward) decision;
        HttpRouteTarget proxy = forward.proxy();
        InetSocketAddress client = (InetSocketAddress) ctx.channel().remoteAddress();
        if (clientIp == null) {
            clientIp = client.getAddress().getHostAddress();
        }
        if (req instanceof PassedRequest passed && passes(passed, proxy)) {
            passed.forwardedFor(clientIp, forward.target().hostHeader()); // the rest of HeaderRules' work is not needed
        } else {
            HeaderRules.toBackend(req, proxy.config(), forward.target().hostHeader(), clientIp);
        }
        if (backend != null && backend.usableFor(proxy)) {
            send(req);
            return;
        }
        if (backend != null) {
            backend.close();
        }
        connect(proxy, req, client);
    }

    /**
     * Whether a head read as bytes ({@link PassedRequest}) goes to {@code proxy} as them: unless the
     * proxy rewrites Host or sets request headers, which then apply to the whole head decoded.
     */
    private static boolean passes(PassedRequest req, HttpRouteTarget proxy) {
        if (proxy.config().hostHeaderRewrite().isEmpty() && proxy.config().requestHeaders().isEmpty()) {
            return true;
        }
        req.decodeAll();
        return false;
    }

    /** Takes a work connection for {@code proxy}; the request head goes out once it is there. */
    private void connect(HttpRouteTarget proxy, HttpRequest req, InetSocketAddress client) {
        ex.phase = HttpExchange.Phase.CONNECTING;
        Backend b = new Backend(proxy);
        backend = b;
        HttpExchange forThis = ex;
        // A TCP work connection (tcpMux off) comes to this connection's loop: then neither moves again.
        InetSocketAddress local = (InetSocketAddress) ctx.channel().localAddress();
        proxy.bridge().open(client, local, ctx.channel().eventLoop(), work -> {
            b.channel = work;
            BackendForwarder.install(work, b, this);
            // Posted from the work connection's loop before anything it reads: arrives first.
            execute(() -> onBackendReady(b, req, forThis));
        }).addListener(f -> {
            if (!f.isSuccess()) {
                execute(() -> onBackendFailed(b, forThis, f.cause()));
            }
        });
    }

    private void onBackendReady(Backend b, HttpRequest req, HttpExchange forThis) {
        if (!stillWanted(b, forThis)) {
            return;
        }
        if (!http2Stream && LoopMove.worthwhile(ctx.channel(), b.channel.eventLoop())) {
            // The exchange moves to the work connection's loop: no hand-over between loops from now on.
            cancelTimers();
            Runnable then = () -> {
                makeTimers();
                if (!ctx.channel().isOpen()) {
                    cleanUp(); // a failed registration closed it, without channelInactive
                } else if (stillWanted(b, forThis)) {
                    send(req);
                }
            };
            LoopMove.move(ctx.channel(), b.channel.eventLoop(), then, cause -> {
                log.debug("http vhost: {} stays on its loop: {}", ctx.channel(), cause.toString());
                then.run();
            });
            return;
        }
        send(req);
    }

    /** Whether {@code b} still serves the current exchange {@code forThis}; closes it when not. */
    private boolean stillWanted(Backend b, HttpExchange forThis) {
        if (b != backend || ex != forThis || !ctx.channel().isActive()) {
            b.close();
            return false;
        }
        return true;
    }

    private void onBackendFailed(Backend b, HttpExchange forThis, Throwable cause) {
        if (b != backend || ex != forThis) {
            return;
        }
        backend = null;
        b.proxy.bridge().failures().warn(log, "http proxy [{}]: request from {} failed: {}", b.proxy.name(), ctx.channel().remoteAddress(),
                cause.getMessage() == null ? cause.toString() : cause.getMessage());
        if (forThis.connect) {
            answer(NotFoundPages.forConnect(ctx.alloc(), vhost.notFoundPage()), true, false); // as frps
        } else {
            answerLocally(ErrorPages.notFound(ctx.alloc(), vhost.notFoundPage()), false);
        }
        drain();
    }

    /** Sends the request head; body parts follow from {@link #drain()}. */
    private void send(HttpRequest req) {
        ex.phase = HttpExchange.Phase.SENDING;
        backend.connectSent = ex.connect;
        backend.passResponse = mayPassResponse(backend);
        responseHeadTimer.start(ex);
        backend.write(req);
        // Writes what of the body is here, and flushes it with the head: one hand-over to the work
        // connection's loop. Called from a running drain() (a request read now) it returns at once,
        // and that drain flushes when it ends.
        drain();
        if (!draining && backend != null) {
            backend.flush();
        }
    }

    /**
     * Whether the response may reach the client as the service's bytes ({@link PassedResponse}):
     * an HTTP/1.1 client that keeps the connection, a request that is neither HEAD nor an upgrade,
     * and no responseHeaders rule. The head itself decides the rest ({@link ResponseHeadScanner}).
     */
    private boolean mayPassResponse(Backend b) {
        return !http2Stream && !ex.clientHttp10 && ex.clientKeepAlive && !closeAfterResponse && !ex.head
                && !ex.mayUpgrade && b.proxy.config().responseHeaders().isEmpty();
    }

    private void onHeaderTimeout(HttpExchange late) {
        if (ex == null || ex != late || ex.responseStarted || backend == null) {
            return;
        }
        backend.proxy.bridge().failures().warn(log, "http proxy [{}]: no response head within vhostHTTPTimeout ({})",
                backend.proxy.name(), vhost.options().httpTimeout());
        backend.close();
        backend = null;
        answerLocally(ErrorPages.gatewayTimeout(ctx.alloc()), true);
    }

    // ---- backend side (posted by BackendForwarder) ---------------------------------------------

    void onBackendWritabilityChanged(Backend b) {
        if (b == backend && b.channel.isWritable()) {
            drain();
        }
    }

    void onBackendClosed(Backend b) {
        if (b != backend) {
            return;
        }
        backend = null;
        if (ex == null || ex.phase == HttpExchange.Phase.DISCARDING) {
            return;
        }
        if (!ex.responseStarted) {
            b.proxy.bridge().failures().warn(log, "http proxy [{}]: the service closed the connection without a response",
                    b.proxy.name());
            answerLocally(ErrorPages.notFound(ctx.alloc(), vhost.notFoundPage()), !ex.requestDone);
        } else {
            failResponse(); // cut off mid-response
        }
    }

    /** After 101: both sides leave HTTP and a relay joins them. */
    void onBackendUpgraded(Backend b) {
        if (b != backend || http2Stream || !ctx.channel().isActive()) {
            b.close();
            return;
        }
        upgraded = true;
        cancelTimers();
        backend = null;
        ex = null;
        inbound.releaseAll();
        log.debug("http proxy [{}]: {} switched protocols; relaying", b.proxy.name(), ctx.channel().remoteAddress());
        HttpUpgrade.switchToRelay(ctx, b.channel);
    }

    // ---- state for BackendResponses ------------------------------------------------------------

    /** Where {@link BackendForwarder} posts the response parts. */
    BackendResponses responses() {
        return responses;
    }

    /** The current exchange, or null between requests. */
    HttpExchange exchange() {
        return ex;
    }

    /** The work connection of the current exchange, or null. */
    Backend backend() {
        return backend;
    }

    /** Closes {@code b}, the current work connection, and forgets it. */
    void dropBackend(Backend b) {
        b.close();
        backend = null;
    }

    /** The response head came: vhostHTTPTimeout no longer applies. */
    void responseHeadArrived() {
        responseHeadTimer.stop();
    }

    boolean closesAfterResponse() {
        return closeAfterResponse;
    }

    /** The connection closes once the current response is out. */
    void closeAfterResponse() {
        closeAfterResponse = true;
    }

    // ---- ends ----------------------------------------------------------------------------------

    void writeToClient(Object msg) {
        toClient.write(msg, closeAfterResponse || http2Stream);
    }

    /** The current exchange is over; the connection goes on with the next request or closes. */
    void endExchange() {
        responseHeadTimer.stop();
        ex = null;
        if (closeAfterResponse || http2Stream) {
            closeAfterLastWrite();
            return;
        }
        headTimer.arm();
        drain();
    }

    /**
     * Answers the current request without a backend (404, 401, 504); the rest of its body is
     * read and dropped. The connection stays when the client wants and {@code forceClose} is false.
     */
    private void answerLocally(FullHttpResponse response, boolean forceClose) {
        answer(response, forceClose, true);
    }

    /**
     * As {@link #answerLocally}; {@code framed} false writes {@code response} as it is (no Connection
     * header, HTTP/1.1 whatever the client spoke), as frps writes on a CONNECT's connection.
     */
    private void answer(FullHttpResponse response, boolean forceClose, boolean framed) {
        responseHeadTimer.stop();
        boolean close = forceClose || closeAfterResponse || !ex.clientKeepAlive;
        if (close) {
            closeAfterResponse = true;
        }
        ex.phase = HttpExchange.Phase.DISCARDING;
        ex.responseStarted = true;
        if (framed) {
            ResponseFraming.local(ex, response, close);
        }
        writeToClient(response);
        if (close) {
            closeAfterLastWrite();
        } else {
            ctx.flush();
        }
        if (ex.requestDone) {
            endExchange();
        }
    }

    /** Malformed HTTP from the client: 400 (414/431 for what is too long) and the connection closed. */
    private void badRequest(Throwable cause) {
        vhost.malformedRequestLog().info(log, "http vhost: malformed request from {}: {}", ctx.channel().remoteAddress(),
                cause == null ? "?" : cause.getMessage());
        HttpResponseStatus status = ErrorPages.badRequestStatus(cause);
        closeAfterResponse = true;
        if (ex != null && ex.responseStarted) {
            ctx.close();
            return;
        }
        ctx.writeAndFlush(ErrorPages.malformed(ctx.alloc(), status)).addListener(f -> LingeringClose.close(ctx.channel()));
    }

    /** Breaks off the exchange when nothing sensible can be sent any more. */
    private void abort(String why) {
        vhost.malformedRequestLog().info(log, "http vhost: {}", why);
        if (ex != null && !ex.responseStarted) {
            badRequest(null);
        } else {
            ctx.close();
        }
    }

    /** The response cannot be completed: frp's 404 page if nothing was sent yet, else the connection ends. */
    void failResponse() {
        if (backend != null) {
            backend.close();
            backend = null;
        }
        if (ex != null && !ex.responseStarted) {
            answerLocally(ErrorPages.notFound(ctx.alloc(), vhost.notFoundPage()), true);
        } else {
            ctx.close();
        }
    }
}
