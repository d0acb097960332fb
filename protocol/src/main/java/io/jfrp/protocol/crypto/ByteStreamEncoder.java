package io.jfrp.protocol.crypto;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.UnsupportedMessageTypeException;
import io.netty.util.ReferenceCountUtil;

/**
 * An outbound handler that encrypts a byte stream buffer by buffer: frp's AES-128-CFB
 * ({@link CryptoEncoder}) and wire protocol v2's AEAD records ({@code AeadRecordEncoder}).
 *
 * <h3>Messages</h3>
 * Only {@link ByteBuf}s; anything else (a {@code FileRegion}, say) is released and fails its promise
 * with an {@link UnsupportedMessageTypeException} rather than reaching the wire unencrypted. When
 * {@link #encode} throws, the write's promise fails with that error.
 *
 * <h3>Reference counting</h3>
 * Each written buffer is released once {@link #encode} has read it; what {@code encode} returns is
 * written in its place with the same promise.
 *
 * <p>Not sharable: subclasses hold one direction's cipher state. Event loop only.
 */
public abstract class ByteStreamEncoder extends ChannelOutboundHandlerAdapter {
    @Override
    public final void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (!(msg instanceof ByteBuf in)) {
            ReferenceCountUtil.release(msg);
            promise.setFailure(new UnsupportedMessageTypeException(msg, ByteBuf.class));
            return;
        }
        ByteBuf out;
        try {
            out = encode(ctx, in);
        } catch (Throwable t) {
            promise.setFailure(t);
            return;
        } finally {
            in.release();
        }
        ctx.write(out, promise);
    }

    /**
     * The buffer to write instead of {@code in}: a new one, or {@code in} retained. {@code in} is
     * released by the caller; a buffer allocated here is released here if this throws.
     */
    protected abstract ByteBuf encode(ChannelHandlerContext ctx, ByteBuf in);
}
