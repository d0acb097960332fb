package io.jfrp.server.proxy;

import io.jfrp.protocol.msg.Ping;
import io.jfrp.protocol.msg.UdpPacket;
import io.jfrp.protocol.relay.ReadGate;
import io.jfrp.protocol.relay.Relay;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Joins an sudp visitor connection to a work connection of the proxy's owner when the two speak
 * different wire protocols (one v1, one v2): their UDPPacket frames cannot be relayed byte for byte,
 * so each side's messages are decoded by its own framing and written again in the other's (frp 0.70's
 * {@code joinSUDPMessageBridge}). Both channels keep their framing inside their own wrapping (the
 * visitor's flags keyed by the secret, the owner's keyed by the token).
 *
 * <p>What passes: UDPPacket both ways; Ping from the owner to the visitor (its keep-alive), while a
 * Ping from the visitor is dropped; any other message closes both, as does either side closing or
 * ending its input. Backpressure: a side stops reading while the other cannot take more.
 *
 * <p>Each side's handler runs on its own channel's event loop; writes to the other channel are
 * Netty's thread-safe writes.
 */
public final class SudpMessageBridge {
    private static final Logger log = LoggerFactory.getLogger(SudpMessageBridge.class);
    static final String NAME = "sudp-message-bridge";

    private SudpMessageBridge() {
    }

    /**
     * Joins {@code visitor} (held by {@link Relay#holdUntilJoined}, framing kept) and {@code work}
     * (framing kept, wrapped). Call on {@code work}'s event loop.
     */
    public static void join(Channel visitor, Channel work) {
        assert work.eventLoop().inEventLoop() : "join runs on the work connection's loop";
        work.pipeline().addLast(NAME, new Side(visitor, true));
        work.closeFuture().addListener(f -> visitor.close());
        visitor.eventLoop().execute(() -> {
            if (!visitor.isActive()) {
                work.close();
                return;
            }
            visitor.pipeline().addLast(NAME, new Side(work, false));
            visitor.closeFuture().addListener(f -> work.close());
            Relay.releaseHold(visitor);
        });
    }

    /** Reads one channel's messages and writes those that pass to the other. */
    private static final class Side extends ChannelInboundHandlerAdapter {
        private final Channel peer;
        /** True on the owner's work connection: its Pings go on to the visitor. */
        private final boolean fromOwner;

        Side(Channel peer, boolean fromOwner) {
            this.peer = peer;
            this.fromOwner = fromOwner;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof UdpPacket || (fromOwner && msg instanceof Ping)) {
                peer.write(msg, peer.voidPromise());
                if (!peer.isWritable()) {
                    ReadGate.pause(ctx.channel(), ReadGate.Reason.RELAY);
                }
            } else if (msg instanceof Ping) {
                log.trace("sudp bridge: dropped a Ping from the visitor");
            } else {
                log.warn("sudp bridge: unexpected {} from the {}; closing both connections",
                        msg.getClass().getSimpleName(), fromOwner ? "proxy's client" : "visitor");
                ReferenceCountUtil.release(msg);
                closeBoth(ctx);
            }
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            peer.flush();
            ctx.fireChannelReadComplete();
        }

        @Override
        public void channelWritabilityChanged(ChannelHandlerContext ctx) {
            if (ctx.channel().isWritable()) {
                peer.eventLoop().execute(() -> ReadGate.resume(peer, ReadGate.Reason.RELAY));
            }
            ctx.fireChannelWritabilityChanged();
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            if (evt instanceof ChannelInputShutdownEvent) {
                closeBoth(ctx);
                return;
            }
            ctx.fireUserEventTriggered(evt);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            log.debug("sudp bridge: {} failed: {}", ctx.channel(), cause.toString());
            closeBoth(ctx);
        }

        private void closeBoth(ChannelHandlerContext ctx) {
            ctx.close();
            peer.close();
        }
    }
}
