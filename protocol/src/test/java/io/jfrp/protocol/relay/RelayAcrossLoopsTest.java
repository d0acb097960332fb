package io.jfrp.protocol.relay;

import io.jfrp.testkit.TestEventLoops;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.SocketChannel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The relay's pause over real sockets, with a fast public client that sends far more than the
 * writer can take; every byte must arrive once the writer catches up.
 * <ul>
 *   <li>Both channels on one loop, the work connection to a sink that does not read yet: the relay
 *   must stop reading within one read of the work connection's high water mark, not at the end of a
 *   read loop (up to 16 reads of 64 KiB, written and flushed only then).</li>
 *   <li>Channels on two loops, the work connection's writes completing late and outside any outbound
 *   buffer (as a QUIC stream's do: Netty's QuicStreamChannel has none, so nothing counts the bytes
 *   handed across against its writability): the bytes the relay accepts from the fast side must stay
 *   bounded by the writer's water mark.</li>
 * </ul>
 */
class RelayAcrossLoopsTest {
    @RegisterExtension
    static final TestEventLoops LOOPS = TestEventLoops.nio(2);

    /**
     * What {@link ChannelOutboundBuffer#totalPendingWriteBytes()} adds per message on top of its
     * bytes (Netty's {@code io.netty.transport.outboundBufferEntrySizeOverhead}, 96 by default).
     */
    private static final int OUTBOUND_ENTRY_OVERHEAD =
            Integer.getInteger("io.netty.transport.outboundBufferEntrySizeOverhead", 96);

    @Test
    void aFastReaderStopsWithinOneReadOfTheWritersHighWaterMark() throws Exception {
        EventLoop loop = LOOPS.group().next();
        CompletableFuture<Void> sinkMayRead = new CompletableFuture<>();
        try (ServerSocket sinkServer = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<String> sinkHash = CompletableFuture.supplyAsync(() -> {
                try (Socket sink = sinkServer.accept()) {
                    sinkMayRead.join();
                    return RelaySockets.hashAll(sink);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            MostPending pending = new MostPending();
            SocketChannel work = RelaySockets.connect(loop, pending, sinkServer.getLocalSocketAddress());
            try (Socket client = new Socket()) {
                CompletableFuture<String> sentHash = RelaySockets.relayAndSend(loop, client, work);

                // The outbound buffer counts each entry's bytes plus Netty's per-entry overhead, so
                // the read that crosses the mark may end one entry's overhead past one read.
                RelaySockets.assertHeldWithinOneReadOf(
                        work.config().getWriteBufferHighWaterMark() + OUTBOUND_ENTRY_OVERHEAD, pending::most,
                        "bytes in the work connection's outbound buffer, with Netty's per-entry overhead");

                sinkMayRead.complete(null);
                RelaySockets.assertAllArrived(client, sentHash, sinkHash);
            } finally {
                sinkMayRead.complete(null);
                work.close().sync();
            }
        }
    }

    @Test
    void aFastReaderIsHeldToTheWritersWaterMarkWhileWritesCompleteLateOnAnotherLoop() throws Exception {
        EventLoop publicLoop = LOOPS.group().next();
        EventLoop workLoop = LOOPS.group().next();
        assertThat(publicLoop).isNotSameAs(workLoop);

        try (ServerSocket sinkServer = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<String> sinkHash = CompletableFuture.supplyAsync(() -> hashAll(sinkServer));
            LateWrites late = new LateWrites();
            SocketChannel work = RelaySockets.connect(workLoop, late, sinkServer.getLocalSocketAddress());
            try (Socket client = new Socket()) {
                CompletableFuture<String> sentHash = RelaySockets.relayAndSend(publicLoop, client, work);

                long high = work.config().getWriteBufferHighWaterMark();
                await().atMost(Duration.ofSeconds(10)).until(() -> late.held() > high);
                RelaySockets.assertHeldWithinOneReadOf(high, late::mostHeld,
                        "bytes read from the fast side and not yet written");

                workLoop.execute(late::release);
                RelaySockets.assertAllArrived(client, sentHash, sinkHash);
            } finally {
                workLoop.submit(late::release).sync();
                work.close().sync();
            }
        }
    }

    private static String hashAll(ServerSocket server) {
        try (Socket s = server.accept()) {
            return RelaySockets.hashAll(s);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * At the socket end of the work connection's pipeline: holds every write (outside the outbound
     * buffer, so writability never changes) until {@link #release}, then passes writes through.
     * Event loop of the work connection only, except the counters.
     */
    private static final class LateWrites extends ChannelOutboundHandlerAdapter {
        private final ArrayDeque<Object[]> held = new ArrayDeque<>();
        private final AtomicLong heldBytes = new AtomicLong();
        private final AtomicLong mostHeld = new AtomicLong();
        private ChannelHandlerContext ctx;
        private boolean holding = true;

        @Override
        public void handlerAdded(ChannelHandlerContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
            if (!holding) {
                ctx.write(msg, promise);
                return;
            }
            held.add(new Object[] {msg, promise});
            long now = heldBytes.addAndGet(((ByteBuf) msg).readableBytes());
            mostHeld.accumulateAndGet(now, Math::max);
        }

        @Override
        public void flush(ChannelHandlerContext ctx) {
            if (!holding) {
                ctx.flush();
            }
        }

        long held() {
            return heldBytes.get();
        }

        long mostHeld() {
            return mostHeld.get();
        }

        /** Writes what was held and lets later writes through; again: nothing more. */
        void release() {
            holding = false;
            for (Object[] w; (w = held.poll()) != null; ) {
                heldBytes.addAndGet(-((ByteBuf) w[0]).readableBytes());
                ctx.write(w[0], (ChannelPromise) w[1]);
            }
            ctx.flush();
        }
    }

    /** At the socket end of the work connection's pipeline: the most bytes its outbound buffer held after a write. */
    private static final class MostPending extends ChannelOutboundHandlerAdapter {
        private final AtomicLong most = new AtomicLong();

        @Override
        public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
            ctx.write(msg, promise);
            ChannelOutboundBuffer buffer = ctx.channel().unsafe().outboundBuffer();
            if (buffer != null) { // null once the channel has closed
                most.accumulateAndGet(buffer.totalPendingWriteBytes(), Math::max);
            }
        }

        long most() {
            return most.get();
        }
    }
}
