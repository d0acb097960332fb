package io.jfrp.client.proxy;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ConnectTimeoutException;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramChannelConfig;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.ReferenceCountUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Dials of local services on real sockets: a connect that completes, its read loops, one that times out, a UDP socket. */
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
            ChannelFuture dial = dial(service, Duration.ofSeconds(5));
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

    /**
     * A read loop takes several socket reads when the service has sent more than one buffer, as a
     * socket with Netty's default allocator does: a dialed socket that read once per loop made a
     * download through jfrpc wake, read 64 KiB and flush it for every 64 KiB.
     */
    @Test
    void aReadLoopReadsTheSocketSeveralTimes() throws Exception {
        int total = 4 << 20;
        try (ServerSocket service = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            ChannelFuture dial = dial(service, Duration.ofSeconds(5));
            try (Socket accepted = service.accept()) {
                assertThat(dial.await(5, TimeUnit.SECONDS)).isTrue();
                ReadLoops loops = new ReadLoops(total);
                dial.channel().pipeline().addLast(loops);
                dial.channel().config().setAutoRead(true);
                accepted.getOutputStream().write(new byte[total]); // blocks until the channel has read most of it

                assertThat(loops.allRead.await(10, TimeUnit.SECONDS)).isTrue();
                assertThat(loops.mostReadsInOneLoop).as("socket reads in one read loop").isGreaterThan(1);
                dial.channel().close().syncUninterruptibly();
            }
        }
    }

    /**
     * A bulk transfer is read in pieces larger than Netty's default 64 KiB ({@code RelayReads}: up to
     * 256 KiB), so a relay hands the session fewer, larger batches. The service sends 16 MiB through a
     * large send buffer, so the socket has more than 64 KiB waiting whenever the channel reads.
     */
    @Test
    void aBulkTransferIsReadInPiecesLargerThan64KiB() throws Exception {
        int total = 16 << 20;
        try (ServerSocket service = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            ChannelFuture dial = dial(service, Duration.ofSeconds(5));
            try (Socket accepted = service.accept()) {
                assertThat(dial.await(5, TimeUnit.SECONDS)).isTrue();
                accepted.setSendBufferSize(4 << 20);
                ReadLoops loops = new ReadLoops(total);
                dial.channel().pipeline().addLast(loops);
                dial.channel().config().setAutoRead(true);
                accepted.getOutputStream().write(new byte[total]);

                assertThat(loops.allRead.await(10, TimeUnit.SECONDS)).isTrue();
                assertThat(loops.largestRead).as("bytes of the largest socket read").isGreaterThan(64 * 1024)
                        .isLessThanOrEqualTo(256 * 1024);
                dial.channel().close().syncUninterruptibly();
            }
        }
    }

    /** Dials {@code service} from the group's loop, as a work connection does, with a dial timeout of {@code timeout}. */
    /**
     * A UDP socket to a service reads its datagrams and has a receive buffer of 1 MiB (as far as
     * net.core.rmem_max allows): with the kernel's default, some 90 datagrams of 1,200 bytes, iperf3
     * -u at 100 Mbit/s lost datagrams there whenever the loop paused.
     */
    @Test
    void dialsAUdpServiceWithALargeReceiveBuffer() throws Exception {
        Path rmemMax = Path.of("/proc/sys/net/core/rmem_max");
        int allowed = Math.min(LocalDialer.UDP_RECEIVE_BUFFER, Integer.parseInt(Files.readString(rmemMax).trim()));
        try (DatagramSocket service = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            LocalDialer dialer = new LocalDialer(NioSocketChannel.class, Duration.ofSeconds(5), NioDatagramChannel.class,
                    1500, Duration.ofSeconds(30));
            BlockingQueue<String> received = new LinkedBlockingQueue<>();
            ChannelFuture dial = dialer.dialUdp(group.next(), (InetSocketAddress) service.getLocalSocketAddress(),
                    new SimpleChannelInboundHandler<DatagramPacket>() {
                        @Override
                        protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
                            received.add(packet.content().toString(StandardCharsets.US_ASCII));
                        }
                    });
            assertThat(dial.await(5, TimeUnit.SECONDS)).isTrue();
            assertThat(dial.isSuccess()).as("%s", dial.cause()).isTrue();
            try {
                assertThat(((DatagramChannelConfig) dial.channel().config()).getReceiveBufferSize())
                        .isGreaterThanOrEqualTo(allowed);
                byte[] answer = "answer".getBytes(StandardCharsets.US_ASCII);
                service.send(new java.net.DatagramPacket(answer, answer.length, dial.channel().localAddress()));
                assertThat(received.poll(5, TimeUnit.SECONDS)).isEqualTo("answer");
            } finally {
                dial.channel().close().syncUninterruptibly();
            }
        }
    }

    private ChannelFuture dial(ServerSocket service, Duration timeout) throws Exception {
        LocalDialer dialer = new LocalDialer(NioSocketChannel.class, timeout);
        return group.next().submit(() -> dialer.dial(group.next(), "127.0.0.1", service.getLocalPort()))
                .get(5, TimeUnit.SECONDS);
    }

    /** Counts the reads of each read loop (channelRead calls before a channelReadComplete). */
    private static final class ReadLoops extends ChannelInboundHandlerAdapter {
        private final CountDownLatch allRead = new CountDownLatch(1);
        private long left;
        private int readsInThisLoop;
        private volatile int mostReadsInOneLoop;
        private volatile int largestRead;

        ReadLoops(long expected) {
            this.left = expected;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            readsInThisLoop++;
            int bytes = ((ByteBuf) msg).readableBytes();
            largestRead = Math.max(largestRead, bytes);
            left -= bytes;
            ReferenceCountUtil.release(msg);
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            mostReadsInOneLoop = Math.max(mostReadsInOneLoop, readsInThisLoop);
            readsInThisLoop = 0;
            if (left <= 0) {
                allRead.countDown();
            }
        }
    }

    @Test
    void aConnectThatHangsFailsWithConnectTimeoutAndClosesTheSocket() throws Exception {
        try (ServerSocket service = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), service.getLocalPort());
            fillAcceptQueue(address);
            long start = System.nanoTime();
            ChannelFuture dial = dial(service, Duration.ofMillis(300));

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
