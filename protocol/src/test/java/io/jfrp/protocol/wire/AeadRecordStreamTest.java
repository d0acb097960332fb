package io.jfrp.protocol.wire;

import io.jfrp.testkit.EmbeddedChannels;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.UnsupportedMessageTypeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static io.jfrp.protocol.testing.ChannelBytes.concat;
import static io.jfrp.protocol.testing.ChannelBytes.deliver;
import static io.jfrp.protocol.testing.ChannelBytes.hex;
import static io.jfrp.protocol.testing.ChannelBytes.inbound;
import static io.jfrp.protocol.testing.ChannelBytes.outbound;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link AeadRecordEncoder} and {@link AeadRecordDecoder}: layout, limits, errors, chunking. */
class AeadRecordStreamTest {
    private static final Random RANDOM = new Random(99);
    @RegisterExtension
    final EmbeddedChannels channels = new EmbeddedChannels();

    private static byte[] random(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }

    private EmbeddedChannel channel(io.netty.channel.ChannelHandler handler) {
        return channels.of(handler);
    }

    private static AeadStreamException failure(EmbeddedChannel ch, byte[] input) {
        try {
            ch.writeInbound(Unpooled.wrappedBuffer(input));
        } catch (AeadStreamException e) {
            return e;
        }
        throw new AssertionError("no AeadStreamException");
    }

    @Test
    void nonceGoesOutLazilyThenOneRecordPerWrite() {
        for (AeadAlgorithm a : AeadAlgorithm.values()) {
            byte[] key = random(32);
            byte[] n0 = random(a.nonceLength());
            EmbeddedChannel ch = channel(new AeadRecordEncoder(a, key, n0));
            assertThat(outbound(ch)).as("nothing before the first record").isEmpty();
            byte[] first = hex("00 10 00 00 00 00 00 04 00 07 7B 7D");
            ch.writeAndFlush(Unpooled.wrappedBuffer(first));
            byte[] wire = outbound(ch);
            assertThat(Arrays.copyOf(wire, n0.length)).isEqualTo(n0);
            assertThat(Arrays.copyOfRange(wire, n0.length, n0.length + 4)).isEqualTo(hex("0000001c"));
            assertThat(wire).hasSize(n0.length + 4 + 12 + 16);

            // Record 0: nonce N0, AAD N0 || 00 00 00 1c.
            byte[] record0 = Arrays.copyOfRange(wire, n0.length + 4, wire.length);
            byte[] expected = new byte[28];
            a.newCipher(key).seal(n0, concat(n0, hex("0000001c")), first, 0, first.length, expected, 0);
            assertThat(record0).isEqualTo(expected);

            // Record 1: nonce N0 + 1; no second N0.
            ch.writeAndFlush(Unpooled.wrappedBuffer(hex("aabb")));
            byte[] second = outbound(ch);
            assertThat(second).hasSize(4 + 2 + 16).startsWith(hex("00000012"));
            byte[] n1 = n0.clone();
            n1[n1.length - 1]++;
            if (n1[n1.length - 1] == 0) {
                n1[n1.length - 2]++; // carry (one in 256 seeds)
            }
            byte[] expected1 = new byte[18];
            a.newCipher(key).seal(n1, concat(n0, hex("00000012")), hex("aabb"), 0, 2, expected1, 0);
            assertThat(Arrays.copyOfRange(second, 4, second.length)).isEqualTo(expected1);
        }
    }

