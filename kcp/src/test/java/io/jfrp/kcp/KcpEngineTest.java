package io.jfrp.kcp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The engine alone, under a simulated millisecond clock and a simulated link (delay, random loss,
 * per-packet drop rules): deterministic, no sockets, no sleeping.
 */
class KcpEngineTest {
    /** Two engines joined by a simulated link, advanced 1 ms at a time. */
    private static final class Link {
        record InFlight(long at, long order, boolean toB, byte[] bytes) {
        }

        final Random random;
        final double loss;
        final int delay;
        final PriorityQueue<InFlight> wire = new PriorityQueue<>((x, y) -> x.at != y.at
                ? Long.compare(x.at, y.at) : Long.compare(x.order, y.order));
        final List<byte[]> sentByA = new ArrayList<>();
        Predicate<byte[]> dropFromA = p -> false;
        long order;
        int now = 1000;
        KcpEngine a;
        KcpEngine b;

        Link(long seed, double loss, int delay) {
            this.random = new Random(seed);
            this.loss = loss;
            this.delay = delay;
        }

        KcpEngine.Output outputOf(boolean fromA) {
            return (buffer, length) -> {
                byte[] copy = java.util.Arrays.copyOf(buffer, length);
                if (fromA) {
                    sentByA.add(copy);
                    if (dropFromA.test(copy)) {
                        return;
                    }
                }
                if (random.nextDouble() >= loss) {
                    wire.add(new InFlight(now + delay, order++, fromA, copy));
                }
            };
        }

        void step(int interval) {
            now++;
            while (!wire.isEmpty() && wire.peek().at <= now) {
                InFlight p = wire.poll();
                KcpEngine to = p.toB ? b : a;
                assertThat(to.input(p.bytes, 0, p.bytes.length, true, false, now)).isZero();
            }
            if (now % interval == 0) {
                a.flush(false, now);
                b.flush(false, now);
            }
        }
    }

    private static KcpEngine frpEngine(int conv, KcpEngine.Output out) {
        KcpEngine e = new KcpEngine(conv, out);
        e.setStreamMode(true);
        e.setNoDelay(1, 20, 2, 1);
        e.setMtu(1350);
        e.setWindowSize(128, 512);
        return e;
    }

    private static ByteBuf buf(byte[] bytes) {
        return Unpooled.wrappedBuffer(bytes);
    }

    @Test
    void pushSegmentLayout() {
        List<byte[]> out = new ArrayList<>();
        KcpEngine e = new KcpEngine(0x01020304, (b, n) -> out.add(java.util.Arrays.copyOf(b, n)));
        e.setStreamMode(true);
        ByteBuf data = buf("hello".getBytes());
        assertThat(e.send(data, 5)).isZero();
        // as in kcp-go, cwnd starts at 0 with congestion control on: the first flush sends nothing
        e.flush(false, 0x0a0b0c00);
        assertThat(out).isEmpty();
        e.flush(false, 0x0a0b0c0d);
        assertThat(out).hasSize(1);
        assertThat(java.util.HexFormat.of().formatHex(out.get(0))).isEqualTo(
                "04030201" + "51" + "00" + "2000" + "0d0c0b0a" + "00000000" + "00000000" + "05000000"
                        + "68656c6c6f");
    }

    @Test
    void ackEchoesSnAndTimestampAndAdvancesUna() {
        Link link = new Link(1, 0, 5);
        link.a = new KcpEngine(7, link.outputOf(true));
        link.b = new KcpEngine(7, link.outputOf(false));
        link.a.setNoDelay(-1, -1, -1, 1);
        link.a.send(buf(new byte[100]), 100);
        link.a.flush(false, link.now);
        List<byte[]> fromB = new ArrayList<>();
        link.b = new KcpEngine(7, (b, n) -> fromB.add(java.util.Arrays.copyOf(b, n)));
        byte[] push = link.sentByA.get(0);
        link.b.input(push, 0, push.length, true, false, 1010);
        link.b.flush(false, 1010);
        assertThat(fromB).hasSize(1);
        byte[] ack = fromB.get(0);
        assertThat(ack).hasSize(24);
        assertThat(ack[4]).isEqualTo(KcpSegment.CMD_ACK);
        assertThat(KcpSegment.getInt(ack, 8)).as("ts echoed").isEqualTo(1000);
        assertThat(KcpSegment.getInt(ack, 12)).as("sn").isZero();
        assertThat(KcpSegment.getInt(ack, 16)).as("una").isEqualTo(1);
        assertThat(KcpSegment.getShort(ack, 6)).as("wnd: 32 - 1 queued").isEqualTo(31);
        assertThat(link.a.waitSnd()).isEqualTo(1);
        link.a.input(ack, 0, ack.length, true, false, 1040);
        assertThat(link.a.waitSnd()).isZero();
        // first RTT sample 40 ms: srtt 40, rttvar 20, rto = 40 + max(100, 80) = 140
        assertThat(link.a.srtt()).isEqualTo(40);
        assertThat(link.a.rto()).isEqualTo(140);
    }

