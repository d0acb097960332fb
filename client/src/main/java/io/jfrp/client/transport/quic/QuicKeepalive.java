package io.jfrp.client.transport.quic;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.quic.QuicChannel;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * transport.quic.keepalivePeriod for jfrpc's QUIC connection. quic-go (stock frp) sends a PING frame
 * after that much time; Netty's QUIC (quiche) has no call that sends a PING, so this sends the
 * smallest ack-eliciting frame it can: a one-byte DATAGRAM (RFC 9221), which keeps both ends' idle
 * timers from expiring exactly as a PING does (it is acknowledged, and the peer counts it as activity).
 * Only when the server said it takes DATAGRAM frames (jfrps does; stock frps does not, and it sends
 * PINGs itself, which keep this side alive too). Datagrams the server sends are dropped.
 *
 * <p>Sits in the QUIC connection's pipeline. Not sharable. Event loop only.
 */
final class QuicKeepalive extends ChannelInboundHandlerAdapter {
    private final Duration period;
    private ScheduledFuture<?> timer;

    QuicKeepalive(Duration period) {
        this.period = period;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        start(ctx);
        ctx.fireChannelActive();
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        if (ctx.channel().isActive()) {
            start(ctx);
        }
    }

    private void start(ChannelHandlerContext ctx) {
        if (timer != null || period.isZero()) {
            return;
        }
        long ms = period.toMillis();
        timer = ctx.executor().scheduleAtFixedRate(() -> ping(ctx), ms, ms, TimeUnit.MILLISECONDS);
    }

    private static void ping(ChannelHandlerContext ctx) {
        if (QuicPeerDatagrams.peerTakesDatagrams((QuicChannel) ctx.channel())) {
            ctx.writeAndFlush(Unpooled.wrappedBuffer(new byte[] {0}));
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof ByteBuf) {
            ReferenceCountUtil.release(msg); // a datagram from the server: nothing uses them
            return;
        }
        ctx.fireChannelRead(msg);
    }

    /** Also when the connection has closed: Netty removes every handler once it is deregistered. */
    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        stop();
    }

    private void stop() {
        if (timer != null) {
            timer.cancel(false);
        }
    }
}
