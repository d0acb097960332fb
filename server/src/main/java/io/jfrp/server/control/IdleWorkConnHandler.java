package io.jfrp.server.control;

import io.jfrp.server.proxy.WorkConnBridge;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * On a pooled work connection (named {@link WorkConnBridge#IDLE_HANDLER}): nothing is expected from
 * the client until the server sends StartWorkConn, so anything that comes closes the connection. The
 * bridge takes it out when it starts the connection.
 */
@ChannelHandler.Sharable
final class IdleWorkConnHandler extends ChannelInboundHandlerAdapter {
    static final IdleWorkConnHandler INSTANCE = new IdleWorkConnHandler();
    private static final Logger log = LoggerFactory.getLogger(IdleWorkConnHandler.class);

    private IdleWorkConnHandler() {
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ReferenceCountUtil.release(msg);
        log.info("closing work connection {}: unexpected message before StartWorkConn", ctx.channel());
        ctx.close();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