    @Test
    void streamModeCoalescesWrites() {
        List<byte[]> out = new ArrayList<>();
        KcpEngine e = new KcpEngine(1, (b, n) -> out.add(java.util.Arrays.copyOf(b, n)));
        e.setStreamMode(true);
        for (int i = 0; i < 10; i++) {
            e.send(buf(new byte[100]), 100);
        }
        assertThat(e.waitSnd()).isEqualTo(1);
        e.send(buf(new byte[2000]), 2000);
        // 1000 + 2000 bytes in segments of mss 1376: 3 segments
        assertThat(e.waitSnd()).isEqualTo(3);
    }

    @Test
    void messageModeKeepsBoundariesAndLimitsFragments() {
        Link link = new Link(2, 0.1, 10);
        link.a = new KcpEngine(3, link.outputOf(true));
        link.b = new KcpEngine(3, link.outputOf(false));
        link.a.setWindowSize(256, 256);
        link.b.setWindowSize(256, 256);
        byte[] big = new byte[5000];
        new Random(4).nextBytes(big);
        assertThat(link.a.send(buf(big), big.length)).isZero();
        assertThat(link.a.send(buf(new byte[10]), 10)).isZero();
        assertThat(link.a.send(buf(new byte[1376 * 256]), 1376 * 256)).as("257 fragments").isEqualTo(-2);
        List<byte[]> messages = new ArrayList<>();
        for (int i = 0; i < 20000 && messages.size() < 2; i++) {
            link.step(10);
            int size;
            while ((size = link.b.peekSize()) > 0) {
                ByteBuf dst = Unpooled.buffer(size);
                assertThat(link.b.recv(dst)).isEqualTo(size);
                messages.add(java.util.Arrays.copyOf(dst.array(), size));
            }
        }
        assertThat(messages).hasSize(2);
        assertThat(messages.get(0)).isEqualTo(big);
        assertThat(messages.get(1)).hasSize(10);
    }

    @Test
    void fastResendBeatsTheRetransmissionTimeout() {
        Link link = new Link(3, 0, 10);
        link.a = frpEngine(9, link.outputOf(true));
        link.b = frpEngine(9, link.outputOf(false));
        // lose the first transmission of sn 0 only
        int[] sn0Sent = {0};
        link.dropFromA = p -> p.length > 24 && p[4] == KcpSegment.CMD_PUSH && KcpSegment.getInt(p, 12) == 0
                && sn0Sent[0]++ == 0;
        link.a.send(buf(new byte[1318]), 1318);
        link.a.flush(false, link.now);
        int start = link.now;
        for (int i = 1; i <= 4; i++) {
            link.step(1000); // no timer flushes: only input-driven ones
            link.a.send(buf(new byte[1318]), 1318);
            link.a.flush(false, link.now);
        }
        int resentAt = -1;
        for (int i = 0; i < 200 && resentAt < 0; i++) {
            link.step(20);
            if (sn0Sent[0] > 1) {
                resentAt = link.now;
            }
        }
        assertThat(resentAt).as("sn 0 resent").isPositive();
        assertThat(resentAt - start).as("before the initial RTO of 200 ms").isLessThan(KcpEngine.RTO_DEF);
    }

