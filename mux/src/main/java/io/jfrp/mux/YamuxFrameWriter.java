package io.jfrp.mux;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * Encodes yamux headers. Data payloads are written after the header as separate buffers, so a
 * frame's payload is never copied.
 */
public final class YamuxFrameWriter {
    private YamuxFrameWriter() {
    }

    /** A 12-byte header. {@code length} is the payload length, window delta, ping value or code. */
    public static ByteBuf header(ByteBufAllocator alloc, YamuxFrameType type, int flags, int streamId,
                                 long length) {
        checkRanges(flags, length);
        ByteBuf buf = alloc.buffer(YamuxFrameReader.HEADER_LENGTH, YamuxFrameReader.HEADER_LENGTH);
        return writeHeader(buf, type, flags, streamId, length);
    }

    private static void checkRanges(int flags, long length) {
        if (length < 0 || length > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("length out of u32 range: " + length);
        }
        if ((flags & ~0xFFFF) != 0) {
            throw new IllegalArgumentException("flags out of u16 range: 0x" + Integer.toHexString(flags));
        }
    }

    /** Writes a 12-byte header into {@code buf} and returns it. */
    public static ByteBuf writeHeader(ByteBuf buf, YamuxFrameType type, int flags, int streamId, long length) {
        checkRanges(flags, length);
        buf.writeByte(YamuxFrameReader.VERSION);
        buf.writeByte(type.code());
        buf.writeShort(flags);
        buf.writeInt(streamId);
        buf.writeInt((int) length);
        return buf;
    }
}
