package io.jfrp.protocol.codec;

import io.jfrp.protocol.msg.MessageType;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;

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
public final class MessageFrameDecoder extends ByteToMessageDecoder implements FramingDecoder {
    private boolean failed;

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (failed) {
            in.skipBytes(in.readableBytes());
            return;
        }
        if (!in.isReadable()) {
            return;
        }
        int start = in.readerIndex();
        int typeByte = in.getUnsignedByte(start);
        try {
            MessageType type = MessageCodec.checkType(typeByte);
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
        } catch (MessageFrameException e) {
            failed = true;
            in.skipBytes(in.readableBytes());
            throw e;
        }
    }

    /**
     * Removes and returns the bytes received but not yet decoded, for a pipeline switch that must
     * route them through a new layer first. The caller owns the returned buffer. Event loop only.
     */
    @Override
    public ByteBuf takeBuffered() {
        ByteBuf buffered = internalBuffer();
        return buffered.readRetainedSlice(buffered.readableBytes());
    }

    @Override
    public MessageFrameDecoder successor() {
        return new MessageFrameDecoder();
    }

    @Override
    protected void decodeLast(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) throws Exception {
        decode(ctx, in, out);
        if (!failed && in.isReadable()) {
            int typeByte = in.getUnsignedByte(in.readerIndex());
            long length = in.readableBytes() >= MessageCodec.HEADER_LENGTH ? in.getLong(in.readerIndex() + 1) : -1;
            long available = Math.max(0, in.readableBytes() - MessageCodec.HEADER_LENGTH);
            failed = true;
            in.skipBytes(in.readableBytes());
            throw MessageFrameException.truncated(typeByte, length, available);
        }
    }
}
