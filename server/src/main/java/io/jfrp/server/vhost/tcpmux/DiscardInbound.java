package io.jfrp.server.vhost.tcpmux;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;

/**
 * Drops what reaches it: placed for a moment behind the HTTP decoder while it leaves the pipeline
 * in passthrough mode, where the bytes the decoder still holds are already in the
 * {@link RawRequestRecorder}'s copy and must not be sent twice.
 */
final class DiscardInbound extends ChannelInboundHandlerAdapter {
    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ReferenceCountUtil.release(msg);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        // Nothing was passed on.
    }
}