    @Test
    void ourStreamOpensWithTheIndependentReferenceAndViceVersa() {
        WireV2Reference.require();
        for (AeadAlgorithm a : AeadAlgorithm.values()) {
            byte[] key = random(32);
            // A nonce whose low bytes carry during the stream: N0 + i is one big-endian integer.
            byte[] n0 = random(a.nonceLength());
            Arrays.fill(n0, n0.length - 2, n0.length, (byte) 0xFF);
            n0[n0.length - 1] = (byte) 0xFE;
            List<byte[]> chunks = List.of(random(12), random(0 + 1), random(70000), random(300));
            EmbeddedChannel enc = channel(new AeadRecordEncoder(a, key, n0));
            chunks.forEach(c -> enc.write(Unpooled.wrappedBuffer(c)));
            enc.flush();
            byte[] ours = outbound(enc);
            List<byte[]> opened = WireV2Reference.openStream(a, key, ours);
            assertThat(opened.get(0)).isEqualTo(n0);
            // 70000 bytes are cut at 65536: records 12, 1, 65536, 4464, 300.
            assertThat(opened.subList(1, opened.size())).extracting(r -> r.length).containsExactly(12, 1, 65536, 4464, 300);
            ByteArrayOutputStream joined = new ByteArrayOutputStream();
            opened.subList(1, opened.size()).forEach(joined::writeBytes);
            assertThat(joined.toByteArray()).isEqualTo(concat(chunks.toArray(byte[][]::new)));

            List<byte[]> theirChunks = List.of(random(5), new byte[0], random(65536), random(1));
            byte[] theirs = WireV2Reference.sealStream(a, key, n0, theirChunks);
            EmbeddedChannel dec = channel(new AeadRecordDecoder(a, key));
            deliver(theirs, dec, 1, 2, 3, 1000);
            assertThat(inbound(dec)).isEqualTo(concat(theirChunks.toArray(byte[][]::new)));
        }
    }

    @Test
    void roundTripsInAnyChunking() {
        for (AeadAlgorithm a : AeadAlgorithm.values()) {
            byte[] key = random(32);
            EmbeddedChannel enc = channel(new AeadRecordEncoder(a, key));
            byte[] data = random(150_000);
            for (int i = 0; i < data.length; ) {
                int n = Math.min(data.length - i, 1 + RANDOM.nextInt(20000));
                enc.writeAndFlush(Unpooled.copiedBuffer(data, i, n));
                i += n;
            }
            byte[] wire = outbound(enc);
            for (int[] sizes : new int[][] {{1}, {7, 3000}, {Integer.MAX_VALUE}}) {
                EmbeddedChannel dec = channel(new AeadRecordDecoder(a, key));
                deliver(wire, dec, sizes);
                assertThat(inbound(dec)).isEqualTo(data);
                assertThat(dec.finish()).isFalse();
            }
        }
    }

    @Test
    void refusesRecordLengthsOutsideTheLimitsFromTheLengthAlone() {
        for (AeadAlgorithm a : AeadAlgorithm.values()) {
            byte[] n0 = new byte[a.nonceLength()];
            AeadStreamException e = failure(channel(new AeadRecordDecoder(a, random(32))), concat(n0, hex("0000000f")));
            assertThat(e.reason()).isEqualTo(AeadStreamException.Reason.RECORD_TOO_SHORT);
            assertThat(e).hasMessage(a + " record length 15 is smaller than the 16-byte tag");
            e = failure(channel(new AeadRecordDecoder(a, random(32))), concat(n0, hex("00010011")));
            assertThat(e.reason()).isEqualTo(AeadStreamException.Reason.RECORD_TOO_LONG);
            assertThat(e).hasMessage(a + " record length 65553 exceeds the limit of 65552");
            assertThat(failure(channel(new AeadRecordDecoder(a, random(32))), concat(n0, hex("ffffffff"))).reason())
                    .isEqualTo(AeadStreamException.Reason.RECORD_TOO_LONG);
        }
    }

