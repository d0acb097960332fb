package io.jfrp.mux;

import io.jfrp.testkit.Patience;
import io.jfrp.testkit.Progress;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Sessions over real TCP sockets on 127.0.0.1, two event loops, hash-checked data. */
class YamuxSocketTest {
    /**
     * The defaults, with a keepalive timeout that only a hang reaches: these tests move hundreds of
     * megabytes between two sessions of one JVM, and on a loaded machine a Ping ACK behind that data
     * can take longer than the default 10 s, which closed the session mid-test. Keepalive itself is
     * tested in {@link KeepaliveTest}.
     */
    static final YamuxConfig CONFIG = YamuxConfig.defaults()
            .withKeepalive(YamuxConfig.DEFAULT_KEEPALIVE_INTERVAL, Patience.WAIT);

    @RegisterExtension
    final SessionPair pair = SessionPair.tcp();

    /** Starts a server whose sessions give every inbound stream the handler from {@code streams}. */
    YamuxSession connect(YamuxConfig config, Supplier<ChannelHandler> streams) throws Exception {
        return pair.connect(() -> new YamuxSession(YamuxRole.SERVER, config, new ChannelInitializer<Channel>() {
            @Override
            protected void initChannel(Channel stream) {
                stream.pipeline().addLast(streams.get());
            }
        }), new YamuxSession(YamuxRole.CLIENT, config, null));
    }

