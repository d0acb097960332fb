package io.jfrp.protocol.testing;

import io.jfrp.testkit.EmbeddedBytes;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

/**
 * Moving bytes in and out of the {@link EmbeddedChannel}s of the protocol tests, in chosen pieces,
 * and building the byte arrays they compare. Buffers read out of a channel are released.
 */
public final class ChannelBytes {
    private ChannelBytes() {
    }

    /** Everything written out of {@code ch} so far, concatenated (buffers released). */
    public static byte[] outbound(EmbeddedChannel ch) {
        return EmbeddedBytes.outbound(ch);
    }

    /** Every buffer that reached the end of {@code ch}'s pipeline, concatenated (buffers released). */
    public static byte[] inbound(EmbeddedChannel ch) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (ByteBuf b; (b = ch.readInbound()) != null; ) {
            out.writeBytes(ByteBufUtil.getBytes(b));
            b.release();
        }
        return out.toByteArray();
    }

    /** Every message that reached the end of {@code ch}'s pipeline, in order (not released). */
    public static List<Object> inboundMessages(EmbeddedChannel ch) {
        List<Object> out = new ArrayList<>();
        for (Object o; (o = ch.readInbound()) != null; ) {
            out.add(o);
        }
        return out;
    }

    /** Writes {@code bytes} into {@code ch} in pieces of {@code sizes} (the last size repeats). */
    public static void deliver(byte[] bytes, EmbeddedChannel ch, int... sizes) {
        for (int i = 0, k = 0; i < bytes.length; k++) {
            int n = Math.min(bytes.length - i, sizes[Math.min(k, sizes.length - 1)]);
            ch.writeInbound(Unpooled.copiedBuffer(bytes, i, n));
            i += n;
        }
    }

    /**
     * Writes {@code bytes} into {@code ch} in random pieces of 1 to {@code maxPiece} bytes; with a
     * {@code maxPiece} of 1, byte by byte without drawing from {@code random}.
     */
    public static void deliverRandomly(byte[] bytes, EmbeddedChannel ch, Random random, int maxPiece) {
        for (int i = 0; i < bytes.length; ) {
            int n = Math.min(bytes.length - i, maxPiece <= 1 ? 1 : 1 + random.nextInt(maxPiece));
            ch.writeInbound(Unpooled.copiedBuffer(bytes, i, n));
            i += n;
        }
    }

    /** Bytes from hex, ignoring spaces. */
    public static byte[] hex(String hex) {
        return HexFormat.of().parseHex(hex.replace(" ", ""));
    }

    /** Lower-case hex of {@code bytes}. */
    public static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    /** The parts one after the other. */
    public static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
