package io.jfrp.protocol.codec;

import io.jfrp.protocol.msg.Message;
import io.jfrp.protocol.msg.UdpPacket;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;

/**
 * Encodes {@link Message}s as frp v1 frames. A message whose JSON body would exceed
 * {@link MessageCodec#MAX_BODY_LENGTH} fails its write promise (an {@code EncoderException} caused by
 * an {@link IllegalArgumentException}) instead of sending a frame every stock peer refuses.
 *
 * <p>Stateless and {@link ChannelHandler.Sharable sharable}.
 */
@ChannelHandler.Sharable
public final class MessageFrameEncoder extends MessageToByteEncoder<Message> {
    /** A shared instance. */
    public static final MessageFrameEncoder INSTANCE = new MessageFrameEncoder();

    public MessageFrameEncoder() {
        super(Message.class);
    }

    /** A UDPPacket's frame is sized to fit at once (a 1,200-byte datagram's is some 1,700 bytes). */
    @Override
    protected ByteBuf allocateBuffer(ChannelHandlerContext ctx, Message msg, boolean preferDirect) throws Exception {
        if (msg instanceof UdpPacket packet) {
            int size = MessageCodec.HEADER_LENGTH + UdpPacketJson.sizeHint(packet.contentLength());
            return preferDirect ? ctx.alloc().ioBuffer(size) : ctx.alloc().heapBuffer(size);
        }
        return super.allocateBuffer(ctx, msg, preferDirect);
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, Message msg, ByteBuf out) {
        MessageCodec.encode(msg, out);
    }
}
