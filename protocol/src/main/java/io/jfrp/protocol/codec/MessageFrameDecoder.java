package io.jfrp.protocol.codec;

import io.jfrp.protocol.msg.MessageType;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;

import java.util.List;

/**
 * Decodes frp v1 frames into {@link io.jfrp.protocol.msg.Message}s.
 *
 * <h3>Validation</h3>
 * Checked as soon as the bytes are there, in wire order: an unknown type byte is refused on its own,
 * a negative length or one above {@link MessageCodec#MAX_BODY_LENGTH} as soon as the 9-byte header
 * is complete, so at most one header plus {@code MAX_BODY_LENGTH} bytes are ever buffered. A
 * malformed JSON body is refused after it arrives. Each failure is a {@link MessageFrameException};
 * after one the decoder discards everything (the stream has lost its framing) and the owner of the
 * channel is expected to close it. A stream that ends inside a frame is reported as
 * {@code TRUNCATED}.
 *
 * <h3>Switching layers</h3>
 * Exactly one message is decoded per step and only its own bytes are consumed, so a handler that
 * reacts to a message (LoginResp, StartWorkConn) can change the pipeline and the bytes still buffered
 * here are handed on intact; see {@link io.jfrp.protocol.FrpPipelines}.
 *
 * <p>Not sharable: it holds the partial frame of one channel.
 */
public final class MessageFrameDecoder extends FailFastDecoder implements FramingDecoder {
    /** A decoder for a new stream. */
    public MessageFrameDecoder() {
        super(MessageFrameException.class);
    }

    @Override
    protected void decodeOne(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (!in.isReadable()) {
            return;
        }
        int start = in.readerIndex();
        MessageType type = MessageCodec.checkType(in.getUnsignedByte(start));
        if (in.readableBytes() < MessageCodec.HEADER_LENGTH) {
            return;
        }
        long length = in.getLong(start + 1);
        MessageCodec.checkLength(type, length);
        if (in.readableBytes() < MessageCodec.HEADER_LENGTH + length) {
            return;
        }
        in.skipBytes(MessageCodec.HEADER_LENGTH);
        ByteBuf body = in.readSlice((int) length);
        out.add(MessageCodec.decodeBody(type, body));
    }

    @Override
    public MessageFrameDecoder successor() {
        return new MessageFrameDecoder();
    }

    @Override
    protected MessageFrameException truncated(ByteBuf in) {
        int typeByte = in.getUnsignedByte(in.readerIndex());
        long length = in.readableBytes() >= MessageCodec.HEADER_LENGTH ? in.getLong(in.readerIndex() + 1) : -1;
        long available = Math.max(0, in.readableBytes() - MessageCodec.HEADER_LENGTH);
        return MessageFrameException.truncated(typeByte, length, available);
    }
}
