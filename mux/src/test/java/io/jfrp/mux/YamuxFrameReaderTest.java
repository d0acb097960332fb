package io.jfrp.mux;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Exact bytes in, exact callbacks out. Every header here is written by hand from PROTOCOL.md §1:
 * {@code version(1) type(1) flags(2) stream(4) length(4)}, big-endian.
 */
class YamuxFrameReaderTest {
    private static final long WINDOW = 256 * 1024;

    /** Every input buffer a test creates; checked and released after each test. */
    private final List<ByteBuf> inputs = new ArrayList<>();
    /** Data slices a test chose to keep; released after each test. */
    private final List<ByteBuf> kept = new ArrayList<>();

    @AfterEach
    void releaseBuffers() {
        for (ByteBuf b : kept) {
            if (b.refCnt() > 0) {
                b.release();
            }
        }
        kept.clear();
        for (ByteBuf in : inputs) {
            // The reader must not retain anything of the input beyond the slices it hands out,
            // and every listener in this class releases those: the input is back to one owner.
            assertThat(in.refCnt()).as("input refCnt after the test").isEqualTo(1);
            in.release();
        }
        inputs.clear();
    }

    private ByteBuf in(String hex) {
        ByteBuf b = Unpooled.buffer();
        b.writeBytes(bytes(hex));
        inputs.add(b);
        return b;
    }

    /** The bytes of {@code hex}, whose spaces (between header fields) are ignored. */
    private static byte[] bytes(String hex) {
        return ByteBufUtil.decodeHexDump(hex.replace(" ", ""));
    }

