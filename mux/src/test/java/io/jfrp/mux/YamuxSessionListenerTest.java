package io.jfrp.mux;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.local.LocalAddress;
import io.netty.channel.local.LocalChannel;
import io.netty.channel.local.LocalIoHandler;
import io.netty.channel.local.LocalServerChannel;
import io.netty.util.ReferenceCountUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A session's listener hears every stream open and close once, and a sender running out of window. */
class YamuxSessionListenerTest {
    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(2, LocalIoHandler.newFactory());
    private Channel server;
    private Channel client;

    /** Counts what it is told. */
    static final class Counting implements YamuxSessionListener {
        final AtomicInteger opened = new AtomicInteger();
        final AtomicInteger closed = new AtomicInteger();
        final AtomicInteger stalls = new AtomicInteger();

        @Override
        public void streamOpened() {
            opened.incrementAndGet();
        }

        @Override
        public void streamClosed() {
            closed.incrementAndGet();
        }

        @Override
        public void windowStalled() {
            stalls.incrementAndGet();
        }
    }

    /** A server stream that never reads: what the client sends fills the stream's window. */
    static final class NotReading extends ChannelInboundHandlerAdapter {
        @Override
        public void handlerAdded(ChannelHandlerContext ctx) {
            ctx.channel().config().setAutoRead(false);
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ReferenceCountUtil.release(msg);
        }
    }

    @AfterEach
    void tearDown() throws Exception {
        if (client != null) {
            client.close().sync();
        }
        if (server != null) {
            server.close().sync();
        }
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
    }

    private YamuxSession connect(Counting serverEvents, Counting clientEvents, boolean serverReads) throws Exception {
        LocalAddress address = new LocalAddress("yamux-listener-" + System.nanoTime());
        server = new ServerBootstrap().group(group).channel(LocalServerChannel.class)
                .childHandler(new ChannelInitializer<LocalChannel>() {
                    @Override
                    protected void initChannel(LocalChannel ch) {
                        ch.pipeline().addLast(new YamuxSession(YamuxRole.SERVER, YamuxConfig.defaults(),
                                serverReads ? new StreamEchoHandler() : new NotReading()).listener(serverEvents));
                    }
                }).bind(address).sync().channel();
        YamuxSession session = new YamuxSession(YamuxRole.CLIENT, YamuxConfig.defaults(), null).listener(clientEvents);
        client = new Bootstrap().group(group).channel(LocalChannel.class).handler(session)
                .connect(address).sync().channel();
        return session;
    }

    @Test
    void everyStreamIsOpenedAndClosedOnceOnBothSides() throws Exception {
        Counting serverEvents = new Counting();
        Counting clientEvents = new Counting();
        YamuxSession session = connect(serverEvents, clientEvents, true);
        List<HashingStreamClient> streams = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            HashingStreamClient h = new HashingStreamClient(10_000, i, true);
            streams.add(h);
            session.openStream(h);
        }
        for (HashingStreamClient h : streams) {
            assertThat(h.result.get(20, TimeUnit.SECONDS)).isEqualTo(h.sentSha256);
        }
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(clientEvents.opened).hasValue(5);
            assertThat(serverEvents.opened).hasValue(5);
            assertThat(clientEvents.closed).hasValue(5);
            assertThat(serverEvents.closed).hasValue(5);
        });
        // A stream still open when its session ends is closed then, and counted once.
        session.openStream(new ChannelInboundHandlerAdapter()).sync();
        await().atMost(Duration.ofSeconds(10)).until(() -> serverEvents.opened.get() == 6);
        client.close().sync();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(clientEvents.closed).hasValue(6);
            assertThat(serverEvents.closed).hasValue(6);
        });
        assertThat(clientEvents.stalls).hasValue(0);
    }

    @Test
    void aSenderThatRunsOutOfWindowIsAStall() throws Exception {
        Counting clientEvents = new Counting();
        YamuxSession session = connect(new Counting(), clientEvents, false);
        YamuxStreamChannel stream = session.openStream(new ChannelInboundHandlerAdapter()).sync().getNow();
        // More than the initial 256 KiB window, which the server never grants again.
        stream.writeAndFlush(Unpooled.wrappedBuffer(new byte[YamuxConfig.INITIAL_WINDOW + 64 * 1024]));
        await().atMost(Duration.ofSeconds(10)).until(() -> clientEvents.stalls.get() == 1);
        assertThat(stream.eventLoop().submit(stream::sendWindow).get()).isZero();
    }
}
