package io.jfrp.protocol.transport.quic;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.quic.QuicChannel;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * transport.quic.keepalivePeriod on a QUIC connection of either program: jfrpc's connection to the
 * server, jfrps' connection from each client, and both ends of an xtcp QUIC tunnel. quic-go (stock frp)
 * sends a PING frame after that much time; Netty's QUIC (quiche) has no call that sends a PING, so this
 * sends the smallest ack-eliciting frame it can: a one-byte DATAGRAM (RFC 9221), which keeps both ends'
 * idle timers from expiring exactly as a PING does (it is acknowledged, and the peer counts it as
 * activity). Only to a peer that said it takes DATAGRAM frames ({@link QuicPeerDatagrams}: another jfrp
 * does; quic-go as stock frp runs it does not, a DATAGRAM written to it ends the connection, and it pings
 * by itself, which keeps this side alive too). Datagrams the peer sends are dropped: nothing else uses them.
 *
 * <p>Sits in the QUIC connection's pipeline. Not sharable. Event loop only.
 */
public final class QuicKeepalive extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(QuicKeepalive.class);

    private final Duration period;
    private ScheduledFuture<?> timer;

    /** @param period how long the connection may be silent before a keepalive goes; zero sends none */
    public QuicKeepalive(Duration period) {
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
        QuicChannel quic = (QuicChannel) ctx.channel();
        long ms = period.toMillis();
        timer = ctx.executor().scheduleAtFixedRate(() -> {
            if (QuicPeerDatagrams.peerTakesDatagrams(quic)) {
                send(quic);
            }
        }, ms, ms, TimeUnit.MILLISECONDS);
    }

    /** One keepalive DATAGRAM on {@code quic}; the future fails when the peer takes none. */
    public static ChannelFuture send(QuicChannel quic) {
        return quic.writeAndFlush(Unpooled.wrappedBuffer(new byte[] {0})).addListener(f -> {
            if (!f.isSuccess()) {
                log.debug("QUIC keepalive to {} not sent: {}", quic.remoteSocketAddress(), f.cause().toString());
            }
        });
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof ByteBuf) {
            ReferenceCountUtil.release(msg); // a datagram from the peer: its keepalive
            return;
        }
        ctx.fireChannelRead(msg);
    }

    /** Also when the connection has closed: Netty removes every handler once it is deregistered. */
    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        if (timer != null) {
            timer.cancel(false);
        }
    }
}
