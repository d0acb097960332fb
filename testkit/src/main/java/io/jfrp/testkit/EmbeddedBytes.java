package io.jfrp.testkit;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Bytes in and out of an {@link EmbeddedChannel} or a test handler, for tests that read what a handler wrote. */
public final class EmbeddedBytes {
    private EmbeddedBytes() {
    }

    /** {@code s} in UTF-8, in a new buffer the channel will release. */
    public static ByteBuf text(String s) {
        return Unpooled.copiedBuffer(s, StandardCharsets.UTF_8);
    }

    /**
     * The readable bytes of {@code msg}, a buffer a test handler was given, which is then released
     * (the handler is the end of its pipeline).
     */
    public static byte[] readAndRelease(Object msg) {
        ByteBuf buf = (ByteBuf) msg;
        try {
            return ByteBufUtil.getBytes(buf);
        } finally {
            buf.release();
        }
    }

    /** Every buffer {@code ch} wrote out, concatenated; the buffers are released. */
    public static byte[] outbound(EmbeddedChannel ch) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteBuf buf;
        while ((buf = ch.readOutbound()) != null) {
            out.writeBytes(ByteBufUtil.getBytes(buf));
            buf.release();
        }
        return out.toByteArray();
    }

    /** {@link #outbound} as UTF-8 text. */
    public static String outboundText(EmbeddedChannel ch) {
        return new String(outbound(ch), StandardCharsets.UTF_8);
    }

    /** Every buffer that reached the end of {@code ch}'s pipeline, as UTF-8 text; the buffers are released. */
    public static String inboundText(EmbeddedChannel ch) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteBuf buf;
        while ((buf = ch.readInbound()) != null) {
            out.writeBytes(ByteBufUtil.getBytes(buf));
            buf.release();
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