    @Test
    void aFailedTagIsFatal() {
        for (AeadAlgorithm a : AeadAlgorithm.values()) {
            byte[] key = random(32);
            EmbeddedChannel enc = channel(new AeadRecordEncoder(a, key));
            enc.writeAndFlush(Unpooled.wrappedBuffer(random(10)));
            enc.writeAndFlush(Unpooled.wrappedBuffer(random(10)));
            enc.writeAndFlush(Unpooled.wrappedBuffer(random(10)));
            byte[] wire = outbound(enc);
            int record = 4 + 10 + 16;
            int n = a.nonceLength();

            byte[] flipped = wire.clone();
            flipped[n + record + 4 + 3] ^= 0x40; // ciphertext of record 1
            EmbeddedChannel dec = channel(new AeadRecordDecoder(a, key));
            AeadStreamException e = failure(dec, flipped);
            assertThat(e.reason()).isEqualTo(AeadStreamException.Reason.AUTHENTICATION_FAILED);
            assertThat(e).hasMessage(a + " record 1 failed authentication (tag mismatch)");
            assertThat(inbound(dec)).hasSize(10); // record 0 only
            dec.writeInbound(Unpooled.wrappedBuffer(Arrays.copyOfRange(wire, n + 2 * record, wire.length)));
            assertThat(inbound(dec)).as("nothing after a failure").isEmpty();

            // Swapped records, a changed N0 (AAD and nonce), a dropped record: all fail.
            byte[] swapped = concat(Arrays.copyOf(wire, n), Arrays.copyOfRange(wire, n + record, n + 2 * record),
                    Arrays.copyOfRange(wire, n, n + record));
            assertThat(failure(channel(new AeadRecordDecoder(a, key)), swapped).reason())
                    .isEqualTo(AeadStreamException.Reason.AUTHENTICATION_FAILED);
            byte[] otherN0 = wire.clone();
            otherN0[0] ^= 1;
            assertThat(failure(channel(new AeadRecordDecoder(a, key)), otherN0).reason())
                    .isEqualTo(AeadStreamException.Reason.AUTHENTICATION_FAILED);
            byte[] dropped = concat(Arrays.copyOf(wire, n), Arrays.copyOfRange(wire, n + record, wire.length));
            assertThat(failure(channel(new AeadRecordDecoder(a, key)), dropped).reason())
                    .isEqualTo(AeadStreamException.Reason.AUTHENTICATION_FAILED);
            assertThat(failure(channel(new AeadRecordDecoder(a, random(32))), wire).reason())
                    .isEqualTo(AeadStreamException.Reason.AUTHENTICATION_FAILED);
        }
    }

    @Test
    void endOfStreamIsNormalOnlyAtARecordBoundary() {
        AeadAlgorithm a = AeadAlgorithm.AES_256_GCM;
        byte[] key = random(32);
        EmbeddedChannel enc = channel(new AeadRecordEncoder(a, key));
        enc.writeAndFlush(Unpooled.wrappedBuffer(random(10)));
        byte[] wire = outbound(enc);

        EmbeddedChannel whole = channel(new AeadRecordDecoder(a, key));
        whole.writeInbound(Unpooled.wrappedBuffer(wire));
        assertThat(inbound(whole)).hasSize(10);
        assertThat(whole.finish()).isFalse();

        EmbeddedChannel nothing = channel(new AeadRecordDecoder(a, key));
        assertThat(nothing.finish()).isFalse();

        EmbeddedChannel midNonce = channel(new AeadRecordDecoder(a, key));
        midNonce.writeInbound(Unpooled.wrappedBuffer(Arrays.copyOf(wire, 5)));
        assertThatThrownBy(midNonce::finish).isInstanceOfSatisfying(AeadStreamException.class, e -> {
            assertThat(e.reason()).isEqualTo(AeadStreamException.Reason.TRUNCATED);
            assertThat(e).hasMessage("aes-256-gcm stream ended after 5 of the 12 stream nonce bytes");
        });

        EmbeddedChannel midRecord = channel(new AeadRecordDecoder(a, key));
        midRecord.writeInbound(Unpooled.wrappedBuffer(Arrays.copyOf(wire, wire.length - 1)));
        assertThatThrownBy(midRecord::finish).isInstanceOfSatisfying(AeadStreamException.class, e ->
                assertThat(e).hasMessage("aes-256-gcm stream ended inside record 0 (29 bytes of it received)"));
    }

