package io.jfrp.protocol.wire;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;

import java.io.ByteArrayOutputStream;
import java.util.HexFormat;

/** Moving bytes in and out of {@link EmbeddedChannel}s, in chosen pieces. */
final class EmbeddedBytes {
    private EmbeddedBytes() {
    }

    /** Everything written out of {@code ch} so far, concatenated (buffers released). */
    static byte[] outbound(EmbeddedChannel ch) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object o; (o = ch.readOutbound()) != null; ) {
            ByteBuf b = (ByteBuf) o;
            out.writeBytes(ByteBufUtil.getBytes(b));
            b.release();
        }
        return out.toByteArray();
    }

    /** Writes {@code bytes} into {@code ch} in pieces of {@code sizes} (the last size repeats). */
    static void deliver(byte[] bytes, EmbeddedChannel ch, int... sizes) {
        for (int i = 0, k = 0; i < bytes.length; k++) {
            int n = Math.min(bytes.length - i, sizes[Math.min(k, sizes.length - 1)]);
            ch.writeInbound(Unpooled.copiedBuffer(bytes, i, n));
            i += n;
        }
    }

    /** Bytes from hex, ignoring spaces. */
    static byte[] hex(String hex) {
        return HexFormat.of().parseHex(hex.replace(" ", ""));
    }

    static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
