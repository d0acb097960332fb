package io.jfrp.mux;

import io.netty.buffer.AbstractByteBufAllocator;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.buffer.UnpooledDirectByteBuf;
import io.netty.buffer.UnpooledHeapByteBuf;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The expected bytes are written by hand from PROTOCOL.md §1: version(1)=00, type(1),
 * flags(2), stream id(4), length(4), all big-endian.
 */
class YamuxFrameWriterTest {
    private static final ByteBufAllocator ALLOC = UnpooledByteBufAllocator.DEFAULT;

    private final List<ByteBuf> buffers = new ArrayList<>();

    /** {@code buf}, released after the test whatever the test does. */
    private ByteBuf released(ByteBuf buf) {
        buffers.add(buf);
        return buf;
    }

    @AfterEach
    void releaseBuffers() {
        buffers.forEach(ByteBuf::release);
    }

    /** Encodes one header with {@link YamuxFrameWriter#header}, returns its hex and releases it. */
    private static String encode(YamuxFrameType type, int flags, int streamId, long length) {
        ByteBuf buf = YamuxFrameWriter.header(ALLOC, type, flags, streamId, length);
        try {
            assertThat(buf.readableBytes()).isEqualTo(12);
            return ByteBufUtil.hexDump(buf);
        } finally {
            buf.release();
        }
    }

    /** One header per row: type, flags, stream id, length, and the bytes PROTOCOL.md §1 gives for it. */
    @ParameterizedTest(name = "{0} {1} stream {2} length {3}")
    @CsvSource({
        "WINDOW_UPDATE, SYN,         1, 0,          000100010000000100000000",
        "WINDOW_UPDATE, ACK,         2, 262144,     000100020000000200040000", // 256 KiB = 0x00040000
        "DATA,          SYN,         1, 5,          000000010000000100000005",
        "DATA,          FIN,         3, 16384,      000000040000000300004000", // 16 KiB = 0x4000
        "DATA,          RST,         4, 0,          000000080000000400000000", // no payload
        "PING,          SYN,         0, 3735928559, 0002000100000000deadbeef", // opaque 0xDEADBEEF, above 2^31
        "PING,          ACK,         0, 7,          000200020000000000000007", // echoes the opaque value
        "WINDOW_UPDATE, SYN|ACK|FIN, 5, 1,          000100070000000500000001", // multiple flags
    })
    void headerBytes(YamuxFrameType type, String flagNames, int streamId, long length, String hex) {
        assertThat(encode(type, flags(flagNames), streamId, length)).isEqualTo(hex);
    }

    /** "SYN|ACK" to {@code YamuxFlags.SYN | YamuxFlags.ACK}. */
    private static int flags(String names) {
        int flags = 0;
        for (String name : names.split("\\|")) {
            flags |= switch (name) {
                case "SYN" -> YamuxFlags.SYN;
                case "ACK" -> YamuxFlags.ACK;
                case "FIN" -> YamuxFlags.FIN;
                case "RST" -> YamuxFlags.RST;
                default -> throw new IllegalArgumentException("no flag " + name);
            };
        }
        return flags;
    }

    @Test
    void goAwayEachCode() {
        assertThat(encode(YamuxFrameType.GO_AWAY, 0, 0, YamuxErrorCode.NORMAL.code()))
                .isEqualTo("000300000000000000000000");
        assertThat(encode(YamuxFrameType.GO_AWAY, 0, 0, YamuxErrorCode.PROTOCOL_ERROR.code()))
                .isEqualTo("000300000000000000000001");
        assertThat(encode(YamuxFrameType.GO_AWAY, 0, 0, YamuxErrorCode.INTERNAL_ERROR.code()))
                .isEqualTo("000300000000000000000002");
    }

    @Test
    void unsignedStreamIdAndLength() {
        // Stream ids are u32 carried in an int: -1 is 0xFFFFFFFF, MIN_VALUE+1 is 0x80000001.
        assertThat(encode(YamuxFrameType.DATA, YamuxFlags.ALL, -1, 0xFFFF_FFFFL))
                .isEqualTo("0000000fffffffffffffffff");
        assertThat(encode(YamuxFrameType.WINDOW_UPDATE, 0, 0x8000_0001, 0x8000_0000L))
                .isEqualTo("000100008000000180000000");
    }

    @Test
    void headerBufferIsExactlyTwelveBytes() {
        ByteBuf buf = released(YamuxFrameWriter.header(ALLOC, YamuxFrameType.PING, YamuxFlags.SYN, 0, 1));
        assertThat(buf.readerIndex()).isZero();
        assertThat(buf.writerIndex()).isEqualTo(12);
        assertThat(buf.maxCapacity()).isEqualTo(12);
    }

