package io.jfrp.protocol.relay;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.channel.socket.DuplexChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;

/**
 * Pipes bytes both ways between two channels: a public connection and a work connection (a TCP
 * socket, or a yamux stream). Both are {@link DuplexChannel}s, so the relay treats them alike.
 *
 * <h3>Backpressure</h3>
 * What one side reads is written to the other; when the other becomes unwritable, the reading
 * side's reading is held off ({@link ReadGate}, reason RELAY) until it is writable again. This is
 * checked after every read, not only at the end of a read loop: a writer past its high water mark is
 * flushed at once, and if it still cannot take more the socket's read loop stops there, so no more
 * than one read (64 KiB) is buffered beyond the writer's water mark, where a loop of 16 reads could
 * leave 1 MiB. A yamux stream is not checked per read: its read loop hands over its whole batch
 * anyway (at most 16 frames' payloads, already in memory and charged to the stream's receive window;
 * stopping it there too lowered every download in three alternated bench runs), so the batch goes to
 * the peer in one flush at its end, not one write per buffer (docs/PERFORMANCE.md, "One stream through
 * tcpMux+TLS"). A slow reader on either side holds the other to that. When the two channels are on
 * different event loops, the bytes handed across and not yet written are counted too
 * ({@link InFlightWrites}) and reading pauses above the writer's high water mark until they fall to
 * its low mark: Netty does not count them for a writer without an outbound buffer (a QUIC stream),
 * so the writer's writability alone would let a fast reader queue without bound on the other loop.
 *
 * <h3>Half-close</h3>
 * When one side's input ends (FIN), the other side's output is shut down after everything read
 * before it; the opposite direction carries on. The relay closes both channels once both
 * directions have ended, or as soon as either channel closes outright (an error or a reset).
 *
 * <h3>Threading</h3>
 * The two channels may be on different event loops; Netty hands writes across. What both loops touch
 * in the one handler both pipelines share is atomic: which inputs have ended with the count of
 * finished directions, and each side's count of bytes in flight. Reading resumes only on the reading channel's own loop.
 */
public final class Relay {
    private static final Logger log = LoggerFactory.getLogger(Relay.class);

    private Relay() {
    }

