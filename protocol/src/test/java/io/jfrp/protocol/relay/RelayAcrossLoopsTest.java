package io.jfrp.protocol.relay;

import io.jfrp.testkit.TestEventLoops;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The relay between channels on two event loops, over real sockets: a fast public client on one loop
 * and a work connection on another whose writes complete late and outside any outbound buffer (as a
 * QUIC stream's do: Netty's QuicStreamChannel has none, so nothing counts the bytes handed across
 * against its writability). The bytes the relay accepts from the fast side must stay bounded by the
 * writer's water mark, and every byte must arrive once the writer catches up.
 */
class RelayAcrossLoopsTest {
    private static final int TOTAL = 32 << 20;

    @RegisterExtension
    static final TestEventLoops LOOPS = TestEventLoops.nio(2);

    @Test
    void aFastReaderIsHeldToTheWritersWaterMarkWhileWritesCompleteLateOnAnotherLoop() throws Exception {
        EventLoop publicLoop = LOOPS.group().next();
        EventLoop workLoop = LOOPS.group().next();
        assertThat(publicLoop).isNotSameAs(workLoop);

        try (ServerSocket sinkServer = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<String> sinkHash = CompletableFuture.supplyAsync(() -> hashAll(sinkServer));
            LateWrites late = new LateWrites();
            Channel work = new Bootstrap().group(workLoop).channel(NioSocketChannel.class)
                    .handler(late).connect(sinkServer.getLocalSocketAddress()).sync().channel();

            CompletableFuture<SocketChannel> accepted = new CompletableFuture<>();
            Channel listener = RelaySockets.listen(publicLoop, accepted);
            try (Socket client = new Socket()) {
                client.connect(listener.localAddress());
                SocketChannel pub = accepted.get(5, TimeUnit.SECONDS);
                CompletableFuture<String> sentHash = CompletableFuture.supplyAsync(() -> sendAll(client));
                Relay.join(pub, (SocketChannel) work);

                long high = work.config().getWriteBufferHighWaterMark();
                await().atMost(Duration.ofSeconds(10)).until(() -> late.held() > high);
                RelaySockets.assertHeldWithinOneReadOf(high, late::mostHeld,
                        "bytes read from the fast side and not yet written");

                workLoop.execute(late::release);
                RelaySockets.assertAllArrived(client, sentHash, sinkHash);
            } finally {
                workLoop.submit(late::release).sync();
                listener.close().sync();
                work.close().sync();
            }
        }
    }

    private static String sendAll(Socket client) {
        return RelaySockets.sendAll(client, TOTAL);
    }

    private static String hashAll(ServerSocket server) {
        try (Socket s = server.accept()) {
            return RelaySockets.hashAll(s, TOTAL);
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
}
