package io.jfrp.server.vhost.tcpmux;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * Keeps a copy of every byte a connection delivers, in front of the HTTP decoder, so that with
 * {@code tcpmuxPassthrough} the CONNECT request can be passed on to the backend exactly as the client
 * wrote it. Lives only until the request is routed: reading is bounded by the decoder's header
 * limits, so the copy is at most a request head and one read beyond it.
 */
final class RawRequestRecorder extends ChannelInboundHandlerAdapter {
    private CompositeByteBuf copy;

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof ByteBuf buf) {
            if (copy == null) {
                copy = ctx.alloc().compositeBuffer(Integer.MAX_VALUE);
            }
            copy.addComponent(true, buf.retainedDuplicate());
        }
        ctx.fireChannelRead(msg);
    }

    /** Sends the copy on to the handlers behind this one, then leaves the pipeline. */
    void replayAndLeave(ChannelHandlerContext ctx) {
        CompositeByteBuf out = copy;
        copy = null;
        if (out != null && out.isReadable()) {
            ctx.fireChannelRead(out);
            ctx.fireChannelReadComplete();
        } else if (out != null) {
            out.release();
        }
        ctx.pipeline().remove(this);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        if (copy != null) {
            copy.release();
            copy = null;
        }
    }
}
