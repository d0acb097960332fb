package io.jfrp.client.plugin;

import io.jfrp.web.LoopDeadline;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpRequestDecoder;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ByteProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The request decoder of the client plugins' HTTP/1.1 servers (static_file, http_proxy, the http2http
 * family), with the keep-alive rule of Go's {@code http.Server} when frp sets only
 * {@code ReadHeaderTimeout} (60 s) and no {@code IdleTimeout}:
 * <ul>
 * <li>a request's head must be whole within the head deadline, which runs from the connection's start
 * (its handler's addition) for the first request and from the first bytes of each later one;</li>
 * <li>between requests there is no deadline: an idle keep-alive connection waits for its next request
 * as long as its client keeps it open, and holds no timer meanwhile;</li>
 * <li>the client's end of its sending (its FIN: a work connection allows half closure) is recorded
 * ({@link #inputEnded}); the handler behind closes the connection once nothing it has read is left to
 * answer, as no further request can come.</li>
 * </ul>
 * After the first request, the deadline is armed only for a head that is not whole in the bytes at
 * hand (a head read whole costs no timer), including one that follows a request's end in the same
 * read (pipelined). A request body has no deadline (frp sets no ReadTimeout).
 *
 * <h3>Threading</h3>
 * The connection's event loop.
 */
public final class KeepAliveRequestDecoder extends HttpRequestDecoder {
    /** frp's ReadHeaderTimeout of its plugins' servers. */
    public static final long HEAD_TIMEOUT_MILLIS = TimeUnit.SECONDS.toMillis(60);
    private static final Logger log = LoggerFactory.getLogger(KeepAliveRequestDecoder.class);

    private final String proxyName;
    private final long headTimeoutMillis;
    private final LoopDeadline headDeadline = new LoopDeadline();
    /** The last request has been read to its end (or none has begun): the next bytes begin a request. */
    private boolean betweenRequests = true;
    private boolean inputEnded;

    /**
     * @param config            the decoder's limits (line, header and chunk sizes)
     * @param proxyName         the proxy, for log lines
     * @param headTimeoutMillis the head deadline ({@link #HEAD_TIMEOUT_MILLIS}; shorter in tests)
     */
    public KeepAliveRequestDecoder(HttpDecoderConfig config, String proxyName, long headTimeoutMillis) {
        super(config);
        this.proxyName = proxyName;
        this.headTimeoutMillis = headTimeoutMillis;
    }

    /** Whether the client has ended its sending: no request comes after those already read. */
    public boolean inputEnded() {
        return inputEnded;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) throws Exception {
        armHeadDeadline(ctx);
        super.handlerAdded(ctx);
    }

    @Override
    protected void handlerRemoved0(ChannelHandlerContext ctx) throws Exception {
        headDeadline.disarm();
        super.handlerRemoved0(ctx);
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf buffer, List<Object> out) throws Exception {
        // Line ends between requests are skipped (a CRLF after a POST body, RFC 9112 2.2), not a request.
        boolean begins = betweenRequests && buffer.forEachByte(ByteProcessor.FIND_NON_CRLF) != -1;
        int before = out.size();
        super.decode(ctx, buffer, out);
        for (int i = before; i < out.size(); i++) {
            Object decoded = out.get(i);
            if (decoded instanceof HttpRequest) {
                headDeadline.disarm();
                betweenRequests = false;
            }
            if (decoded instanceof LastHttpContent) {
                betweenRequests = true;
            }
        }
        if (begins && out.size() == before && !headDeadline.armed()) {
            armHeadDeadline(ctx); // a head has begun and is not whole yet
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof ChannelInputShutdownEvent) {
            inputEnded = true;
        }
        super.userEventTriggered(ctx, evt);
    }

    private void armHeadDeadline(ChannelHandlerContext ctx) {
        headDeadline.arm(ctx.executor(), headTimeoutMillis, TimeUnit.MILLISECONDS, () -> {
            log.debug("[{}] no whole request head within {} ms, closing {}", proxyName, headTimeoutMillis,
                    ctx.channel());
            ctx.channel().close();
        });
    }
}