    /** Slow under load (some 800 MB through two sessions): bounded by its progress, and by a long timeout. */
    @Test
    @Timeout(value = 15, unit = TimeUnit.MINUTES)
    void thousandConcurrentStreamsOfRandomSizesEchoWithEqualHashes() throws Exception {
        YamuxSession client = connect(CONFIG, StreamEchoHandler::new);
        Random sizes = new Random(42);
        List<HashingStreamClient> streams = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            HashingStreamClient h = new HashingStreamClient(1 + sizes.nextInt(1 << 20), i, true);
            streams.add(h);
            client.openStream(h);
        }
        Progress.await("1000 echo streams",
                CompletableFuture.allOf(streams.stream().map(h -> h.result).toArray(CompletableFuture[]::new)),
                () -> streams.stream().filter(h -> h.result.isDone()).count(), Patience.WAIT);
        long total = 0;
        for (HashingStreamClient h : streams) {
            assertThat(h.result.getNow(null)).isEqualTo(h.sentSha256);
            total += h.size();
        }
        assertThat(total).isGreaterThan(400L << 20);
        await().atMost(Patience.WAIT).until(() -> streamCount(client) == 0
                && streamCount(pair.serverSession()) == 0);
    }

    @Test
    void halfCloseFromTheServerSideFirst() throws Exception {
        byte[] greeting = WireFrames.bytes(100_000, 7);
        CompletableFuture<String> serverReceived = new CompletableFuture<>();
        YamuxSession client = connect(CONFIG, () -> new HashingReader(serverReceived) {
            @Override
            public void channelActive(ChannelHandlerContext ctx) {
                ctx.writeAndFlush(Unpooled.wrappedBuffer(greeting));
                ((YamuxStreamChannel) ctx.channel()).shutdownOutput();
            }
        });
        // The client reads the greeting to its end (the server's FIN), and only then sends its own
        // data and FIN: writing after input shutdown must work.
        byte[] upload = WireFrames.bytes(3_000_000, 8);
        CompletableFuture<String> clientReceived = new CompletableFuture<>();
        client.openStream(new HashingReader(clientReceived) {
            @Override
            void inputShutdown(ChannelHandlerContext ctx) {
                ctx.writeAndFlush(Unpooled.wrappedBuffer(upload));
                ((YamuxStreamChannel) ctx.channel()).shutdownOutput();
            }
        });
        assertThat(clientReceived.get(Patience.WAIT.toMillis(), TimeUnit.MILLISECONDS)).isEqualTo(sha(greeting));
        assertThat(serverReceived.get(Patience.WAIT.toMillis(), TimeUnit.MILLISECONDS)).isEqualTo(sha(upload));
        await().atMost(Patience.WAIT).until(() -> streamCount(client) == 0);
    }

    @Test
    void aStalledReaderHoldsItsPeerToOneWindowWhileOtherStreamsFlow() throws Exception {
        int bulk = 8 << 20;
        byte[] blob = WireFrames.bytes(bulk, 9);
        List<YamuxStreamChannel> serverStreams = new ArrayList<>();
        // Every server stream pushes `bulk` bytes to the client as fast as its window allows.
        YamuxSession client = connect(CONFIG, () -> new ChannelInboundHandlerAdapter() {
            int offset;

            @Override
            public void channelActive(ChannelHandlerContext ctx) {
                synchronized (serverStreams) {
                    serverStreams.add((YamuxStreamChannel) ctx.channel());
                }
                push(ctx);
            }

            @Override
            public void channelWritabilityChanged(ChannelHandlerContext ctx) {
                push(ctx);
            }

            private void push(ChannelHandlerContext ctx) {
                while (offset < bulk && ctx.channel().isWritable()) {
                    int n = Math.min(65536, bulk - offset);
                    ByteBuf chunk = Unpooled.wrappedBuffer(blob, offset, n);
                    // Advance first: write() may fire writability events that re-enter push().
                    offset += n;
                    ctx.write(chunk, ctx.voidPromise());
                }
                ctx.flush();
                if (offset == bulk) {
                    offset = Integer.MAX_VALUE;
                    ((YamuxStreamChannel) ctx.channel()).shutdownOutput();
                }
            }

            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                ((ByteBuf) msg).release();
            }
        });
        StalledReader stalled = new StalledReader();
        YamuxStreamChannel slow = client.openStream(stalled).get(Patience.WAIT.toMillis(), TimeUnit.MILLISECONDS);
        slow.writeAndFlush(Unpooled.wrappedBuffer(new byte[] {1}));
        // Meanwhile other streams move their whole payload.
        List<CompletableFuture<String>> others = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            CompletableFuture<String> done = new CompletableFuture<>();
            others.add(done);
            client.openStream(new HashingReader(done) {
                @Override
                public void channelActive(ChannelHandlerContext ctx) {
                    ctx.writeAndFlush(Unpooled.wrappedBuffer(new byte[] {2}));
                }
            });
        }
        for (CompletableFuture<String> f : others) {
            assertThat(f.get(Patience.WAIT.toMillis(), TimeUnit.MILLISECONDS)).isEqualTo(sha(blob));
        }
        YamuxStreamChannel serverSide = serverStreams.stream().filter(s -> s.streamId() == slow.streamId())
                .findFirst().orElseThrow();
        // The stalled stream holds exactly one window; the sender is out of credit.
        await().atMost(Patience.WAIT).until(() -> onLoop(slow, slow::queuedInboundBytes)
                == YamuxConfig.INITIAL_WINDOW);
        assertThat(onLoop(serverSide, serverSide::sendWindow)).isZero();
        assertThat(onLoop(slow, slow::receiveWindow)).isEqualTo(YamuxConfig.INITIAL_WINDOW);
        // Reading resumes: the whole payload arrives intact.
        slow.eventLoop().execute(() -> {
            slow.config().setAutoRead(true);
        });
        assertThat(stalled.done.get(Patience.WAIT.toMillis(), TimeUnit.MILLISECONDS)).isEqualTo(sha(blob));
    }

    /** A stream handler that does not read until auto-read is switched back on. */
    static final class StalledReader extends HashingReader {
        @Override
        public void handlerAdded(ChannelHandlerContext ctx) {
            ctx.channel().config().setAutoRead(false);
        }
    }

    @Test
    void closingTheConnectionClosesEveryStreamOnBothSides() throws Exception {
        YamuxSession client = connect(CONFIG, StreamEchoHandler::new);
        List<YamuxStreamChannel> streams = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            streams.add(client.openStream(new RecordingHandler()).get(Patience.WAIT.toMillis(), TimeUnit.MILLISECONDS));
        }
        await().atMost(Patience.WAIT).until(() -> pair.hasServerSession()
                && streamCount(pair.serverSession()) == 10);
        client.close().sync();
        await().atMost(Patience.WAIT).until(() -> streams.stream().noneMatch(Channel::isOpen));
        await().atMost(Patience.WAIT).until(() -> pair.serverSession().isClosed());
        assertThat(streamCount(pair.serverSession())).isZero();
    }

    @Test
    void pingMeasuresRttOverASocket() throws Exception {
        YamuxSession client = connect(CONFIG, StreamEchoHandler::new);
        Duration rtt = client.ping().get(Patience.WAIT.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(rtt).isPositive().isLessThan(Duration.ofSeconds(1));
    }

    static int streamCount(YamuxSession s) throws Exception {
        return onLoop(s.channel(), s::streamCount);
    }

    static <T> T onLoop(Channel ch, java.util.concurrent.Callable<T> task) throws Exception {
        return ch.eventLoop().submit(task).get(Patience.WAIT.toMillis(), TimeUnit.MILLISECONDS);
    }

    static String sha(byte[] b) {
        return HexFormat.of().formatHex(HashingStreamClient.sha256().digest(b));
    }
}
