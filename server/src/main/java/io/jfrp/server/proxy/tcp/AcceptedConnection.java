package io.jfrp.server.proxy.tcp;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

import java.util.function.Consumer;

/**
 * The child handler of a tcp port's listener (a proxy's own, or a load-balancing group's): it leaves
 * each accepted connection's pipeline as the connection becomes active and hands the connection
 * (reading still off) to {@code serve}, on its event loop. Stateless, so one serves all.
 */
@ChannelHandler.Sharable
final class AcceptedConnection extends ChannelInboundHandlerAdapter {
    private final Consumer<Channel> serve;

    AcceptedConnection(Consumer<Channel> serve) {
        this.serve = serve;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        ctx.pipeline().remove(this);
        serve.accept(ctx.channel());
    }
}
