package io.jfrp.mux;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.local.LocalAddress;
import io.netty.channel.local.LocalChannel;
import io.netty.channel.local.LocalIoHandler;
import io.netty.channel.local.LocalServerChannel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Round trips between two sessions over Netty's in-VM LocalChannel, on separate event loops. */
class YamuxLocalChannelTest {
    final EventLoopGroup group = new MultiThreadIoEventLoopGroup(2, LocalIoHandler.newFactory());
    Channel server;
    Channel client;

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

    YamuxSession connect(YamuxConfig config) throws Exception {
        LocalAddress address = new LocalAddress("yamux-" + System.nanoTime());
        server = new ServerBootstrap().group(group).channel(LocalServerChannel.class)
                .childHandler(new ChannelInitializer<LocalChannel>() {
                    @Override
                    protected void initChannel(LocalChannel ch) {
                        ch.pipeline().addLast(new YamuxSession(YamuxRole.SERVER, config, new StreamEchoHandler()));
                    }
                }).bind(address).sync().channel();
        YamuxSession session = new YamuxSession(YamuxRole.CLIENT, config, null);
        client = new Bootstrap().group(group).channel(LocalChannel.class).handler(session)
                .connect(address).sync().channel();
        return session;
    }

    @Test
    void streamsRoundTripWithEqualHashes() throws Exception {
        YamuxSession session = connect(YamuxConfig.defaults());
        Random sizes = new Random(1);
        List<HashingStreamClient> streams = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            HashingStreamClient h = new HashingStreamClient(sizes.nextInt(600_000), i, true);
            streams.add(h);
            session.openStream(h);
        }
        CompletableFuture.allOf(streams.stream().map(h -> h.result).toArray(CompletableFuture[]::new))
                .get(60, TimeUnit.SECONDS);
        for (HashingStreamClient h : streams) {
            assertThat(h.result.getNow(null)).isEqualTo(h.sentSha256);
        }
    }

    @Test
    void smallFramesStillCarryEverything() throws Exception {
        YamuxSession session = connect(YamuxConfig.defaults().withMaxFrameSize(1000));
        HashingStreamClient h = new HashingStreamClient(1_000_000, 3, true);
        session.openStream(h);
        assertThat(h.result.get(30, TimeUnit.SECONDS)).isEqualTo(h.sentSha256);
    }

    @Test
    void rttIsMeasuredAtStartForAutoTuning() throws Exception {
        YamuxSession session = connect(YamuxConfig.defaults());
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5))
                .until(() -> session.channel().eventLoop().submit(() -> !session.smoothedRtt().isZero()).get()
                        .booleanValue());
    }
}
