package io.jfrp.protocol.websocket;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.PromiseCombiner;

/**
 * frp's websocket transport as a byte stream: the layers above (TLS, yamux, frp's messages) read and
 * write plain {@link ByteBuf}s, this handler turns them into WebSocket frames and back. Sits right
 * after Netty's WebSocket frame codec, once the upgrade is done, on both programs.
 *
 * <h3>Frames</h3>
 * <ul>
 *   <li>Written: binary frames (frp 0.70 and later; a text frame must be UTF-8, which a tunnel's bytes are
 *   not, and RFC 6455 intermediaries check it), at most {@link #MAX_WRITTEN_FRAME} bytes of payload
 *   each, so the peer never needs a large buffer for one frame.</li>
 *   <li>Read: binary, text (frp before 0.70 wrote text frames) and continuation frames alike, their
 *   payload passed on as it is; pings are answered with a pong (a pong is dropped); a close frame is
 *   answered with a close frame and ends the connection, as an end of stream does.</li>
 * </ul>
 *
 * <p>Not sharable: one per connection. Event loop only, as any handler.
 */
public final class WebSocketByteStream extends ChannelDuplexHandler {
    /** frp's websocket path on bindPort. */
    public static final String PATH = "/~!frp";
    /** Largest payload of a frame this handler writes: larger writes are cut into frames of this size. */
    public static final int MAX_WRITTEN_FRAME = 64 * 1024;
    /**
     * Largest frame payload either program accepts: the WebSocket decoder holds a whole frame before
     * passing it on, so this bounds the memory one connection can make it hold. Stock frp writes what
     * one write to its connection carries: a TLS record, a yamux header or data chunk (frp copies
     * through 16 KiB buffers), a message; far below this.
     */
    public static final int MAX_READ_FRAME = 1024 * 1024;

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof WebSocketFrame frame)) {
            ctx.fireChannelRead(msg);
            return;
        }
        if (frame instanceof BinaryWebSocketFrame || frame instanceof TextWebSocketFrame
                || frame instanceof ContinuationWebSocketFrame) {
            ByteBuf payload = frame.content();
            if (payload.isReadable()) {
                ctx.fireChannelRead(payload);
            } else {
                payload.release();
            }
        } else if (frame instanceof PingWebSocketFrame ping) {
            ctx.writeAndFlush(new PongWebSocketFrame(ping.content()));
        } else if (frame instanceof CloseWebSocketFrame close) {
            ctx.writeAndFlush(close).addListener(ChannelFutureListener.CLOSE);
        } else {
            ReferenceCountUtil.release(frame); // pong
        }
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (!(msg instanceof ByteBuf buf)) {
            ctx.write(msg, promise);
            return;
        }
        if (!buf.isReadable()) {
            buf.release();
            promise.trySuccess();
            return;
        }
        if (buf.readableBytes() <= MAX_WRITTEN_FRAME) {
            ctx.write(new BinaryWebSocketFrame(buf), promise);
            return;
        }
        PromiseCombiner all = new PromiseCombiner(ctx.executor());
        try {
            while (buf.isReadable()) {
                int n = Math.min(MAX_WRITTEN_FRAME, buf.readableBytes());
                all.add(ctx.write(new BinaryWebSocketFrame(buf.readRetainedSlice(n))));
            }
        } finally {
            buf.release();
        }
        all.finish(promise);
    }
}
