package io.jfrp.protocol.relay;

import io.jfrp.testkit.TestEventLoops;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The relay between two sockets on one event loop, over real sockets: a fast public client, and a
 * work connection to a sink that does not read yet. The relay must stop reading within one read of
 * the work connection's high water mark, not at the end of a read loop (up to 16 reads of 64 KiB,
 * written and flushed only then), and every byte must arrive once the sink reads.
 */
class RelayReadLoopTest {
    private static final int TOTAL = 16 << 20;

    @RegisterExtension
    static final TestEventLoops LOOPS = TestEventLoops.nio(1);

    @Test
    void aFastReaderStopsWithinOneReadOfTheWritersHighWaterMark() throws Exception {
        EventLoop loop = LOOPS.group().next();
        CompletableFuture<Void> sinkMayRead = new CompletableFuture<>();
        try (ServerSocket sinkServer = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<String> sinkHash = CompletableFuture.supplyAsync(() -> {
                try (Socket sink = sinkServer.accept()) {
                    sinkMayRead.join();
                    return RelaySockets.hashAll(sink, TOTAL);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            MostPending pending = new MostPending();
            Channel work = new Bootstrap().group(loop).channel(NioSocketChannel.class)
                    .handler(pending).connect(sinkServer.getLocalSocketAddress()).sync().channel();
            CompletableFuture<SocketChannel> accepted = new CompletableFuture<>();
            Channel listener = RelaySockets.listen(loop, accepted);
            try (Socket client = new Socket()) {
                client.connect(listener.localAddress());
                CompletableFuture<String> sentHash = CompletableFuture.supplyAsync(() -> RelaySockets.sendAll(client, TOTAL));
                Relay.join(accepted.get(5, TimeUnit.SECONDS), (SocketChannel) work);

                RelaySockets.assertHeldWithinOneReadOf(work.config().getWriteBufferHighWaterMark(), pending::most,
                        "bytes in the work connection's outbound buffer");

                sinkMayRead.complete(null);
                RelaySockets.assertAllArrived(client, sentHash, sinkHash);
            } finally {
                sinkMayRead.complete(null);
                listener.close().sync();
                work.close().sync();
            }
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
