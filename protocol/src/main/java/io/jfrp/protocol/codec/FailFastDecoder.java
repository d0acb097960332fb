package io.jfrp.protocol.codec;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;

import java.util.List;

/**
 * A decoder of a stream that has lost its framing after its first error: v1's
 * {@link MessageFrameDecoder}, and wire protocol v2's frame and AEAD record decoders.
 *
 * <h3>Error handling</h3>
 * When {@link #decodeOne} throws the decoder's error type, everything buffered is discarded, the
 * error goes on down the pipeline (the channel's owner is expected to close the channel) and every
 * byte that arrives later is discarded unread. A stream that ends with bytes left over, inside a unit
 * the subclass has not finished decoding, fails with the subclass's {@link #truncated} error.
 *
 * <p>Not sharable. Event loop only.
 */
public abstract class FailFastDecoder extends ByteToMessageDecoder {
    private final Class<? extends RuntimeException> errorType;
    private boolean failed;

    /** @param errorType the exception type {@link #decodeOne} reports bad input with */
    protected FailFastDecoder(Class<? extends RuntimeException> errorType) {
        this.errorType = errorType;
    }

    /**
     * Decodes at most one unit (frame or record) from {@code in}, consuming only its bytes, and adds
     * what it yields to {@code out}; returns without consuming when the unit is not complete yet.
     */
    protected abstract void decodeOne(ChannelHandlerContext ctx, ByteBuf in, List<Object> out);

    /**
     * The error for a stream that ended inside a unit; {@code in} holds the unit's bytes received so
     * far (read them, do not consume them).
     */
    protected abstract RuntimeException truncated(ByteBuf in);

    @Override
    protected final void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (failed) {
            in.skipBytes(in.readableBytes());
            return;
        }
        try {
            decodeOne(ctx, in, out);
        } catch (RuntimeException e) {
            if (errorType.isInstance(e)) {
                discard(in);
            }
            throw e;
        }
    }

    @Override
    protected final void decodeLast(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        decode(ctx, in, out);
        if (!failed && in.isReadable()) {
            RuntimeException e = truncated(in);
            discard(in);
            throw e;
        }
    }

    /**
     * Removes and returns the bytes received but not yet decoded, for a pipeline switch that must
     * route them through a new layer first ({@link FramingDecoder#takeBuffered}). The caller owns the
     * returned buffer. Event loop only.
     */
    public ByteBuf takeBuffered() {
        ByteBuf buffered = internalBuffer();
        return buffered.readRetainedSlice(buffered.readableBytes());
    }

    private void discard(ByteBuf in) {
        failed = true;
        in.skipBytes(in.readableBytes());
    }
}
