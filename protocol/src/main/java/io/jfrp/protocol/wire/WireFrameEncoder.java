package io.jfrp.protocol.wire;

import io.jfrp.protocol.msg.Message;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;

/**
 * Encodes {@link Message}s as v2 Message frames and {@link HelloFrame}s as ClientHello/ServerHello
 * frames ({@link WireFrames}); other objects (the magic as a {@code ByteBuf}, say) pass through. A
 * message whose payload would exceed {@link WireFrames#MAX_PAYLOAD_LENGTH} fails its write promise
 * (an {@code EncoderException} caused by an {@link IllegalArgumentException}) instead of sending a
 * frame every stock peer refuses.
 *
 * <p>Stateless and {@link ChannelHandler.Sharable sharable}.
 */
@ChannelHandler.Sharable
public final class WireFrameEncoder extends MessageToByteEncoder<Object> {
    /** A shared instance. */
    public static final WireFrameEncoder INSTANCE = new WireFrameEncoder();

    private WireFrameEncoder() {
    }

    @Override
    public boolean acceptOutboundMessage(Object msg) {
        return msg instanceof Message || msg instanceof HelloFrame;
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, Object msg, ByteBuf out) {
        if (msg instanceof HelloFrame hello) {
            WireFrames.encodeHello(hello, out);
        } else {
            WireFrames.encodeMessage((Message) msg, out);
        }
    }
}
