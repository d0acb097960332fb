package io.jfrp.protocol.wire;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * A handler that acts once, as soon as its channel is active: when it is added to an active channel
 * (a yamux stream, a connection set up after TLS), or else on {@code channelActive} (a connection
 * still dialling), before the handlers behind it see that event. So what {@link #onActive} writes
 * goes out ahead of anything they write. The base of the handlers that speak first on a connection
 * (the v2 magic, the ClientHello), and of the tests' own clients that do.
 *
 * <p>Not sharable. Event loop only.
 */
public abstract class WhenActive extends ChannelInboundHandlerAdapter {
    private boolean done;

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        if (ctx.channel().isActive()) {
            once(ctx);
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        once(ctx);
        ctx.fireChannelActive();
    }

    private void once(ChannelHandlerContext ctx) {
        if (!done) {
            done = true;
            onActive(ctx);
        }
    }

    /** Called once, on the event loop, when the channel is active. */
    protected abstract void onActive(ChannelHandlerContext ctx);
}
