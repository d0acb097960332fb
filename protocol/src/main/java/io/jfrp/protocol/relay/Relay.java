package io.jfrp.protocol.relay;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.channel.socket.DuplexChannel;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Pipes bytes both ways between two channels: a public connection and a work connection (a TCP
 * socket, or a yamux stream). Both are {@link DuplexChannel}s, so the relay treats them alike.
 *
 * <h3>Backpressure</h3>
 * What one side reads is written to the other; when the other becomes unwritable, the reading
 * side's reading is held off ({@link ReadGate}, reason RELAY) until it is writable again. Nothing
 * is buffered beyond the writer's water mark (and, for a stream, its send window), so a slow reader
 * on either side holds the other to that. When the two channels are on different event loops, the
 * bytes handed across and not yet written are counted too ({@link InFlightWrites}) and reading pauses
 * above the writer's high water mark until they fall to its low mark: Netty does not count them for
 * a writer without an outbound buffer (a QUIC stream), so the writer's writability alone would let a
 * fast reader queue without bound on the other loop.
 *
 * <h3>Half-close</h3>
 * When one side's input ends (FIN), the other side's output is shut down after everything read
 * before it; the opposite direction carries on. The relay closes both channels once both
 * directions have ended, or as soon as either channel closes outright (an error or a reset).
 *
 * <h3>Threading</h3>
 * The two channels may be on different event loops; Netty hands writes across, and the only state
 * shared between the two handlers is the count of finished directions and each side's count of bytes
 * in flight, both atomic. Reading resumes only on the reading channel's own loop.
 */
public final class Relay {
    private static final Logger log = LoggerFactory.getLogger(Relay.class);

    private Relay() {
    }

    /**
     * Joins {@code a} and {@code b}, which must both be active. Their pipelines get a relay handler
     * at the end; anything already in them (TLS, encryption, compression) stays in front. Reading is
     * started on both.
     */
    public static void join(DuplexChannel a, DuplexChannel b) {
        AtomicInteger finished = new AtomicInteger();
        a.config().setOption(ChannelOption.ALLOW_HALF_CLOSURE, true);
        b.config().setOption(ChannelOption.ALLOW_HALF_CLOSURE, true);
        Side fromA = new Side(a, b, finished);
        Side fromB = new Side(b, a, finished);
        fromA.other = fromB;
        fromB.other = fromA;
        a.pipeline().addLast("relay", fromA);
        b.pipeline().addLast("relay", fromB);
        startReading(a);
        startReading(b);
    }

    /**
     * Ends {@link #holdUntilJoined} without a relay: what was held goes to the handlers added behind
     * the hold since (a protocol handler that serves the connection itself), then reading resumes.
     * Call on the channel's event loop, after those handlers are in place.
     */
    public static void releaseHold(Channel channel) {
        assert channel.eventLoop().inEventLoop() : "releaseHold belongs on the channel's event loop";
        ChannelHandlerContext ctx = channel.pipeline().context(RelayHold.class);
        if (ctx != null) {
            ((RelayHold) ctx.handler()).release(ctx);
        }
        ReadGate.resume(channel, ReadGate.Reason.RELAY);
    }

    /** On the channel's loop: hands over what was held, then reads on. */
    private static void startReading(DuplexChannel channel) {
        channel.eventLoop().execute(() -> {
            ChannelHandlerContext ctx = channel.pipeline().context(RelayHold.class);
            if (ctx != null) {
                ((RelayHold) ctx.handler()).release(ctx);
            }
            resumeReading(channel);
        });
    }

    /**
     * Lifts the relay's hold on reading ({@link ReadGate}): auto-read comes back on unless another
     * reason still holds it off or the input has already ended.
     */
    private static void resumeReading(DuplexChannel channel) {
        if (channel.eventLoop().inEventLoop()) {
            ReadGate.resume(channel, ReadGate.Reason.RELAY);
        } else {
            channel.eventLoop().execute(() -> resumeReading(channel));
        }
    }

