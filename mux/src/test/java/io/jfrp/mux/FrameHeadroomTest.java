package io.jfrp.mux;

import io.jfrp.mux.WireFrames.Frame;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.AdaptiveRecvByteBufAllocator;
import io.netty.channel.RecvByteBufAllocator;
import io.netty.channel.WriteBufferWaterMark;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static io.jfrp.mux.WireFrames.bytes;
import static io.jfrp.mux.WireFrames.data;
import static io.jfrp.mux.WireFrames.deliver;
import static io.jfrp.mux.WireFrames.windowUpdate;
import static io.jfrp.mux.WireFrames.written;
import static io.jfrp.mux.YamuxFlags.ACK;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A Data frame whose payload starts a read buffer with headroom ({@link FrameHeadroom}) reaches the
 * connection as one buffer, header and payload; every other frame as a header and slices; the bytes
 * on the wire are the same either way.
 */
class FrameHeadroomTest extends EmbeddedSessionFixture {
    static final int W = YamuxConfig.INITIAL_WINDOW;

    YamuxStreamChannel open() {
        startSession(YamuxRole.CLIENT, YamuxSessionTest.QUIET, null);
        ch.config().setWriteBufferWaterMark(new WriteBufferWaterMark(2 * W, 4 * W));
        YamuxStreamChannel s = session.openStream(new RecordingHandler()).getNow();
        written(ch);
        return s;
    }

    /** A buffer as a relayed socket's read would make it: the headroom free, {@code payload} read behind it. */
    ByteBuf readBuffer(byte[] payload) {
        RecvByteBufAllocator.Handle handle =
                FrameHeadroom.reserving(new AdaptiveRecvByteBufAllocator(64, payload.length + 4096, 4 * W)).newHandle();
        handle.reset(ch.config());
        ByteBuf buf = handle.allocate(ch.alloc());
        assertThat(buf.readerIndex()).isEqualTo(FrameHeadroom.HEADROOM);
        buf.writeBytes(payload);
        return buf;
    }

    /** Every buffer written to the connection since the last call, as bytes; each released. */
    List<byte[]> outboundBuffers() {
        ch.runPendingTasks();
        List<byte[]> out = new ArrayList<>();
        Object msg;
        while ((msg = ch.readOutbound()) != null) {
            ByteBuf b = (ByteBuf) msg;
            out.add(ByteBufUtil.getBytes(b));
            b.release();
        }
        return out;
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }

    static byte[] frameBytes(int streamId, byte[] payload) {
        ByteBuf header = YamuxFrameWriter.writeHeader(Unpooled.buffer(), YamuxFrameType.DATA, 0, streamId, payload.length);
        byte[] frame = Arrays.copyOf(ByteBufUtil.getBytes(header), 12 + payload.length);
        System.arraycopy(payload, 0, frame, 12, payload.length);
        return frame;
    }

    @Test
    void aFrameStartingABufferWithHeadroomIsOneBufferOfHeaderAndPayload() {
        YamuxStreamChannel s = open();
        byte[] payload = bytes(5000, 7);
        ByteBuf buf = readBuffer(payload);
        s.writeAndFlush(buf);
        List<byte[]> out = outboundBuffers();
        assertThat(out).hasSize(1);
        assertThat(out.get(0)).isEqualTo(frameBytes(s.streamId(), payload));
        assertThat(buf.refCnt()).isZero();
    }

    @Test
    void aBufferWithoutHeadroomGivesTheSameBytesAsAHeaderAndAPayload() {
        YamuxStreamChannel s = open();
        byte[] payload = bytes(5000, 7);
        s.writeAndFlush(Unpooled.wrappedBuffer(payload));
        List<byte[]> out = outboundBuffers();
        assertThat(out).hasSize(2);
        assertThat(concat(out.get(0), out.get(1))).isEqualTo(frameBytes(s.streamId(), payload));
    }

    @Test
    void aFrameSpanningBuffersTakesTheHeadroomOfTheFirstOnly() {
        YamuxStreamChannel s = open();
        byte[] first = bytes(3000, 1);
        byte[] second = bytes(2000, 2);
        s.write(readBuffer(first));
        s.writeAndFlush(readBuffer(second));
        List<byte[]> out = outboundBuffers();
        // One frame of 5,000 bytes: the first buffer with the header in front, then the second.
        byte[] frame = frameBytes(s.streamId(), concat(first, second));
        assertThat(out).hasSize(2);
        assertThat(out.get(0)).isEqualTo(Arrays.copyOfRange(frame, 0, 12 + first.length));
        assertThat(out.get(1)).isEqualTo(second);
    }

    @Test
    void aFrameInTheMiddleOfABufferWhoseEarlierBytesAreStillQueuedGetsAHeaderOfItsOwn() {
        YamuxStreamChannel s = open();
        byte[] payload = bytes(W + 100, 3);
        s.writeAndFlush(readBuffer(payload));
        // The window cuts the first frame; its bytes (the buffer's, sliced) wait in the connection.
        ch.runPendingTasks();
        assertThat(ch.outboundMessages()).hasSize(1);
        deliver(ch, windowUpdate(ACK, s.streamId(), 1000));
        // The second frame starts W bytes into the buffer: the 12 bytes before it are the first
        // frame's, still unsent, so its header is a buffer of its own and they stay intact.
        List<Frame> frames = written(ch);
        assertThat(frames).containsExactly(data(0, s.streamId(), Arrays.copyOfRange(payload, 0, W)),
                data(0, s.streamId(), Arrays.copyOfRange(payload, W, W + 100)));
    }

    @Test
    void aFrameInTheMiddleOfABufferWhoseEarlierBytesAreGoneUsesThem() {
        YamuxStreamChannel s = open();
        byte[] payload = bytes(W + 100, 4);
        s.writeAndFlush(readBuffer(payload));
        assertThat(written(ch)).containsExactly(data(0, s.streamId(), Arrays.copyOfRange(payload, 0, W)));
        deliver(ch, windowUpdate(ACK, s.streamId(), 1000));
        List<byte[]> out = outboundBuffers();
        assertThat(out).hasSize(1);
        assertThat(out.get(0)).isEqualTo(frameBytes(s.streamId(), Arrays.copyOfRange(payload, W, W + 100)));
    }

    @Test
    void theSizingSeesAReadThatFillsItsBufferAsFull() {
        RecvByteBufAllocator.ExtendedHandle handle = (RecvByteBufAllocator.ExtendedHandle)
                FrameHeadroom.reserving(new AdaptiveRecvByteBufAllocator(64, 2048, 256 * 1024)).newHandle();
        startSession(YamuxRole.CLIENT, YamuxSessionTest.QUIET, null);
        int firstCapacity = 0;
        for (int loop = 0; loop < 4; loop++) {
            handle.reset(ch.config());
            ByteBuf buf = handle.allocate(ch.alloc());
            if (loop == 0) {
                firstCapacity = buf.capacity();
            }
            handle.attemptedBytesRead(buf.writableBytes());
            assertThat(handle.attemptedBytesRead()).isEqualTo(buf.writableBytes());
            buf.writerIndex(buf.capacity());
            handle.lastBytesRead(buf.readableBytes());
            assertThat(handle.lastBytesRead()).isEqualTo(buf.readableBytes());
            handle.incMessagesRead(1);
            handle.readComplete();
            buf.release();
        }
        handle.reset(ch.config());
        ByteBuf grown = handle.allocate(ch.alloc());
        assertThat(grown.capacity()).isGreaterThan(firstCapacity);
        grown.release();
    }
}
