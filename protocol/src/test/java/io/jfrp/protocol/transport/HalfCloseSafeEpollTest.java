package io.jfrp.protocol.transport;

import io.jfrp.testkit.RequiredTools;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A socket whose peer half-closed keeps writing on {@link HalfCloseSafeEpoll}'s loops: the peer
 * sends FIN at once, and only after the Netty side's large answer has met a full socket buffer
 * (so the channel had to ask for EPOLLOUT on a socket that had asked for nothing) does it start
 * reading. With Netty's plain {@code EpollIoHandler.newFactory()} in place of
 * {@code HalfCloseSafeEpoll.newFactory()} the answer is cut after a few MiB.
 */
class HalfCloseSafeEpollTest {
    private static final int ANSWER = 32 << 20;

    private EventLoopGroup group;

    @BeforeEach
    void loops() {
        if (!Epoll.isAvailable()) {
            // The native library is a test dependency: where it cannot load (not Linux x86-64), the
            // tests are skipped, except in CI, whose Linux runners must have it.
            RequiredTools.missing("epoll is unavailable here: " + Epoll.unavailabilityCause());
        }
        group = new MultiThreadIoEventLoopGroup(1, HalfCloseSafeEpoll.newFactory());
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (group != null) {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
        }
    }

    @Test
    void aLargeAnswerAfterThePeersFinArrivesWhole() throws Exception {
        byte[] answer = new byte[ANSWER];
        new Random(16).nextBytes(answer);
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CountDownLatch answerPending = new CountDownLatch(1);
            CompletableFuture<String> received = CompletableFuture.supplyAsync(() -> readAfterFin(server, answerPending));
            CompletableFuture<ChannelFuture> write = new CompletableFuture<>();
            Channel ch = new Bootstrap().group(group).channel(EpollSocketChannel.class)
                    .option(ChannelOption.ALLOW_HALF_CLOSURE, true)
                    // Not reading: the FIN's epoll round then leaves the socket asking for nothing at once
                    // (with reading on, the next round does, when the input's end is seen again).
                    .option(ChannelOption.AUTO_READ, false)
                    .handler(new ChannelInboundHandlerAdapter() {
                        @Override
                        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
                            if (evt instanceof ChannelInputShutdownEvent) {
                                // After this event's epoll round (which leaves the socket asking for nothing).
                                ctx.executor().execute(() -> {
                                    ChannelFuture f = ctx.writeAndFlush(Unpooled.wrappedBuffer(answer));
                                    write.complete(f);
                                    answerPending.countDown();
                                    f.addListener(done -> ((EpollSocketChannel) ctx.channel()).shutdownOutput());
                                });
                            }
                        }
                    })
                    .connect(server.getLocalSocketAddress()).sync().channel();
            ChannelFuture written = write.get(10, TimeUnit.SECONDS);
            String got = received.get(30, TimeUnit.SECONDS);
            assertThat(written.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(written.cause()).as("the answer's write").isNull();
            assertThat(got).as("SHA-256 of what the half-closed peer read").isEqualTo(sha256(answer));
            ch.close().sync();
        }
    }

    @Test
    void runsTellsEpollLoopsFromNio() {
        MultiThreadIoEventLoopGroup nio = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        try {
            assertThat(HalfCloseSafeEpoll.runs(group)).isTrue();
            assertThat(HalfCloseSafeEpoll.runs(nio)).isFalse();
        } finally {
            nio.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    @Test
    void epollIsTheDefaultAndFalseKeepsNio() {
        String before = System.getProperty("jfrp.epoll");
        try {
            System.clearProperty("jfrp.epoll");
            assertThat(HalfCloseSafeEpoll.chosen()).as("no option").isTrue();
            System.setProperty("jfrp.epoll", "true");
            assertThat(HalfCloseSafeEpoll.chosen()).as("-Djfrp.epoll=true").isTrue();
            System.setProperty("jfrp.epoll", "false");
            assertThat(HalfCloseSafeEpoll.chosen()).as("-Djfrp.epoll=false").isFalse();
        } finally {
            if (before == null) {
                System.clearProperty("jfrp.epoll");
            } else {
                System.setProperty("jfrp.epoll", before);
            }
        }
    }

    /** Accepts one connection, sends FIN, waits until the answer is pending, then reads to EOF. */
    private static String readAfterFin(ServerSocket server, CountDownLatch answerPending) {
        try (Socket s = server.accept()) {
            s.shutdownOutput();
            if (!answerPending.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the answer was never written");
            }
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            InputStream in = s.getInputStream();
            byte[] buf = new byte[65536];
            int r;
            while ((r = in.read(buf)) >= 0) {
                sha.update(buf, 0, r);
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
