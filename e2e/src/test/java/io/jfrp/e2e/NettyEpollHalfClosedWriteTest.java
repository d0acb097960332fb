package io.jfrp.e2e;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Netty bug behind {@link HalfCloseTest}'s late-reader failures, without jfrp: with the epoll
 * transport of Netty 4.2.18, a socket channel (ALLOW_HALF_CLOSURE) whose peer half-closed has no
 * interest ops left, so {@code EpollIoHandler.DefaultEpollIoRegistration.submit(NONE)} removes its
 * fd from epoll (EPOLL_CTL_DEL) but keeps the registration in state {@code Added}. The next write
 * that meets a full socket buffer asks for EPOLLOUT, which becomes EPOLL_CTL_MOD and fails with
 * ENOENT; Netty then shuts the output down and drops the pending data: the peer gets a FIN after
 * a few MiB of a larger write. NIO is not affected.
 *
 * <p>jfrp works around it with {@code io.jfrp.protocol.transport.HalfCloseSafeEpoll} (whose own test
 * is the same scenario on the wrapped handler). Opt-in ({@code -Djfrp.netty.repro=true}): it fails
 * for as long as the bug is in Netty, and is meant to tell when an upgrade has fixed it and the
 * workaround can go.
 */
@org.junit.jupiter.api.condition.EnabledIfSystemProperty(named = "jfrp.netty.repro", matches = "true")
class NettyEpollHalfClosedWriteTest {
    @Test
    void aLargeWriteAfterThePeerHalfClosedArrivesWhole() throws Exception {
        MultiThreadIoEventLoopGroup group = new MultiThreadIoEventLoopGroup(1, EpollIoHandler.newFactory());
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int size = 32 << 20;
            CompletableFuture<Long> received = CompletableFuture.supplyAsync(() -> {
                try (Socket s = server.accept()) {
                    s.shutdownOutput();          // FIN at once: the Netty side's input ends
                    Thread.sleep(500);           // not reading yet: the Netty side must wait for EPOLLOUT
                    InputStream in = s.getInputStream();
                    long n = 0;
                    byte[] buf = new byte[65536];
                    int r;
                    while ((r = in.read(buf)) >= 0) {
                        n += r;
                    }
                    return n;
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            CountDownLatch inputShutdown = new CountDownLatch(1);
            CompletableFuture<Throwable> failure = new CompletableFuture<>();
            Channel ch = new Bootstrap().group(group).channel(EpollSocketChannel.class)
                    .option(ChannelOption.ALLOW_HALF_CLOSURE, true)
                    .handler(new ChannelInboundHandlerAdapter() {
                        @Override
                        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
                            if (evt instanceof ChannelInputShutdownEvent) {
                                inputShutdown.countDown();
                            }
                        }

                        @Override
                        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                            failure.complete(cause);
                        }
                    })
                    .connect(server.getLocalSocketAddress()).sync().channel();
            assertThat(inputShutdown.await(5, TimeUnit.SECONDS)).isTrue();
            Thread.sleep(100);
            ch.writeAndFlush(Unpooled.wrappedBuffer(new byte[size])).addListener(f -> {
                if (!f.isSuccess()) {
                    failure.complete(f.cause());
                }
                ((EpollSocketChannel) ch).shutdownOutput();
            });
            long got = received.get(20, TimeUnit.SECONDS);
            assertThat(got).as("bytes received; write failure: %s", failure.getNow(null)).isEqualTo(size);
            ch.close().sync();
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
        }
    }
}
