package io.jfrp.protocol.relay;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;

import java.util.ArrayDeque;

/**
 * Holds what a channel delivers before its relay exists (bytes a decoder had buffered, a read
 * already in flight, data and FIN a transport delivers regardless of auto-read), then hands it on
 * in order when the relay is joined, and leaves. Reading is off meanwhile, so it holds at most a
 * read's worth.
 */
final class RelayHold extends ChannelInboundHandlerAdapter {
    private final ArrayDeque<Object> held = new ArrayDeque<>();
    private final ArrayDeque<Object> events = new ArrayDeque<>();

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        held.add(msg);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        // An input shutdown before the relay exists must reach it after the held bytes.
        events.add(evt);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        // Held: the relay sees one read-complete when the held bytes are released.
    }

    /**
     * Passes everything held to the handlers behind this one, in order, and leaves the pipeline.
     * What those handlers do can make the channel read again at once (a relay resumes reading when
     * its peer drains), delivering into this handler while it is still here: the loop runs until
     * nothing is left, so such bytes go on in order instead of being dropped with the handler.
     */
    void release(ChannelHandlerContext ctx) {
        do {
            Object msg;
            boolean any = false;
            while ((msg = held.poll()) != null) {
                ctx.fireChannelRead(msg);
                any = true;
            }
            if (any) {
                ctx.fireChannelReadComplete();
            }
            while (held.isEmpty() && (msg = events.poll()) != null) {
                ctx.fireUserEventTriggered(msg);
            }
        } while (!held.isEmpty() || !events.isEmpty());
        ctx.pipeline().remove(this);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        Object msg;
        while ((msg = held.poll()) != null) {
            ReferenceCountUtil.release(msg);
        }
    }
}