    /**
     * Joins {@code a} and {@code b}, which must both be active. Their pipelines get the relay's one
     * handler at the end; anything already in them (TLS, encryption, compression) stays in front. Reading is
     * started on both.
     */
    public static void join(DuplexChannel a, DuplexChannel b) {
        a.config().setOption(ChannelOption.ALLOW_HALF_CLOSURE, true);
        b.config().setOption(ChannelOption.ALLOW_HALF_CLOSURE, true);
        Pair pair = Pair.of(a, b);
        a.pipeline().addLast("relay", pair);
        b.pipeline().addLast("relay", pair);
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

    /**
     * Both directions of one relay: the same handler object sits in both pipelines and tells the
     * two channels apart by identity. One object per relayed pair instead of a handler per side and
     * a shared counter, because a held connection keeps it for its whole life.
     */
    @ChannelHandler.Sharable
    private static class Pair extends ChannelInboundHandlerAdapter {
        private static final AtomicIntegerFieldUpdater<Pair> STATE = AtomicIntegerFieldUpdater.newUpdater(Pair.class, "state");
        /** In {@link #state}: {@code a}'s input has ended. */
        private static final int A_INPUT_DONE = 1;
        /** In {@link #state}: {@code b}'s input has ended. */
        private static final int B_INPUT_DONE = 2;
        /** In {@link #state}: one direction has ended and been passed on; the count sits above the flags. */
        private static final int ONE_FINISHED = 4;

        final DuplexChannel a;
        final DuplexChannel b;
        /**
         * Which inputs have ended, and how many directions have been passed on (0-2, in units of
         * {@link #ONE_FINISHED}): one int, updated atomically from both loops, so that a pair on one
         * loop is 32 bytes.
         */
        private volatile int state;

        Pair(DuplexChannel a, DuplexChannel b) {
            this.a = a;
            this.b = b;
        }

        /** The pair for {@code a} and {@code b}: one that counts what it hands across if they are on two loops. */
        static Pair of(DuplexChannel a, DuplexChannel b) {
            return a.eventLoop() == b.eventLoop() ? new Pair(a, b) : new AcrossLoops(a, b);
        }

        private Channel peerOf(Channel self) {
            return self == a ? b : a;
        }

        /** What {@code self} has in flight toward its peer; none is counted when both are on one loop. */
        InFlightWrites inFlightFrom(Channel self) {
            return null;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            Channel self = ctx.channel();
            Channel peer = peerOf(self);
            if (!peer.isActive()) {
                ReferenceCountUtil.release(msg);
                return;
            }
            InFlightWrites inFlight = inFlightFrom(self);
            if (inFlight != null && msg instanceof ByteBuf buf) {
                peer.write(msg, inFlight.promiseFor(buf.readableBytes()));
            } else {
                peer.write(msg, peer.voidPromise());
            }
            if (!streamOfTcpSession(self) && cannotTakeMore(peer, inFlight)) {
                // Checked per read, not only at the read loop's end (up to 16 reads, 1 MiB, later): hand
                // the peer what this loop wrote, and stop the loop here if it still cannot take it.
                peer.flush();
                if (cannotTakeMore(peer, inFlight)) {
                    ReadGate.pause(self, ReadGate.Reason.RELAY);
                }
            }
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            Channel self = ctx.channel();
            Channel peer = peerOf(self);
            peer.flush();
            if (cannotTakeMore(peer, inFlightFrom(self))) {
                // Stop reading until the peer drains; its handler (or the writes completing) switch us back on.
                ReadGate.pause(self, ReadGate.Reason.RELAY);
            }
            if (ReadGate.isPaused(self, ReadGate.Reason.RELAY)) {
                resumeIfPeerCanTakeMore(self); // it drained in the meantime
            }
            ctx.fireChannelReadComplete();
        }

        /**
         * Whether {@code self} is a stream of a session multiplexed over a TCP connection (a yamux
         * stream, whose parent is the session's socket): its read loop hands over its whole batch
         * whatever the relay does (at most 16 buffers, in memory already and charged to its receive
         * window), so its reads are not checked one by one. Flushing the peer after each buffer past
         * the peer's mark made one write system call per buffer (a session read, ~64 KiB) instead of
         * one per batch at {@link #channelReadComplete}. Sockets, and streams whose loop stops when
         * reading is paused (Netty's QUIC streams), keep the check per read.
         */
        private static boolean streamOfTcpSession(Channel self) {
            return self.parent() instanceof SocketChannel;
        }

        /** Whether {@code peer} is past its high water mark, counting what is in flight toward it from another loop. */
        private static boolean cannotTakeMore(Channel peer, InFlightWrites inFlight) {
            return !peer.isWritable() || inFlight != null && inFlight.aboveHigh();
        }

        /** On {@code self}'s loop: reads again if its peer is writable and little is in flight toward it. */
        private void resumeIfPeerCanTakeMore(Channel self) {
            assert self.eventLoop().inEventLoop();
            InFlightWrites inFlight = inFlightFrom(self);
            if (peerOf(self).isWritable() && (inFlight == null || inFlight.atOrBelowLow())) {
                ReadGate.resume(self, ReadGate.Reason.RELAY);
            }
        }

        /** From any thread: {@link #resumeIfPeerCanTakeMore} on {@code self}'s loop. */
        void resumeLater(Channel self) {
            if (self.eventLoop().inEventLoop()) {
                resumeIfPeerCanTakeMore(self);
            } else {
                self.eventLoop().execute(() -> resumeIfPeerCanTakeMore(self));
            }
        }

        @Override
        public void channelWritabilityChanged(ChannelHandlerContext ctx) {
            Channel self = ctx.channel();
            if (self.isWritable()) {
                // This side drained: the peer, which writes into it, may read again.
                resumeLater(peerOf(self));
            }
            ctx.fireChannelWritabilityChanged();
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            Channel self = ctx.channel();
            if (evt instanceof ChannelInputShutdownEvent && markInputDone(self)) {
                DuplexChannel peer = (DuplexChannel) peerOf(self);
                // Pass the FIN on after the data read before it.
                peer.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(f -> {
                    if (peer.isActive()) {
                        peer.shutdownOutput();
                    }
                    directionFinished(self, peer);
                });
            }
            ctx.fireUserEventTriggered(evt);
        }

        /** Records that {@code self}'s input ended; false if it had already. */
        private boolean markInputDone(Channel self) {
            int done = self == a ? A_INPUT_DONE : B_INPUT_DONE;
            return (STATE.getAndAccumulate(this, done, (s, bit) -> s | bit) & done) == 0;
        }

        private void directionFinished(Channel self, Channel peer) {
            if (STATE.addAndGet(this, ONE_FINISHED) / ONE_FINISHED == 2) {
                // Both directions ended: close once the last bytes are out.
                peer.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
                self.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            // Closed outright (or after both directions ended): the peer goes too, once flushed.
            Channel peer = peerOf(ctx.channel());
            if (peer.isOpen()) {
                peer.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
            }
            ctx.fireChannelInactive();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            log.debug("relay {} <-> {} failed", ctx.channel(), peerOf(ctx.channel()), cause);
            ctx.close();
        }
    }

    /** A pair on two event loops: what each side hands across and is not yet written is counted. */
    private static final class AcrossLoops extends Pair {
        /** What {@code a} handed to {@code b}, not yet written. */
        private final InFlightWrites aToB;
        /** What {@code b} handed to {@code a}, not yet written. */
        private final InFlightWrites bToA;

        AcrossLoops(DuplexChannel a, DuplexChannel b) {
            super(a, b);
            this.aToB = new InFlightWrites(b, () -> resumeLater(a));
            this.bToA = new InFlightWrites(a, () -> resumeLater(b));
        }

        @Override
        InFlightWrites inFlightFrom(Channel self) {
            return self == a ? aToB : bToA;
        }
    }
}
