package io.jfrp.mux;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import org.junit.jupiter.api.Test;
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

    @Test
    void thousandConcurrentStreamsOfRandomSizesEchoWithEqualHashes() throws Exception {
        YamuxSession client = connect(YamuxConfig.defaults(), StreamEchoHandler::new);
        Random sizes = new Random(42);
        List<HashingStreamClient> streams = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            HashingStreamClient h = new HashingStreamClient(1 + sizes.nextInt(1 << 20), i, true);
            streams.add(h);
            client.openStream(h);
        }
        CompletableFuture.allOf(streams.stream().map(h -> h.result).toArray(CompletableFuture[]::new))
                .get(240, TimeUnit.SECONDS);
        long total = 0;
        for (HashingStreamClient h : streams) {
            assertThat(h.result.getNow(null)).isEqualTo(h.sentSha256);
            total += h.size();
        }
        assertThat(total).isGreaterThan(400L << 20);
        await().atMost(Duration.ofSeconds(10)).until(() -> streamCount(client) == 0
                && streamCount(pair.serverSession()) == 0);
    }

    @Test
    void halfCloseFromTheServerSideFirst() throws Exception {
        byte[] greeting = WireFrames.bytes(100_000, 7);
        CompletableFuture<String> serverReceived = new CompletableFuture<>();
        YamuxSession client = connect(YamuxConfig.defaults(), () -> new HashingReader(serverReceived) {
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
        assertThat(clientReceived.get(30, TimeUnit.SECONDS)).isEqualTo(sha(greeting));
        assertThat(serverReceived.get(30, TimeUnit.SECONDS)).isEqualTo(sha(upload));
        await().atMost(Duration.ofSeconds(10)).until(() -> streamCount(client) == 0);
    }

    @Test
    void aStalledReaderHoldsItsPeerToOneWindowWhileOtherStreamsFlow() throws Exception {
        int bulk = 8 << 20;
        byte[] blob = WireFrames.bytes(bulk, 9);
        List<YamuxStreamChannel> serverStreams = new ArrayList<>();
        // Every server stream pushes `bulk` bytes to the client as fast as its window allows.
        YamuxSession client = connect(YamuxConfig.defaults(), () -> new ChannelInboundHandlerAdapter() {
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
        YamuxStreamChannel slow = client.openStream(stalled).get(5, TimeUnit.SECONDS);
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
            assertThat(f.get(60, TimeUnit.SECONDS)).isEqualTo(sha(blob));
        }
        YamuxStreamChannel serverSide = serverStreams.stream().filter(s -> s.streamId() == slow.streamId())
                .findFirst().orElseThrow();
        // The stalled stream holds exactly one window; the sender is out of credit.
        await().atMost(Duration.ofSeconds(10)).until(() -> onLoop(slow, slow::queuedInboundBytes)
                == YamuxConfig.INITIAL_WINDOW);
        assertThat(onLoop(serverSide, serverSide::sendWindow)).isZero();
        assertThat(onLoop(slow, slow::receiveWindow)).isEqualTo(YamuxConfig.INITIAL_WINDOW);
        // Reading resumes: the whole payload arrives intact.
        slow.eventLoop().execute(() -> {
            slow.config().setAutoRead(true);
        });
        assertThat(stalled.done.get(60, TimeUnit.SECONDS)).isEqualTo(sha(blob));
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
        YamuxSession client = connect(YamuxConfig.defaults(), StreamEchoHandler::new);
        List<YamuxStreamChannel> streams = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            streams.add(client.openStream(new RecordingHandler()).get(5, TimeUnit.SECONDS));
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> pair.hasServerSession()
                && streamCount(pair.serverSession()) == 10);
        client.close().sync();
        await().atMost(Duration.ofSeconds(5)).until(() -> streams.stream().noneMatch(Channel::isOpen));
        await().atMost(Duration.ofSeconds(5)).until(() -> pair.serverSession().isClosed());
        assertThat(streamCount(pair.serverSession())).isZero();
    }

    @Test
    void pingMeasuresRttOverASocket() throws Exception {
        YamuxSession client = connect(YamuxConfig.defaults(), StreamEchoHandler::new);
        Duration rtt = client.ping().get(5, TimeUnit.SECONDS);
        assertThat(rtt).isPositive().isLessThan(Duration.ofSeconds(1));
    }

    static int streamCount(YamuxSession s) throws Exception {
        return onLoop(s.channel(), s::streamCount);
    }

    static <T> T onLoop(Channel ch, java.util.concurrent.Callable<T> task) throws Exception {
        return ch.eventLoop().submit(task).get(5, TimeUnit.SECONDS);
    }

    static String sha(byte[] b) {
        return HexFormat.of().formatHex(HashingStreamClient.sha256().digest(b));
    }
}