    /**
     * Stops {@code channel} reading and keeps whatever it still delivers (data, FIN) until
     * {@link #join} passes it to the relay: for a connection whose peer is not there yet (a public
     * connection waiting for a work connection, a work connection dialling its local service).
     * Call on the channel's event loop, before anything may arrive unheld. A channel may hold twice,
     * e.g. raw bytes before a TLS handler and what it decrypts behind it: {@link #releaseHold} and
     * {@link #join} release the first hold in the pipeline.
     */
    public static void holdUntilJoined(Channel channel) {
        ReadGate.pause(channel, ReadGate.Reason.RELAY);
        channel.config().setOption(ChannelOption.ALLOW_HALF_CLOSURE, true);
        channel.pipeline().addLast(new RelayHold());
    }



    /** Reads one channel into its peer. */
    private static final class Side extends ChannelInboundHandlerAdapter {
        private final DuplexChannel self;
        private final DuplexChannel peer;
        private final AtomicInteger finishedDirections;
        /** What this side handed to a peer on another loop, not yet written; null on the same loop. */
        private final InFlightWrites inFlight;
        /** The peer's side, which reads into this side's channel. */
        private Side other;
        private boolean inputDone;

        Side(DuplexChannel self, DuplexChannel peer, AtomicInteger finishedDirections) {
            this.self = self;
            this.peer = peer;
            this.finishedDirections = finishedDirections;
            this.inFlight = self.eventLoop() == peer.eventLoop() ? null : new InFlightWrites(peer, this::resumeLater);
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (!peer.isActive()) {
                ReferenceCountUtil.release(msg);
                return;
            }
            if (inFlight == null || !(msg instanceof ByteBuf buf)) {
                peer.write(msg, peer.voidPromise());
                return;
            }
            peer.write(msg, inFlight.promiseFor(buf.readableBytes()));
            if (inFlight.aboveHigh()) {
                // Stop this read pass early; the writes completing on the peer's loop switch us back on.
                ReadGate.pause(self, ReadGate.Reason.RELAY);
            }
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            peer.flush();
            if (!peer.isWritable() || inFlight != null && inFlight.aboveHigh()) {
                // Stop reading until the peer drains; its handler (or the writes completing) switch us back on.
                ReadGate.pause(self, ReadGate.Reason.RELAY);
            }
            if (ReadGate.isPaused(self, ReadGate.Reason.RELAY)) {
                resumeIfPeerCanTakeMore(); // it drained in the meantime
            }
            ctx.fireChannelReadComplete();
        }

        /** On this side's loop: reads again if the peer is writable and little is in flight toward it. */
        private void resumeIfPeerCanTakeMore() {
            assert self.eventLoop().inEventLoop();
            if (peer.isWritable() && (inFlight == null || inFlight.atOrBelowLow())) {
                ReadGate.resume(self, ReadGate.Reason.RELAY);
            }
        }

        /** From any thread: {@link #resumeIfPeerCanTakeMore} on this side's loop. */
        private void resumeLater() {
            if (self.eventLoop().inEventLoop()) {
                resumeIfPeerCanTakeMore();
            } else {
                self.eventLoop().execute(this::resumeIfPeerCanTakeMore);
            }
        }

        @Override
        public void channelWritabilityChanged(ChannelHandlerContext ctx) {
            if (ctx.channel().isWritable()) {
                // This side drained: the peer, which writes into it, may read again.
                other.resumeLater();
            }
            ctx.fireChannelWritabilityChanged();
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            if (evt instanceof ChannelInputShutdownEvent && !inputDone) {
                inputDone = true;
                // Pass the FIN on after the data read before it.
                peer.writeAndFlush(io.netty.buffer.Unpooled.EMPTY_BUFFER).addListener(f -> {
                    if (peer.isActive()) {
                        peer.shutdownOutput();
                    }
                    directionFinished(ctx.channel());
                });
            }
            ctx.fireUserEventTriggered(evt);
        }

        private void directionFinished(Channel self) {
            if (finishedDirections.incrementAndGet() == 2) {
                // Both directions ended: close once the last bytes are out.
                peer.writeAndFlush(io.netty.buffer.Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
                self.writeAndFlush(io.netty.buffer.Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            // Closed outright (or after both directions ended): the peer goes too, once flushed.
            if (peer.isOpen()) {
                peer.writeAndFlush(io.netty.buffer.Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
            }
            ctx.fireChannelInactive();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            log.debug("relay {} <-> {} failed", ctx.channel(), peer, cause);
            ctx.close();
        }
    }
}
