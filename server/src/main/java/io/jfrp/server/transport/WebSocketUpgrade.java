package io.jfrp.server.transport;

import io.jfrp.protocol.transport.LingeringClose;
import io.jfrp.protocol.websocket.WebSocketByteStream;
import io.jfrp.server.security.PreAuthLog;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * frp's WebSocket transport on jfrps' bindPort: the HTTP upgrade of {@code GET /~!frp} (Netty's
 * {@link WebSocketServerProtocolHandler}), then the connection's frames are a byte stream again
 * ({@link WebSocketByteStream}: binary written, binary and text read) for the layers above: TLS if the
 * client puts it inside, yamux, frp's messages.
 *
 * <h3>Limits</h3>
 * The request head must be complete and the upgrade done within {@link #UPGRADE_TIMEOUT_SECONDS}
 * (stock frps allows 60 s); a request head above {@link #MAX_REQUEST} bytes, another path (404) or
 * a request that is no WebSocket upgrade (400) closes the connection. Frames above
 * {@link WebSocketByteStream#MAX_READ_FRAME} bytes close it too.
 */
final class WebSocketUpgrade extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(WebSocketUpgrade.class);
    static final int UPGRADE_TIMEOUT_SECONDS = 10;
    /** An upgrade request carries a dozen short headers. */
    static final int MAX_REQUEST = 8192;
    /** Frames a client may send right behind its request, before the upgrade is done on this side. */
    private static final int MAX_EARLY_FRAMES = 16;

    private final Consumer<ChannelHandlerContext> upgraded;
    /** Frames decoded before the handshake's completion event (the client wrote right behind its request). */
    private final List<Object> early = new ArrayList<>();
    private ScheduledFuture<?> deadline;

    private WebSocketUpgrade(Consumer<ChannelHandlerContext> upgraded) {
        this.upgraded = upgraded;
    }

    /**
     * Adds the upgrade after {@code ctx}; {@code upgraded} is called with the context of the
     * {@link WebSocketByteStream} once the connection carries frp's bytes in frames.
     */
    static void install(ChannelHandlerContext ctx, Consumer<ChannelHandlerContext> upgraded) {
        WebSocketServerProtocolConfig config = WebSocketServerProtocolConfig.newBuilder()
                .websocketPath(WebSocketByteStream.PATH)
                .checkStartsWith(false)
                .handshakeTimeoutMillis(TimeUnit.SECONDS.toMillis(UPGRADE_TIMEOUT_SECONDS))
                .dropPongFrames(true)
                .decoderConfig(WebSocketDecoderConfig.newBuilder()
                        .maxFramePayloadLength(WebSocketByteStream.MAX_READ_FRAME)
                        .allowExtensions(false)
                        .withUTF8Validator(false) // frp before 0.70 sent its bytes in text frames
                        .build())
                .build();
        ChannelPipeline p = ctx.pipeline();
        p.addAfter(ctx.name(), "ws-http", new HttpServerCodec(4096, MAX_REQUEST, MAX_REQUEST));
        p.addAfter("ws-http", "ws-aggregator", new HttpObjectAggregator(0));
        p.addAfter("ws-aggregator", "ws-protocol", new WebSocketServerProtocolHandler(config));
        p.addAfter("ws-protocol", "ws-upgrade", new WebSocketUpgrade(upgraded));
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        deadline = ctx.executor().schedule(() -> {
            PreAuthLog.info(log, ctx.channel(), "closing {}: no WebSocket upgrade within {} s", ctx.channel().remoteAddress(),
                    UPGRADE_TIMEOUT_SECONDS);
            ctx.close();
        }, UPGRADE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        deadline.cancel(false);
        early.forEach(ReferenceCountUtil::release);
        early.clear();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof WebSocketServerProtocolHandler.HandshakeComplete) {
            ctx.pipeline().addAfter(ctx.name(), "websocket", new WebSocketByteStream());
            upgraded.accept(ctx.pipeline().context("websocket"));
            for (Object frame : early) {
                ctx.fireChannelRead(frame);
            }
            early.clear();
            ctx.pipeline().remove(this);
            return;
        }
        if (evt == WebSocketServerProtocolHandler.ServerHandshakeStateEvent.HANDSHAKE_TIMEOUT) {
            ctx.close();
            return;
        }
        super.userEventTriggered(ctx, evt);
    }

    /** A request for another path (Netty's handler passes it on): 404, as frps' mux answers. */
    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof FullHttpRequest request) {
            PreAuthLog.info(log, ctx.channel(), "closing {}: HTTP request for {} on bindPort, not frp's {}", ctx.channel().remoteAddress(),
                    request.uri(), WebSocketByteStream.PATH);
            ReferenceCountUtil.release(msg);
            DefaultFullHttpResponse notFound = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                    HttpResponseStatus.NOT_FOUND, Unpooled.copiedBuffer("404 page not found\n", StandardCharsets.UTF_8));
            notFound.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8")
                    .setInt(HttpHeaderNames.CONTENT_LENGTH, notFound.content().readableBytes())
                    .set(HttpHeaderNames.CONNECTION, "close");
            ctx.writeAndFlush(notFound).addListener(f -> LingeringClose.close(ctx.channel()));
            return;
        }
        if (msg instanceof WebSocketFrame && early.size() < MAX_EARLY_FRAMES) {
            early.add(msg);
            return;
        }
        ReferenceCountUtil.release(msg);
        ctx.close();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        PreAuthLog.info(log, ctx.channel(), "closing {}: WebSocket upgrade failed: {}", ctx.channel().remoteAddress(), cause.toString());
        ctx.close();
    }
}