    @Test
    void gcmStopsAtTwoToTheThirtyTwoRecords() {
        AeadAlgorithm a = AeadAlgorithm.AES_256_GCM;
        byte[] key = random(32);
        byte[] n0 = new byte[12];
        long limit = 1L << 32;
        EmbeddedChannel enc = channel(new AeadRecordEncoder(a, key, n0, limit - 1));
        assertThat(enc.writeAndFlush(Unpooled.wrappedBuffer(hex("01"))).isSuccess()).isTrue();
        byte[] last = outbound(enc);
        ChannelFuture over = enc.writeAndFlush(Unpooled.wrappedBuffer(hex("02")));
        assertThat(over.cause()).isInstanceOfSatisfying(AeadStreamException.class, e -> {
            assertThat(e.reason()).isEqualTo(AeadStreamException.Reason.RECORD_LIMIT_REACHED);
            assertThat(e).hasMessage("aes-256-gcm stream record limit 4294967296 reached");
        });
        assertThat(outbound(enc)).isEmpty();
        assertThat(enc.writeAndFlush(Unpooled.wrappedBuffer(hex("03"))).cause())
                .as("the direction stays finished").isInstanceOf(AeadStreamException.class);

        // The reader: record 2^32 - 1 (nonce N0 + 2^32 - 1) opens, one more is refused before its body.
        EmbeddedChannel dec = channel(new AeadRecordDecoder(a, key, limit - 1));
        dec.writeInbound(Unpooled.wrappedBuffer(last));
        assertThat(inbound(dec)).isEqualTo(hex("01"));
        AeadStreamException e = failure(dec, hex("00000011"));
        assertThat(e.reason()).isEqualTo(AeadStreamException.Reason.RECORD_LIMIT_REACHED);

        // xchacha20-poly1305 has no such limit.
        EmbeddedChannel x = channel(new AeadRecordEncoder(AeadAlgorithm.XCHACHA20_POLY1305, key, new byte[24], limit));
        assertThat(x.writeAndFlush(Unpooled.wrappedBuffer(hex("01"))).isSuccess()).isTrue();
    }

    @Test
    void aNonceThatWouldWrapIsRefused() {
        for (AeadAlgorithm a : AeadAlgorithm.values()) {
            byte[] n0 = new byte[a.nonceLength()];
            Arrays.fill(n0, (byte) 0xFF);
            byte[] key = random(32);
            EmbeddedChannel enc = channel(new AeadRecordEncoder(a, key, n0));
            ChannelFuture f = enc.writeAndFlush(Unpooled.wrappedBuffer(hex("01")));
            assertThat(f.cause()).isInstanceOfSatisfying(AeadStreamException.class,
                    e -> assertThat(e.reason()).isEqualTo(AeadStreamException.Reason.NONCE_EXHAUSTED));
            assertThat(outbound(enc)).as("not even N0 is sent").isEmpty();

            // A peer sealing under the last nonce: opened, then refused as stock frp does.
            byte[] ct = new byte[17];
            a.newCipher(key).seal(n0, concat(n0, hex("00000011")), hex("01"), 0, 1, ct, 0);
            AeadStreamException e = failure(channel(new AeadRecordDecoder(a, key)), concat(n0, hex("00000011"), ct));
            assertThat(e.reason()).isEqualTo(AeadStreamException.Reason.NONCE_EXHAUSTED);
        }
    }

    @Test
    void emptyWritesSendNothingAndNonBuffersAreRefused() {
        EmbeddedChannel enc = channel(new AeadRecordEncoder(AeadAlgorithm.AES_256_GCM, random(32)));
        assertThat(enc.writeAndFlush(Unpooled.EMPTY_BUFFER).isSuccess()).isTrue();
        assertThat(outbound(enc)).isEmpty();
        ChannelFuture f = enc.writeAndFlush("plaintext");
        assertThat(f.cause()).isInstanceOf(UnsupportedMessageTypeException.class);
    }
}