    @Test
    void zeroWindowIsProbedAndReopened() {
        Link link = new Link(4, 0, 5);
        link.a = new KcpEngine(5, link.outputOf(true));
        link.b = new KcpEngine(5, link.outputOf(false));
        link.a.setNoDelay(1, 10, 2, 1);
        link.b.setNoDelay(1, 10, 2, 1);
        link.a.setWindowSize(8, 8);
        link.b.setWindowSize(8, 4);
        link.a.setStreamMode(true);
        link.a.send(buf(new byte[1376 * 8]), 1376 * 8);
        for (int i = 0; i < 1000; i++) {
            link.step(10);
        }
        assertThat(link.a.rmtWnd()).as("receiver full, not reading").isZero();
        int before = countCmd(link.sentByA, KcpSegment.CMD_WASK);
        for (int i = 0; i < 8000; i++) {
            link.step(10);
        }
        assertThat(countCmd(link.sentByA, KcpSegment.CMD_WASK)).as("probe after 7 s").isGreaterThan(before);
        ByteBuf sink = Unpooled.buffer(1376 * 8);
        while (link.b.peekSize() > 0) {
            link.b.recv(sink);
        }
        for (int i = 0; i < 100; i++) {
            link.step(10);
            while (link.b.peekSize() > 0) {
                link.b.recv(sink);
            }
        }
        assertThat(link.a.rmtWnd()).as("WINS reopened the window").isPositive();
        assertThat(sink.readableBytes()).isEqualTo(1376 * 8);
        assertThat(link.a.waitSnd()).isZero();
    }

    private static int countCmd(List<byte[]> packets, byte cmd) {
        int n = 0;
        for (byte[] p : packets) {
            for (int off = 0; off + 24 <= p.length; off += 24 + KcpSegment.getInt(p, off + 20)) {
                if (p[off + 4] == cmd) {
                    n++;
                }
            }
        }
        return n;
    }

    @Test
    void lossyLinkDeliversEveryByteWithFrpSettings() throws Exception {
        transfer(new Link(5, 0.2, 15), true, 1 << 20);
    }

    @Test
    void lossyLinkDeliversEveryByteWithCongestionControl() throws Exception {
        transfer(new Link(6, 0.05, 30), false, 256 << 10);
    }

    private static void transfer(Link link, boolean frp, int total) throws Exception {
        if (frp) {
            link.a = frpEngine(11, link.outputOf(true));
            link.b = frpEngine(11, link.outputOf(false));
        } else {
            link.a = new KcpEngine(11, link.outputOf(true));
            link.b = new KcpEngine(11, link.outputOf(false));
            link.a.setStreamMode(true);
            link.b.setStreamMode(true);
        }
        byte[] data = new byte[total];
        new Random(8).nextBytes(data);
        ByteBuf src = buf(data);
        ByteBuf received = Unpooled.buffer(total);
        int interval = frp ? 20 : 100;
        for (int i = 0; i < 600_000 && received.readableBytes() < total; i++) {
            while (src.isReadable() && link.a.writable()) {
                link.a.send(src, Math.min(src.readableBytes(), link.a.mss()));
            }
            link.step(interval);
            int size;
            while ((size = link.b.peekSize()) > 0) {
                received.ensureWritable(size);
                link.b.recv(received);
            }
        }
        assertThat(received.readableBytes()).isEqualTo(total);
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        assertThat(sha.digest(java.util.Arrays.copyOf(received.array(), total)))
                .isEqualTo(MessageDigest.getInstance("SHA-256").digest(data));
    }

    @Test
    void rejectsForeignConvAndGarbage() {
        KcpEngine e = new KcpEngine(1, (b, n) -> { });
        byte[] packet = new byte[24];
        KcpSegment.putInt(packet, 0, 2);
        packet[4] = KcpSegment.CMD_PUSH;
        assertThat(e.input(packet, 0, 24, true, false, 0)).isEqualTo(-1);
        KcpSegment.putInt(packet, 0, 1);
        packet[4] = 99;
        assertThat(e.input(packet, 0, 24, true, false, 0)).isEqualTo(-3);
        packet[4] = KcpSegment.CMD_PUSH;
        KcpSegment.putInt(packet, 20, 100);
        assertThat(e.input(packet, 0, 24, true, false, 0)).as("length beyond the packet").isEqualTo(-2);
        KcpSegment.putInt(packet, 20, -1);
        assertThat(e.input(packet, 0, 24, true, false, 0)).isEqualTo(-2);
        assertThat(e.input(packet, 0, 10, true, false, 0)).isEqualTo(-1);
    }
}
