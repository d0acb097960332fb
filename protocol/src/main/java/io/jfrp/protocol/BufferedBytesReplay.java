package io.jfrp.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * Hands bytes that an earlier layer had already buffered to the handlers behind it, once, and then
 * leaves the pipeline. Used when a layer is inserted below framing mid-stream: the bytes the frame
 * decoder held are the first bytes of the new layer.
 */
final class BufferedBytesReplay extends ChannelInboundHandlerAdapter {
    private ByteBuf buffered;

    BufferedBytesReplay(ByteBuf buffered) {
        this.buffered = buffered;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        ByteBuf bytes = buffered;
        buffered = null;
        try {
            ctx.fireChannelRead(bytes);
            ctx.fireChannelReadComplete();
        } finally {
            ctx.pipeline().remove(this);
        }
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        if (buffered != null) {
            // Removed before it was ever added to a registered channel.
            buffered.release();
            buffered = null;
        }
    }
}
