package io.jfrp.protocol.relay;

import io.jfrp.testkit.TestEventLoops;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.channel.EventLoop;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The relay's pause of a socket reading with {@link RelayReads}' allocator, over real sockets on one
 * loop: its read loop stops at the read that takes the writer past its mark, and whether to pause is
 * decided after the tasks the writer queued (a yamux session flushes in a task).
 * <ul>
 *   <li>A writer that drains in its own task, as a session does: the socket is never paused at a
 *   read loop's end (auto-read stays on), and every byte arrives.</li>
 *   <li>A writer to a sink that does not read: the socket is paused, and what the writer holds stays
 *   within one read of its high water mark.</li>
 * </ul>
 */
class RelayDeferredPauseTest {
    @RegisterExtension
    static final TestEventLoops LOOPS = TestEventLoops.nio(1);

    /** What {@link ChannelOutboundBuffer#totalPendingWriteBytes()} adds per message on top of its bytes. */
    private static final int OUTBOUND_ENTRY_OVERHEAD =
            Integer.getInteger("io.netty.transport.outboundBufferEntrySizeOverhead", 96);

    @Test
    void aWriterThatDrainsInItsOwnTaskDoesNotPauseTheSocket() throws Exception {
        EventLoop loop = LOOPS.group().next();
        try (ServerSocket sinkServer = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<String> sinkHash = CompletableFuture.supplyAsync(() -> hashAll(sinkServer));
            FlushInATask writer = new FlushInATask();
            SocketChannel work = RelaySockets.connect(loop, writer, sinkServer.getLocalSocketAddress());
            // Only the writer's own flag makes it unwritable: the socket buffer's mark is out of reach.
            work.config().setWriteBufferWaterMark(new WriteBufferWaterMark(RelaySockets.TOTAL, 2 * RelaySockets.TOTAL));
            LoopEnds ends = new LoopEnds();
            try (Socket client = new Socket()) {
                CompletableFuture<String> sentHash = relayAndSend(loop, client, work, ends);
                RelaySockets.assertAllArrived(client, sentHash, sinkHash);
            } finally {
                work.close().sync();
            }
            assertThat(writer.unwritableAfterWrite.get()).as("writes that left the writer unwritable").isPositive();
            assertThat(ends.ended.get()).as("read loops").isPositive();
            assertThat(ends.pausedAtEnd.get()).as("read loops that ended with the socket paused").isZero();
        }
    }

    @Test
    void aWriterThatDoesNotDrainPausesTheSocketWithinOneReadOfItsMark() throws Exception {
        EventLoop loop = LOOPS.group().next();
        CompletableFuture<Void> sinkMayRead = new CompletableFuture<>();
        try (ServerSocket sinkServer = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<String> sinkHash = CompletableFuture.supplyAsync(() -> {
                sinkMayRead.join();
                return hashAll(sinkServer);
            });
            FlushInATask writer = new FlushInATask();
            SocketChannel work = RelaySockets.connect(loop, writer, sinkServer.getLocalSocketAddress());
            LoopEnds ends = new LoopEnds();
            try (Socket client = new Socket()) {
                CompletableFuture<String> sentHash = relayAndSend(loop, client, work, ends);
                long high = work.config().getWriteBufferHighWaterMark() + OUTBOUND_ENTRY_OVERHEAD;
                await().atMost(Duration.ofSeconds(10)).until(() -> writer.mostPending.get() > high);
                await().atMost(Duration.ofSeconds(10)).until(
                        () -> loop.submit(() -> ReadGate.isPaused(ends.channel, ReadGate.Reason.RELAY)).get());
                await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5))
                        .untilAsserted(() -> assertThat(writer.mostPending.get())
                                .as("bytes the writer holds (its high mark is %d)", high)
                                .isLessThanOrEqualTo(high + RelayReads.MAX_READ));

                sinkMayRead.complete(null);
                RelaySockets.assertAllArrived(client, sentHash, sinkHash);
            } finally {
                sinkMayRead.complete(null);
                work.close().sync();
            }
        }
    }

    /**
     * Accepts {@code client}'s connection on {@code loop}, reading with {@link RelayReads}' allocator
     * (auto-read off until the relay joins it), joins it to {@code work}, puts {@code ends} behind the
     * relay and starts sending {@link RelaySockets#TOTAL} bytes; the future gives their hash.
     */
    private static CompletableFuture<String> relayAndSend(EventLoop loop, Socket client, SocketChannel work,
                                                          LoopEnds ends) throws Exception {
        CompletableFuture<SocketChannel> accepted = new CompletableFuture<>();
        Channel listener = new ServerBootstrap().group(loop).channel(NioServerSocketChannel.class)
                .childOption(ChannelOption.AUTO_READ, false)
                .childOption(ChannelOption.RCVBUF_ALLOCATOR, RelayReads.allocator())
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        accepted.complete(ch);
                    }
                }).bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)).sync().channel();
        try {
            client.connect(listener.localAddress());
            SocketChannel pub = accepted.get(5, TimeUnit.SECONDS);
            ends.channel = pub;
            CompletableFuture<String> sentHash = CompletableFuture.supplyAsync(() -> RelaySockets.sendAll(client));
            Relay.join(pub, work);
            // Queued after the relay's start, so in place before the first read.
            loop.submit(() -> pub.pipeline().addLast(ends)).sync();
            return sentHash;
        } finally {
            listener.close().sync();
        }
    }

    private static String hashAll(ServerSocket server) {
        try (Socket s = server.accept()) {
            return RelaySockets.hashAll(s);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Behind the relay in the reading socket's pipeline: counts read loops, and those at whose end
     * (after the relay's own handling of it) the socket's auto-read was off. Event loop only, except
     * the counters.
     */
    private static final class LoopEnds extends ChannelInboundHandlerAdapter {
        final AtomicInteger ended = new AtomicInteger();
        final AtomicInteger pausedAtEnd = new AtomicInteger();
        volatile Channel channel;

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            ended.incrementAndGet();
            if (!ctx.channel().config().isAutoRead()) {
                pausedAtEnd.incrementAndGet();
            }
            ctx.fireChannelReadComplete();
        }
    }

    /**
     * At the socket end of the writer's pipeline: a write makes the writer unwritable (a flag of its
     * outbound buffer) until a task queued then flushes and lifts the flag, as a yamux session's
     * queued flush does. Records the most bytes its outbound buffer held.
     */
    private static final class FlushInATask extends ChannelOutboundHandlerAdapter {
        final AtomicInteger unwritableAfterWrite = new AtomicInteger();
        final AtomicLong mostPending = new AtomicLong();
        private boolean flushQueued;

        @Override
        public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
            ctx.write(msg, promise);
            ChannelOutboundBuffer buffer = ctx.channel().unsafe().outboundBuffer();
            if (buffer == null) { // closed
                return;
            }
            mostPending.accumulateAndGet(buffer.totalPendingWriteBytes(), Math::max);
            if (!flushQueued) {
                flushQueued = true;
                buffer.setUserDefinedWritability(1, false);
                unwritableAfterWrite.incrementAndGet();
                ctx.executor().execute(() -> {
                    flushQueued = false;
                    ctx.flush();
                    ChannelOutboundBuffer now = ctx.channel().unsafe().outboundBuffer();
                    if (now != null) {
                        now.setUserDefinedWritability(1, true);
                    }
                });
            }
        }

        @Override
        public void flush(ChannelHandlerContext ctx) {
            // Flushed by the task only.
        }
    }
}
