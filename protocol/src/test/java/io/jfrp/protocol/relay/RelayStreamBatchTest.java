package io.jfrp.protocol.relay;

import io.jfrp.testkit.EmbeddedDuplexChannel;
import io.jfrp.testkit.TestEventLoops;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.EventLoop;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A batch read from a stream of a session over TCP (here an {@link EmbeddedDuplexChannel} whose parent
 * is a socket, as a yamux stream's is: its buffers are in memory already) goes to the socket on the
 * other side in one flush at the batch's end, even when the first buffer takes the socket past its
 * high water mark. Flushing after each buffer past the mark, as a socket reader's relay does to stop its read
 * loop early, made one write system call per buffer (a session read's worth, ~64 KiB) on the
 * receiving side of a tunnel. {@link RelayAcrossLoopsTest} covers the socket reader's per-read stop.
 */
class RelayStreamBatchTest {
    @RegisterExtension
    static final TestEventLoops LOOPS = TestEventLoops.nio(1);

    private static final int PIECES = 8;
    private static final int PIECE = 16 << 10;

    @Test
    void aStreamsBatchPastTheWritersMarkIsFlushedOnceAtItsEnd() throws Exception {
        EventLoop loop = LOOPS.group().next();
        byte[] sent = new byte[PIECES * PIECE];
        new Random(16).nextBytes(sent);
        // The session's connection is a socket (never connected here: only its type is asked).
        NioSocketChannel session = new NioSocketChannel();
        EmbeddedDuplexChannel stream = new EmbeddedDuplexChannel(session);
        try (ServerSocket sinkServer = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<byte[]> arrived = CompletableFuture.supplyAsync(() -> readAll(sinkServer, sent.length));
            Flushes flushes = new Flushes();
            SocketChannel service = RelaySockets.connect(loop, flushes, sinkServer.getLocalSocketAddress());
            try {
                // A mark far below one piece: the first piece takes the socket past it.
                service.config().setOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(1024, 2048));
                Relay.join(stream, service);
                stream.runPendingTasks();
                int before = flushes.count.get();

                ByteBuf[] batch = new ByteBuf[PIECES];
                for (int i = 0; i < PIECES; i++) {
                    batch[i] = Unpooled.wrappedBuffer(sent, i * PIECE, PIECE);
                }
                stream.writeInbound((Object[]) batch); // one read loop: PIECES reads, then read-complete

                assertThat(arrived.get(10, TimeUnit.SECONDS)).as("every byte arrived, in order").isEqualTo(sent);
                assertThat(loop.submit(() -> flushes.count.get() - before).get(5, TimeUnit.SECONDS))
                        .as("flushes of the socket for one batch of %d buffers", PIECES).isEqualTo(1);
            } finally {
                service.close().sync();
                stream.finishAndReleaseAll();
                session.unsafe().closeForcibly();
            }
        }
    }

    private static byte[] readAll(ServerSocket server, int length) {
        try (Socket s = server.accept(); InputStream in = s.getInputStream()) {
            return in.readNBytes(length);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** At the socket end of the pipeline: counts flushes (on the socket's loop). */
    private static final class Flushes extends ChannelOutboundHandlerAdapter {
        final AtomicInteger count = new AtomicInteger();

        @Override
        public void flush(ChannelHandlerContext ctx) {
            count.incrementAndGet();
            ctx.flush();
        }
    }
}