    @Test
    void writeHeaderAppendsAndReturnsSameBuffer() {
        ByteBuf buf = released(Unpooled.buffer());
        buf.writeByte(0xaa);
        ByteBuf returned = YamuxFrameWriter.writeHeader(buf, YamuxFrameType.DATA, YamuxFlags.ACK, 9, 3);
        assertThat(returned).isSameAs(buf);
        YamuxFrameWriter.writeHeader(buf, YamuxFrameType.GO_AWAY, 0, 0, 1);
        assertThat(ByteBufUtil.hexDump(buf))
                .isEqualTo("aa" + "000000020000000900000003" + "000300000000000000000001");
    }

    @Test
    void lengthOutOfU32RangeRejectedWithoutWriting() {
        ByteBuf buf = released(Unpooled.buffer());
        assertThatThrownBy(() -> YamuxFrameWriter.writeHeader(buf, YamuxFrameType.DATA, 0, 1, -1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-1");
        assertThatThrownBy(() -> YamuxFrameWriter.writeHeader(buf, YamuxFrameType.WINDOW_UPDATE, 0, 1,
                0x1_0000_0000L))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("4294967296");
        assertThatThrownBy(() -> YamuxFrameWriter.writeHeader(buf, YamuxFrameType.PING, 0, 0, Long.MAX_VALUE))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(buf.writerIndex()).isZero();
    }

    /** Records every buffer it hands out, so a test can check that all were released. */
    private static final class RecordingAllocator extends AbstractByteBufAllocator {
        final List<ByteBuf> allocated = new ArrayList<>();

        RecordingAllocator() {
            super(false);
        }

        @Override
        protected ByteBuf newHeapBuffer(int initialCapacity, int maxCapacity) {
            return recorded(new UnpooledHeapByteBuf(this, initialCapacity, maxCapacity));
        }

        @Override
        protected ByteBuf newDirectBuffer(int initialCapacity, int maxCapacity) {
            return recorded(new UnpooledDirectByteBuf(this, initialCapacity, maxCapacity));
        }

        private ByteBuf recorded(ByteBuf b) {
            allocated.add(b);
            return b;
        }

        @Override
        public boolean isDirectBufferPooled() {
            return false;
        }

        /** Releases whatever is still live and returns how many there were. */
        int releaseLive() {
            int live = 0;
            for (ByteBuf b : allocated) {
                if (b.refCnt() > 0) {
                    live++;
                    b.release(b.refCnt());
                }
            }
            return live;
        }
    }

    @Test
    void headerWithOutOfRangeLengthRejected() {
        RecordingAllocator alloc = new RecordingAllocator();
        int live;
        try {
            assertThatThrownBy(() -> YamuxFrameWriter.header(alloc, YamuxFrameType.DATA, 0, 1, 1L << 32))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("length out of u32 range: 4294967296");
            assertThatThrownBy(() -> YamuxFrameWriter.header(alloc, YamuxFrameType.DATA, 0, 1, -5))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("length out of u32 range: -5");
        } finally {
            // Released here either way, so the class-wide leak check does not fire as well.
            live = alloc.releaseLive();
        }
        assertThat(live).as("buffers header() allocated and left unreleased when it rejected the length")
                .isZero();
    }

    @Test
    void roundTripThroughTheReader() throws Exception {
        ByteBuf wire = released(Unpooled.buffer());
        YamuxFrameWriter.writeHeader(wire, YamuxFrameType.WINDOW_UPDATE, YamuxFlags.SYN, 0xFFFF_FFFF, 0xFFFF_FFFFL);
        YamuxFrameWriter.writeHeader(wire, YamuxFrameType.DATA, YamuxFlags.FIN, 0x8000_0000, 2);
        wire.writeBytes(new byte[] {0x68, 0x69});
        YamuxFrameWriter.writeHeader(wire, YamuxFrameType.PING, YamuxFlags.ACK, 0, 0x8000_0000L);
        YamuxFrameWriter.writeHeader(wire, YamuxFrameType.GO_AWAY, 0, 0, 2);
        List<String> seen = new ArrayList<>();
        new YamuxFrameReader(256 * 1024).readFrames(wire, new YamuxFrameListener() {
            @Override
            public void onData(int streamId, int flags, ByteBuf data) {
                seen.add("data " + Integer.toUnsignedString(streamId) + " " + flags + " "
                        + ByteBufUtil.hexDump(data));
                data.release();
            }

            @Override
            public void onWindowUpdate(int streamId, int flags, long delta) {
                seen.add("wu " + Integer.toUnsignedString(streamId) + " " + flags + " " + delta);
            }

            @Override
            public void onPing(int flags, long opaque) {
                seen.add("ping " + flags + " " + opaque);
            }

            @Override
            public void onGoAway(YamuxErrorCode code) {
                seen.add("goaway " + code);
            }
        });
        assertThat(seen).containsExactly(
                "wu 4294967295 1 4294967295",
                "data 2147483648 4 6869",
                "ping 2 2147483648",
                "goaway INTERNAL_ERROR");
        assertThat(wire.readableBytes()).isZero();
    }
}
