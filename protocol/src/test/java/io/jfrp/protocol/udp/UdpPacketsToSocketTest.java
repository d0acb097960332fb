package io.jfrp.protocol.udp;

import io.jfrp.protocol.msg.Message;
import io.jfrp.protocol.msg.UdpAddr;
import io.jfrp.protocol.msg.UdpPacket;
import io.jfrp.testkit.LeakDetectionExtension;
import io.jfrp.testkit.TestEventLoops;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@link UdpPacketsToSocket} writing one read batch of a connection to a real UDP socket that runs on
 * another event loop (as frpc's sudp visitor does): with the packets' high-water mark on the socket
 * ({@link UdpPacket#QUEUE_WATER_MARK}) a batch of {@value #BATCH} datagrams of {@value #SIZE} bytes,
 * eleven times Netty's default mark, all leave and arrive, byte for byte; with Netty's default the
 * flush asked from the connection's loop is only queued on the socket's, so most of the batch is
 * dropped, and counted.
 */
@ExtendWith(LeakDetectionExtension.class)
class UdpPacketsToSocketTest {
    @RegisterExtension
    static final TestEventLoops LOOPS = TestEventLoops.nio(2);

    private static final int BATCH = 600;
    private static final int SIZE = 1200;

    @Test
    void aBatchFromAnotherLoopLeavesWholeWithThePacketsHighWaterMark() throws Exception {
        try (DatagramSocket user = receiver()) {
            Outcome out = sendBatch(user, UdpPacket.QUEUE_WATER_MARK);

            assertThat(out.drops).isZero();
            assertThat(out.written).isEqualTo(BATCH);
            for (int i = 0; i < BATCH; i++) {
                DatagramPacket d = new DatagramPacket(new byte[SIZE + 1], SIZE + 1);
                user.receive(d);
                assertThat(Arrays.copyOf(d.getData(), d.getLength())).as("datagram %d", i).isEqualTo(payload(i));
            }
        }
    }

    @Test
    void withNettysDefaultMarkTheBatchIsCutAndTheDropsCounted() throws Exception {
        try (DatagramSocket user = receiver()) {
            Outcome out = sendBatch(user, WriteBufferWaterMark.DEFAULT);

            assertThat(out.drops).isPositive();
            assertThat(out.written + out.drops).isEqualTo(BATCH);
        }
    }

    private record Outcome(int written, long drops) {
    }

    /** Sends {@value #BATCH} packets to {@code user} from a socket on one loop, read on the other. */
    private static Outcome sendBatch(DatagramSocket user, WriteBufferWaterMark mark) throws Exception {
        EventLoop socketLoop = LOOPS.group().next();
        EventLoop connLoop = LOOPS.group().next();
        assertThat(connLoop).isNotSameAs(socketLoop);
        Channel socket = new Bootstrap().group(socketLoop).channel(NioDatagramChannel.class)
                .option(ChannelOption.WRITE_BUFFER_WATER_MARK, mark)
                .handler(new ChannelInboundHandlerAdapter())
                .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)).sync().channel();
        try {
            AtomicInteger written = new AtomicInteger();
            AtomicInteger done = new AtomicInteger();
            DatagramDrops drops = DatagramDrops.ofSocket("test", () -> {
            });
            UdpPacketsToSocket handler = new UdpPacketsToSocket(socket, f -> {
                if (f.isSuccess()) {
                    written.incrementAndGet();
                }
                done.incrementAndGet();
            }, drops) {
                @Override
                protected void otherMessage(Message msg) {
                    throw new AssertionError("unexpected " + msg);
                }

                @Override
                protected void failed(Throwable cause) {
                    throw new AssertionError(cause);
                }
            };
            UdpAddr to = UdpAddr.of((InetSocketAddress) user.getLocalSocketAddress());
            connLoop.submit(() -> {
                EmbeddedChannel conn = new EmbeddedChannel(handler);
                Object[] batch = new Object[BATCH];
                for (int i = 0; i < BATCH; i++) {
                    batch[i] = new UdpPacket(payload(i), null, to);
                }
                conn.writeInbound(batch); // one read batch: BATCH reads, then one read-complete
                conn.finishAndReleaseAll();
            }).get(10, TimeUnit.SECONDS);
            await().atMost(Duration.ofSeconds(10)).until(() -> done.get() + drops.total() == BATCH);
            return new Outcome(written.get(), drops.total());
        } finally {
            socket.close().sync();
        }
    }

    private static DatagramSocket receiver() throws Exception {
        DatagramSocket user = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        user.setReceiveBufferSize(4 << 20); // the kernel caps it at net.core.rmem_max
        user.setSoTimeout(10_000);
        return user;
    }

    private static byte[] payload(int i) {
        byte[] p = new byte[SIZE];
        for (int k = 0; k < SIZE; k++) {
            p[k] = (byte) (i * 31 + k);
        }
        return p;
    }
}
