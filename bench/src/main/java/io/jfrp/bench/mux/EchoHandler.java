package io.jfrp.bench.mux;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;

/**
 * Echoes everything back; on the peer's FIN (after all data was read) half-closes. Back-pressure:
 * reading stops while the channel is not writable, so with yamux the peer is held to its window.
 */
final class EchoHandler extends ChannelInboundHandlerAdapter {
    private boolean finishing;

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ctx.write(msg, ctx.voidPromise());
        if (!ctx.channel().isWritable()) {
            ctx.flush();
            if (!ctx.channel().isWritable()) {
                ctx.channel().config().setAutoRead(false);
            }
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        ctx.flush();
        ctx.fireChannelReadComplete();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (ctx.channel().isWritable() && !ctx.channel().config().isAutoRead()) {
            ctx.channel().config().setAutoRead(true);
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof ChannelInputShutdownEvent && !finishing) {
            finishing = true;
            StreamIo.shutdownOutputAfterWrites(ctx.channel());
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        PeerLog.debug("echo stream %s failed: %s", StreamIo.id(ctx.channel()), cause);
        ctx.close();
    }
}
