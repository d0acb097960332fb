package io.jfrp.protocol.wire;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * Client side of a v2 work or visitor connection: writes the 7-byte magic as soon as the channel is
 * active, before the first message (NewWorkConn, NewVisitorConn) that the handlers behind it write,
 * and leaves the pipeline. No hello and no AEAD follow on these connections.
 *
 * <p>Not sharable. Event loop only.
 */
final class MagicWriter extends ChannelInboundHandlerAdapter {
    private boolean written;

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        if (ctx.channel().isActive()) {
            writeMagic(ctx);
            ctx.pipeline().remove(this);
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        writeMagic(ctx);
        ctx.pipeline().remove(this);
        ctx.fireChannelActive();
    }

    private void writeMagic(ChannelHandlerContext ctx) {
        if (written) {
            return;
        }
        written = true;
        ByteBuf magic = ctx.alloc().buffer(WireFrames.MAGIC_LENGTH);
        WireFrames.writeMagic(magic);
        ctx.writeAndFlush(magic).addListener(ChannelFutureListener.FIRE_EXCEPTION_ON_FAILURE);
    }
}