    private static String hex(String s) {
        return ByteBufUtil.hexDump(s.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    }

    /** One callback, with unsigned values as longs. */
    record Event(String kind, long streamId, int flags, long value, String payloadHex) {
        static Event data(long streamId, int flags, String payloadHex) {
            return new Event("data", streamId, flags, payloadHex.length() / 2, payloadHex);
        }

        static Event windowUpdate(long streamId, int flags, long delta) {
            return new Event("windowUpdate", streamId, flags, delta, null);
        }

        static Event ping(int flags, long opaque) {
            return new Event("ping", 0, flags, opaque, null);
        }

        static Event goAway(YamuxErrorCode code) {
            return new Event("goAway", 0, 0, code.code(), null);
        }
    }

    /** Reads every frame of {@code in} with the default window; returns what the listener heard. */
    private List<Event> readAll(ByteBuf in) throws Exception {
        Recorder r = new Recorder();
        new YamuxFrameReader(WINDOW).readFrames(in, r);
        return r.events;
    }

    /** Records every callback; releases Data buffers unless told to keep them. */
    private class Recorder implements YamuxFrameListener {
        final List<Event> events = new ArrayList<>();
        final List<ByteBuf> dataBuffers = new ArrayList<>();
        final boolean keep;

        Recorder(boolean keep) {
            this.keep = keep;
        }

        Recorder() {
            this(false);
        }

        @Override
        public void onData(int streamId, int flags, ByteBuf data) {
            events.add(Event.data(Integer.toUnsignedLong(streamId), flags, ByteBufUtil.hexDump(data)));
            if (keep) {
                dataBuffers.add(data);
                kept.add(data);
            } else {
                data.release();
            }
        }

        @Override
        public void onWindowUpdate(int streamId, int flags, long delta) {
            events.add(Event.windowUpdate(Integer.toUnsignedLong(streamId), flags, delta));
        }

        @Override
        public void onPing(int flags, long opaque) {
            events.add(Event.ping(flags, opaque));
        }

        @Override
        public void onGoAway(YamuxErrorCode code) {
            events.add(Event.goAway(code));
        }
    }

    // ---------------------------------------------------------------- each type

    @Test
    void dataFrameWithPayload() throws Exception {
        ByteBuf in = in("00 00 0001 00000001 00000003" + hex("abc"));
        assertThat(readAll(in)).containsExactly(Event.data(1, YamuxFlags.SYN, hex("abc")));
        assertThat(in.readableBytes()).isZero();
    }

    @Test
    void dataFrameWithEveryFlagAndHighStreamId() throws Exception {
        ByteBuf in = in("00 00 000f ffffffff 00000002 cafe");
        assertThat(readAll(in)).containsExactly(Event.data(0xFFFF_FFFFL, 0xF, "cafe"));
    }

    @Test
    void windowUpdateWithUnsignedDeltaAndStreamAbove2pow31() throws Exception {
        ByteBuf in = in("00 01 0002 80000001 ffffffff");
        assertThat(readAll(in)).containsExactly(Event.windowUpdate(0x8000_0001L, YamuxFlags.ACK, 0xFFFF_FFFFL));
        assertThat(in.readableBytes()).isZero();
    }

    @Test
    void windowUpdateSynWithZeroDelta() throws Exception {
        ByteBuf in = in("00 01 0001 00000001 00000000");
        assertThat(readAll(in)).containsExactly(Event.windowUpdate(1, YamuxFlags.SYN, 0));
    }

    @Test
    void windowUpdateRstFin() throws Exception {
        ByteBuf in = in("00 01 000c 00000002 00040000");
        assertThat(readAll(in)).containsExactly(
                Event.windowUpdate(2, YamuxFlags.FIN | YamuxFlags.RST, 256 * 1024));
    }

    @Test
    void pingSynAndAckWithUnsignedOpaque() throws Exception {
        ByteBuf in = in("00 02 0001 00000000 deadbeef" + "00 02 0002 00000000 80000000");
        assertThat(readAll(in)).containsExactly(
                Event.ping(YamuxFlags.SYN, 0xDEAD_BEEFL),
                Event.ping(YamuxFlags.ACK, 0x8000_0000L));
    }

    @Test
    void goAwayEachCode() throws Exception {
        ByteBuf in = in("00 03 0000 00000000 00000000"
                + "00 03 0000 00000000 00000001"
                + "00 03 0000 00000000 00000002");
        assertThat(readAll(in)).containsExactly(
                Event.goAway(YamuxErrorCode.NORMAL),
                Event.goAway(YamuxErrorCode.PROTOCOL_ERROR),
                Event.goAway(YamuxErrorCode.INTERNAL_ERROR));
    }

    // ---------------------------------------------------------------- framing

    @Test
    void severalFramesInOneBufferLeavePartialHeaderUnread() throws Exception {
        ByteBuf in = in("00 00 0001 00000001 00000003" + hex("abc")
                + "00 01 0000 00000001 00001000"
                + "00 02 0002 00000000 0000002a"
                + "00 00 0004 00000003 00000002" + hex("de")
                + "00 03 0000 00000000 00000000"
                + "00 00 00 02 00"); // first five bytes of another header
        assertThat(readAll(in)).containsExactly(
                Event.data(1, YamuxFlags.SYN, hex("abc")),
                Event.windowUpdate(1, 0, 0x1000),
                Event.ping(YamuxFlags.ACK, 42),
                Event.data(3, YamuxFlags.FIN, hex("de")),
                Event.goAway(YamuxErrorCode.NORMAL));
        assertThat(ByteBufUtil.hexDump(in)).isEqualTo("0000000200");
    }

    @Test
    void nothingDeliveredUntilHeaderComplete() throws Exception {
        ByteBuf in = in("00 01 0000 00000001 000000");
        Recorder r = new Recorder();
        YamuxFrameReader reader = new YamuxFrameReader(WINDOW);
        reader.readFrames(in, r);
        assertThat(r.events).isEmpty();
        assertThat(in.readableBytes()).isEqualTo(11);
        in.writeByte(0x07);
        reader.readFrames(in, r);
        assertThat(r.events).containsExactly(Event.windowUpdate(1, 0, 7));
        assertThat(in.readableBytes()).isZero();
    }

    @Test
    void byteByByteDeliversEachFrameOnItsLastByte() throws Exception {
        byte[] wire = ByteBufUtil.decodeHexDump(
                "000100010000000100000000"                 // 0..11   WindowUpdate|SYN 1 delta 0
                        + "000000000000000100000005" + hex("hello") // 12..28  Data 1 "hello"
                        + "000000040000000100000000"           // 29..40  Data|FIN 1 empty
                        + "000200010000000000000009");         // 41..52  Ping|SYN 9
        ByteBuf in = in("");
        Recorder r = new Recorder();
        YamuxFrameReader reader = new YamuxFrameReader(WINDOW);
        List<Integer> deliveredAt = new ArrayList<>();
        for (int i = 0; i < wire.length; i++) {
            int before = r.events.size();
            in.writeByte(wire[i]);
            reader.readFrames(in, r);
            for (int k = before; k < r.events.size(); k++) {
                deliveredAt.add(i);
            }
        }
        assertThat(r.events).containsExactly(
                Event.windowUpdate(1, YamuxFlags.SYN, 0),
                Event.data(1, 0, hex("hello")),
                Event.data(1, YamuxFlags.FIN, ""),
                Event.ping(YamuxFlags.SYN, 9));
        assertThat(deliveredAt).containsExactly(11, 28, 40, 52);
        assertThat(in.readableBytes()).isZero();
    }

    @Test
    void inPiecesDeliversWhatArrivedAtEachReadWithTheFlagsOnTheLastPiece() throws Exception {
        byte[] wire = ByteBufUtil.decodeHexDump(
                "000000010000000100000005" + hex("hello")    // 0..16  Data|SYN 1 "hello"
                        + "000000040000000100000000"              // 17..28 Data|FIN 1 empty
                        + "000200010000000000000009");            // 29..40 Ping|SYN 9
        ByteBuf in = in("");
        Recorder r = new Recorder();
        YamuxFrameReader reader = YamuxFrameReader.inPieces(WINDOW);
        for (byte b : wire) {
            in.writeByte(b);
            reader.readFrames(in, r);
            // Nothing is ever left waiting once a header has been read: the input is used up.
            assertThat(in.readableBytes()).isLessThan(12);
        }
        assertThat(r.events).containsExactly(
                Event.data(1, 0, hex("h")), Event.data(1, 0, hex("e")), Event.data(1, 0, hex("l")),
                Event.data(1, 0, hex("l")), Event.data(1, YamuxFlags.SYN, hex("o")),
                Event.data(1, YamuxFlags.FIN, ""),
                Event.ping(YamuxFlags.SYN, 9));
        assertThat(in.readableBytes()).isZero();
    }

    @Test
    void inPiecesSplitAtEveryPointJoinsToTheFrameAndConsumesTheInput() throws Exception {
        byte[] wire = bytes("00 00 0006 00000007 00000006" + hex("yamux!"));
        for (int split = 1; split < wire.length; split++) {
            int at = split;
            Recorder r = readInTwo(YamuxFrameReader.inPieces(WINDOW), wire, split, (first, in) ->
                    // A partial header waits; once the header is read, the payload's first bytes go at once.
                    assertThat(in.readableBytes()).as("unread after %d bytes", at).isEqualTo(at < 12 ? at : 0));
            StringBuilder joined = new StringBuilder();
            for (int i = 0; i < r.events.size(); i++) {
                Event e = r.events.get(i);
                boolean last = i == r.events.size() - 1;
                assertThat(e.flags()).as("flags of piece %d, split at %d", i, split)
                        .isEqualTo(last ? YamuxFlags.ACK | YamuxFlags.FIN : 0);
                assertThat(e.payloadHex()).as("piece %d is never empty", i).isNotEmpty();
                joined.append(e.payloadHex());
            }
            assertThat(r.events).hasSize(split <= 12 ? 1 : 2);
            assertThat(joined.toString()).isEqualTo(hex("yamux!"));
        }
    }

    @Test
    void inPiecesSkipsTheWholePayloadOfADeclinedFrame() throws Exception {
        ByteBuf in = in("00 00 0000 00000003 00000004" + hex("ab"));
        Recorder r = new Recorder() {
            @Override
            public boolean onDataHeader(int streamId, int flags, long length) {
                return false;
            }
        };
        YamuxFrameReader reader = YamuxFrameReader.inPieces(WINDOW);
        reader.readFrames(in, r);
        in.writeBytes(ByteBufUtil.decodeHexDump(hex("cd") + "000200010000000000000001"));
        reader.readFrames(in, r);
        assertThat(r.events).containsExactly(Event.ping(YamuxFlags.SYN, 1));
    }

    @Test
    void dataFrameSplitAtEveryPointAcrossTwoReads() throws Exception {
        byte[] wire = bytes("00 00 0002 00000007 00000006" + hex("yamux!"));
        for (int split = 1; split < wire.length; split++) {
            int at = split;
            Recorder r = readInTwo(new YamuxFrameReader(WINDOW), wire, split, (first, in) -> {
                assertThat(first.events).as("after %d bytes", at).isEmpty();
                // A complete header is consumed; a partial one is left in place.
                assertThat(in.readableBytes()).as("unread after %d bytes", at).isEqualTo(at < 12 ? at : at - 12);
            });
            assertThat(r.events).as("split at %d", split)
                    .containsExactly(Event.data(7, YamuxFlags.ACK, hex("yamux!")));
        }
    }

    /**
     * Feeds {@code wire} to {@code reader} in two reads split at {@code split}, runs
     * {@code betweenReads} on the recorder and the input after the first, and checks that the second
     * consumed everything.
     */
    private Recorder readInTwo(YamuxFrameReader reader, byte[] wire, int split,
                               BiConsumer<Recorder, ByteBuf> betweenReads) throws YamuxException {
        ByteBuf in = in("");
        Recorder r = new Recorder();
        in.writeBytes(wire, 0, split);
        reader.readFrames(in, r);
        betweenReads.accept(r, in);
        in.writeBytes(wire, split, wire.length - split);
        reader.readFrames(in, r);
        assertThat(in.readableBytes()).as("unread at the end, split at %d", split).isZero();
        return r;
    }

    @Test
    void dataIsARetainedSliceOfTheInputWithExactlyThePayload() throws Exception {
        ByteBuf in = in("00 00 0000 00000005 00000004 01020304 ff");
        Recorder r = new Recorder(true);
        new YamuxFrameReader(WINDOW).readFrames(in, r);

        assertThat(r.dataBuffers).hasSize(1);
        ByteBuf data = r.dataBuffers.get(0);
        assertThat(data.readableBytes()).isEqualTo(4);
        assertThat(ByteBufUtil.hexDump(data)).isEqualTo("01020304");
        // A retained slice shares the input's memory and reference count: no copy.
        assertThat(in.refCnt()).isEqualTo(2);
        in.setByte(12, 0x7f);
        assertThat(data.getByte(data.readerIndex())).isEqualTo((byte) 0x7f);
        // The trailing byte is not part of the payload and stays in the input.
        assertThat(in.readableBytes()).isEqualTo(1);
        assertThat(in.readUnsignedByte()).isEqualTo((short) 0xff);

        kept.remove(data);
        assertThat(data.release()).isFalse(); // the input still holds its own reference
        assertThat(in.refCnt()).isEqualTo(1);
    }

    @Test
    void zeroLengthDataIsDeliveredAtOnceAsEmptyBuffer() throws Exception {
        ByteBuf in = in("00 00 0004 00000003 00000000");
        Recorder r = new Recorder(true);
        new YamuxFrameReader(WINDOW).readFrames(in, r);
        assertThat(r.events).containsExactly(Event.data(3, YamuxFlags.FIN, ""));
        assertThat(r.dataBuffers.get(0).readableBytes()).isZero();
        assertThat(in.readableBytes()).isZero();
    }

    @Test
    void zeroLengthDataFollowedByAnotherFrame() throws Exception {
        ByteBuf in = in("00 00 0008 00000003 00000000" + "00 01 0000 00000003 00000010");
        assertThat(readAll(in)).containsExactly(
                Event.data(3, YamuxFlags.RST, ""),
                Event.windowUpdate(3, 0, 16));
    }

    @Test
    void dataOfExactlyMaxDataLengthIsAccepted() throws Exception {
        ByteBuf in = in("00 00 0000 00000001 00000010 000102030405060708090a0b0c0d0e0f");
        Recorder r = new Recorder();
        new YamuxFrameReader(16).readFrames(in, r);
        assertThat(r.events).containsExactly(Event.data(1, 0, "000102030405060708090a0b0c0d0e0f"));
    }

    @Test
    void listenerExceptionStopsReading() {
        ByteBuf in = in("00 01 0000 00000001 00000001" + "00 01 0000 00000001 00000002");
        List<Long> seen = new ArrayList<>();
        YamuxFrameListener throwing = new Recorder() {
            @Override
            public void onWindowUpdate(int streamId, int flags, long delta) {
                seen.add(delta);
                throw new IllegalStateException("listener failed");
            }
        };
        try {
            new YamuxFrameReader(WINDOW).readFrames(in, throwing);
            fail("expected the listener's exception");
        } catch (IllegalStateException expected) {
            assertThat(expected).hasMessage("listener failed");
        } catch (YamuxException e) {
            fail("unexpected", e);
        }
        assertThat(seen).containsExactly(1L);
    }

    // ---------------------------------------------------------------- malformed headers

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', textBlock = """
            version 1                   ; 01 00 0000 00000001 00000000 ; unsupported yamux version 1
            version 255                 ; ff 01 0000 00000001 00000000 ; unsupported yamux version 255
            type 4                      ; 00 04 0000 00000001 00000000 ; unknown frame type 4
            type 255                    ; 00 ff 0000 00000000 00000000 ; unknown frame type 255
            flag 0x10 on Data           ; 00 00 0010 00000001 00000000 ; DATA frame on stream 1 has undefined flags 0x10
            flag 0x8000 on WindowUpdate ; 00 01 8000 00000001 00000000 ; WINDOW_UPDATE frame on stream 1 has undefined flags 0x8000
            flag 0x10 on Ping           ; 00 02 0011 00000000 00000000 ; PING frame on stream 0 has undefined flags 0x11
            Data on stream 0            ; 00 00 0000 00000000 00000000 ; DATA frame on stream 0
            WindowUpdate on stream 0    ; 00 01 0001 00000000 00000000 ; WINDOW_UPDATE frame on stream 0
            Ping on stream 1            ; 00 02 0001 00000001 00000000 ; PING frame on stream 1 (must be 0)
            Ping on stream 2^31         ; 00 02 0001 80000000 00000000 ; PING frame on stream 2147483648 (must be 0)
            GoAway on stream 3          ; 00 03 0000 00000003 00000000 ; GO_AWAY frame on stream 3 (must be 0)
            Ping flags 0                ; 00 02 0000 00000000 00000000 ; Ping with flags 0 (expected SYN or ACK)
            Ping flags SYN+ACK          ; 00 02 0003 00000000 00000000 ; Ping with flags SYN|ACK (expected SYN or ACK)
            Ping flags FIN              ; 00 02 0004 00000000 00000000 ; Ping with flags FIN (expected SYN or ACK)
            GoAway code 3               ; 00 03 0000 00000000 00000003 ; GoAway with unknown code 3
            GoAway code 2^32-1          ; 00 03 0000 00000000 ffffffff ; GoAway with unknown code 4294967295
            Data one above window       ; 00 00 0000 00000001 00040001 ; Data frame on stream 1 has length 262145, above the largest window 262144
            Data 2^31 on stream 2^32-1  ; 00 00 0000 ffffffff 80000000 ; Data frame on stream 4294967295 has length 2147483648
            """)
    void malformedHeaderIsProtocolError(String name, String header, String message) {
        ByteBuf in = in(header);
        Recorder r = new Recorder();
        YamuxException e = expectYamuxException(new YamuxFrameReader(WINDOW), in, r);
        assertThat(e.code()).isEqualTo(YamuxErrorCode.PROTOCOL_ERROR);
        assertThat(e.getMessage()).contains(message);
        assertThat(r.events).isEmpty();
    }

    @Test
    void malformedHeaderCheckedBeforeItsPayloadArrives() {
        // Header claims 1 MiB of data; no payload at all has arrived. The error is immediate.
        ByteBuf in = in("00 00 0000 00000001 00100000");
        Recorder r = new Recorder();
        YamuxException e = expectYamuxException(new YamuxFrameReader(WINDOW), in, r);
        assertThat(e.code()).isEqualTo(YamuxErrorCode.PROTOCOL_ERROR);
        assertThat(e.getMessage()).isEqualTo(
                "Data frame on stream 1 has length 1048576, above the largest window 262144");
    }

    @Test
    void framesBeforeAMalformedOneAreDelivered() {
        ByteBuf in = in("00 02 0001 00000000 00000001" + "00 01 0000 00000000 00000000"
                + "00 02 0001 00000000 00000002");
        Recorder r = new Recorder();
        YamuxException e = expectYamuxException(new YamuxFrameReader(WINDOW), in, r);
        assertThat(e.getMessage()).isEqualTo("WINDOW_UPDATE frame on stream 0 (the session)");
        assertThat(r.events).containsExactly(Event.ping(YamuxFlags.SYN, 1));
    }

    @Test
    void exactMessagesForVersionTypeAndFlags() {
        assertThat(expectYamuxException(new YamuxFrameReader(WINDOW), in("01 00 0000 00000001 00000000"),
                new Recorder()).getMessage()).isEqualTo("unsupported yamux version 1 (expected 0)");
        assertThat(expectYamuxException(new YamuxFrameReader(WINDOW), in("00 04 0000 00000001 00000000"),
                new Recorder()).getMessage()).isEqualTo("unknown frame type 4");
        assertThat(expectYamuxException(new YamuxFrameReader(WINDOW), in("00 00 0010 00000001 00000000"),
                new Recorder()).getMessage()).isEqualTo("DATA frame on stream 1 has undefined flags 0x10");
        assertThat(expectYamuxException(new YamuxFrameReader(WINDOW), in("00 00 0000 00000000 00000000"),
                new Recorder()).getMessage()).isEqualTo("DATA frame on stream 0 (the session)");
    }

    private static YamuxException expectYamuxException(YamuxFrameReader reader, ByteBuf in, YamuxFrameListener l) {
        try {
            reader.readFrames(in, l);
        } catch (YamuxException e) {
            return e;
        }
        throw new AssertionError("expected a YamuxException for " + ByteBufUtil.hexDump(in));
    }
}
