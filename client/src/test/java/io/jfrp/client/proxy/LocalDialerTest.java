package io.jfrp.client.proxy;

import io.netty.channel.ChannelFuture;
import io.netty.channel.ConnectTimeoutException;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Dials of local services on real sockets: a connect that completes, and one that times out. */
class LocalDialerTest {
    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final List<Socket> fillers = new ArrayList<>();

    @AfterEach
    void tearDown() throws IOException {
        for (Socket s : fillers) {
            s.close();
        }
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    @Test
    void dialsTheServiceWithReadingOffAndNagleOff() throws Exception {
        try (ServerSocket service = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            LocalDialer dialer = new LocalDialer(NioSocketChannel.class, Duration.ofSeconds(5));
            ChannelFuture dial = group.next().submit(() -> dialer.dial(group.next(), "127.0.0.1",
                    service.getLocalPort())).get(5, TimeUnit.SECONDS);
            try (Socket accepted = service.accept()) {
                assertThat(dial.await(5, TimeUnit.SECONDS)).isTrue();
                assertThat(dial.isSuccess()).as("%s", dial.cause()).isTrue();
                assertThat(dial.channel().config().isAutoRead()).isFalse();
                assertThat(((NioSocketChannel) dial.channel()).config().isTcpNoDelay()).isTrue();
                assertThat(accepted.getPort()).isEqualTo(((InetSocketAddress) dial.channel().localAddress()).getPort());
                dial.channel().close().syncUninterruptibly();
            }
        }
    }

    @Test
    void aConnectThatHangsFailsWithConnectTimeoutAndClosesTheSocket() throws Exception {
        try (ServerSocket service = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), service.getLocalPort());
            fillAcceptQueue(address);
            LocalDialer dialer = new LocalDialer(NioSocketChannel.class, Duration.ofMillis(300));
            long start = System.nanoTime();
            ChannelFuture dial = group.next().submit(() -> dialer.dial(group.next(), "127.0.0.1",
                    service.getLocalPort())).get(5, TimeUnit.SECONDS);

            assertThat(dial.await(10, TimeUnit.SECONDS)).isTrue();
            long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertThat(dial.cause()).isInstanceOf(ConnectTimeoutException.class)
                    .hasMessageContaining("300 ms").hasMessageContaining("127.0.0.1:" + service.getLocalPort());
            assertThat(tookMillis).isBetween(250L, 5_000L);
            assertThat(dial.channel().closeFuture().await(5, TimeUnit.SECONDS)).isTrue();
        }
    }

    /** Connects until the listener's accept queue is full: Linux then drops further SYNs, so a connect hangs. */
    private void fillAcceptQueue(InetSocketAddress address) throws IOException {
        for (int i = 0; i < 64; i++) {
            Socket s = new Socket();
            fillers.add(s);
            try {
                s.connect(address, 200);
            } catch (SocketTimeoutException full) {
                return;
            }
        }
        throw new IllegalStateException("the accept queue of " + address + " never filled");
    }
}
