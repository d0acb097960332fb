package io.jfrp.mux;

import io.jfrp.testkit.Patience;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.EventLoop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Streams that write in one turn of the session's event loop leave in one flush of its connection
 * (so in one TLS record and one system call), over real TCP sockets, with the echoed bytes checked; and
 * what was written before the connection closes still leaves.
 */
class FlushPerLoopTurnSocketTest {
    static final int STREAMS = 5;

    @RegisterExtension
    final SessionPair pair = SessionPair.tcp();

    @Test
    void fiveStreamsWrittenInOneTaskShareOneFlushAndEveryByteComesBack() throws Exception {
        YamuxSession client = pair.connectToEcho(YamuxSocketTest.CONFIG, YamuxSocketTest.CONFIG);
        AtomicInteger flushes = new AtomicInteger();
        pair.clientChannel().pipeline().addFirst(new ChannelOutboundHandlerAdapter() {
            @Override
            public void flush(ChannelHandlerContext ctx) {
                flushes.incrementAndGet();
                ctx.flush();
            }
        });
        List<YamuxStreamChannel> streams = new ArrayList<>();
        List<Echo> echoes = new ArrayList<>();
        for (int i = 0; i < STREAMS; i++) {
            Echo echo = new Echo();
            echoes.add(echo);
            streams.add(client.openStream(echo).get(Patience.WAIT.toSeconds(), TimeUnit.SECONDS));
        }
        EventLoop loop = pair.clientChannel().eventLoop();
        // Let the SYNs' flushes run before counting.
        loop.submit(() -> { }).get(Patience.WAIT.toSeconds(), TimeUnit.SECONDS);

        CompletableFuture<int[]> counts = new CompletableFuture<>();
        loop.execute(() -> {
            int before = flushes.get();
            for (int i = 0; i < STREAMS; i++) {
                streams.get(i).writeAndFlush(Unpooled.wrappedBuffer(message(i)));
            }
            int inTheTurn = flushes.get() - before;
            // Runs after the flush the writes queued: tasks run in order.
            loop.execute(() -> counts.complete(new int[] {inTheTurn, flushes.get() - before}));
        });
        int[] seen = counts.get(Patience.WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(seen[0]).as("flushes while the streams wrote").isZero();
        assertThat(seen[1]).as("flushes once the turn ended").isEqualTo(1);
        for (int i = 0; i < STREAMS; i++) {
            assertThat(echoes.get(i).received(message(i).length).get(Patience.WAIT.toSeconds(), TimeUnit.SECONDS))
                    .isEqualTo(message(i));
        }
    }

    @Test
    void whatAStreamWroteBeforeItsConnectionIsClosedFromTheWritesListenerArrives() throws Exception {
        Echo server = new Echo();
        YamuxSession client = pair.connect(() -> new YamuxSession(YamuxRole.SERVER, YamuxSocketTest.CONFIG, server),
                new YamuxSession(YamuxRole.CLIENT, YamuxSocketTest.CONFIG, null));
        YamuxStreamChannel stream = client.openStream(new Echo()).get(Patience.WAIT.toSeconds(), TimeUnit.SECONDS);
        // A ping's answer comes after the server's ACK of the stream, so the client has read all the server
        // sent: a socket closed with bytes unread sends RST instead of FIN, and the RST drops what is still
        // queued on the way (TCP's rule, not the session's; the test failed so 1-4% of runs before this).
        client.ping().get(Patience.WAIT.toSeconds(), TimeUnit.SECONDS);
        byte[] lastWords = message(3);
        // As jfrps answers a refused login: the answer, then the whole connection closed.
        stream.eventLoop().execute(() -> stream.writeAndFlush(Unpooled.wrappedBuffer(lastWords))
                .addListener(f -> pair.clientChannel().close()));
        assertThat(server.received(lastWords.length).get(Patience.WAIT.toSeconds(), TimeUnit.SECONDS))
                .isEqualTo(lastWords);
        pair.clientChannel().closeFuture().get(Patience.WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    static byte[] message(int stream) {
        return WireFrames.bytes(1000 + stream * 300, stream);
    }

    /** Collects what a stream reads until it has the expected number of bytes. */
    static final class Echo extends ChannelInboundHandlerAdapter {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final CompletableFuture<byte[]> done = new CompletableFuture<>();
        private int expected = Integer.MAX_VALUE;

        synchronized CompletableFuture<byte[]> received(int length) {
            expected = length;
            check();
            return done;
        }

        @Override
        public synchronized void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf buf = (ByteBuf) msg;
            try {
                buf.readBytes(bytes, buf.readableBytes());
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            } finally {
                buf.release();
            }
            check();
        }

        private void check() {
            if (bytes.size() >= expected) {
                done.complete(bytes.toByteArray());
            }
        }
    }
}
