package io.jfrp.protocol.wire;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;

/**
 * Client side of a v2 work or visitor connection: writes the 7-byte magic as soon as the channel is
 * active, before the first message (NewWorkConn, NewVisitorConn) that the handlers behind it write,
 * and leaves the pipeline. No hello and no AEAD follow on these connections.
 *
 * <p>Not sharable. Event loop only.
 */
final class MagicWriter extends WhenActive {
    @Override
    protected void onActive(ChannelHandlerContext ctx) {
        ByteBuf magic = ctx.alloc().buffer(WireFrames.MAGIC_LENGTH);
        WireFrames.writeMagic(magic);
        ctx.writeAndFlush(magic).addListener(ChannelFutureListener.FIRE_EXCEPTION_ON_FAILURE);
        ctx.pipeline().remove(this);
    }
}
