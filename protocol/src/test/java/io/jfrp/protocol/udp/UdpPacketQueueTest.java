package io.jfrp.protocol.udp;

import io.jfrp.protocol.msg.UdpAddr;
import io.jfrp.protocol.msg.UdpPacket;
import io.jfrp.testkit.LeakDetectionExtension;
import io.jfrp.testkit.TestEventLoops;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.MessageToByteEncoder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@link UdpPacketQueue} on a real TCP connection whose peer never reads: once 32 MiB written ahead
 * of the packets are stuck in front of them, the queue takes exactly its bound of packets and drops
 * and counts the rest; with the connection above its high-water mark it takes none; and when the
 * connection closes, the failed writes give their places back.
 */
@ExtendWith(LeakDetectionExtension.class)
class UdpPacketQueueTest {
    @RegisterExtension
    static final TestEventLoops LOOPS = TestEventLoops.nio(1);

    private static final UdpAddr USER = UdpAddr.of(new InetSocketAddress("127.0.0.1", 5353));
    /** More than loopback TCP buffers hold for a peer that does not read. */
    private static final int FILLER = 32 << 20;

    @Test
    void aStuckConnectionTakesTheBoundOfPacketsAndTheRestAreDroppedAndCounted() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Channel conn = connect(listener, new WriteBufferWaterMark(64 << 20, 128 << 20));
            try (Socket peer = listener.accept()) {
                AtomicInteger meter = new AtomicInteger();
                UdpPacketQueue queue = new UdpPacketQueue(100, new DatagramDrops("test", meter::incrementAndGet));
                int written = conn.eventLoop().submit(() -> {
                    conn.writeAndFlush(Unpooled.wrappedBuffer(new byte[FILLER]));
                    int n = 0;
                    for (int i = 0; i < 1000; i++) {
                        n += queue.offer(conn, packet(i)) ? 1 : 0;
                    }
                    conn.flush();
                    queue.flushed();
                    return n;
                }).get(10, TimeUnit.SECONDS);

                assertThat(written).isEqualTo(100);
                assertThat(queue.queued()).isEqualTo(100);
                assertThat(queue.drops().total()).isEqualTo(900);
                assertThat(meter).hasValue(900);

                conn.close().sync();
                await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                        assertThat(queue.queued()).as("places given back by the failed writes").isZero());
            }
        }
    }

    @Test
    void aConnectionAboveItsHighWaterMarkTakesNoPacket() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Channel conn = connect(listener, new WriteBufferWaterMark(1024, 2048));
            try (Socket peer = listener.accept()) {
                UdpPacketQueue queue = new UdpPacketQueue(new DatagramDrops("test", () -> {
                }));
                int written = conn.eventLoop().submit(() -> {
                    conn.writeAndFlush(Unpooled.wrappedBuffer(new byte[FILLER]));
                    int n = 0;
                    for (int i = 0; i < 10; i++) {
                        n += queue.offer(conn, packet(i)) ? 1 : 0;
                    }
                    return n;
                }).get(10, TimeUnit.SECONDS);

                assertThat(written).isZero();
                assertThat(queue.drops().total()).isEqualTo(10);
                conn.close().sync();
            }
        }
    }

    private static UdpPacket packet(int i) {
        return new UdpPacket(new byte[] {(byte) i, 1, 2, 3}, null, USER);
    }

    private static Channel connect(ServerSocket listener, WriteBufferWaterMark mark) throws InterruptedException {
        return new Bootstrap().group(LOOPS.group()).channel(NioSocketChannel.class)
                .option(ChannelOption.WRITE_BUFFER_WATER_MARK, mark)
                .handler(new PayloadEncoder())
                .connect(listener.getLocalSocketAddress()).sync().channel();
    }

    /** Writes a packet's payload as is: enough to put it on the connection. */
    private static final class PayloadEncoder extends MessageToByteEncoder<UdpPacket> {
        @Override
        protected void encode(ChannelHandlerContext ctx, UdpPacket msg, ByteBuf out) {
            out.writeBytes(msg.content());
        }
    }
}
