package io.jfrp.mux;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Test support: builds frames as raw bytes (independently of {@link YamuxFrameWriter}, straight
 * from the spec's layout) and parses what a session wrote into {@link Frame} values.
 */
final class WireFrames {
    private WireFrames() {
    }

    /** One frame as seen on the wire. */
    record Frame(int type, int flags, int streamId, long length, byte[] payload) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Frame f && f.type == type && f.flags == flags && f.streamId == streamId
                    && f.length == length && Arrays.equals(f.payload, payload);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(payload) + 31 * (type + 31 * (flags + 31 * streamId));
        }

        @Override
        public String toString() {
            return "Frame{type=" + type + ", flags=" + YamuxFlags.toString(flags) + ", id=" + streamId
                    + ", length=" + length + (payload.length > 0 ? ", payload=" + payload.length + "B" : "") + "}";
        }
    }

    static Frame frame(int type, int flags, int streamId, long length) {
        return new Frame(type, flags, streamId, length, new byte[0]);
    }

    static Frame data(int flags, int streamId, byte[] payload) {
        return new Frame(0, flags, streamId, payload.length, payload);
    }

    static Frame windowUpdate(int flags, int streamId, long delta) {
        return frame(1, flags, streamId, delta);
    }

    static Frame ping(int flags, long opaque) {
        return frame(2, flags, 0, opaque);
    }

    static Frame goAway(long code) {
        return frame(3, 0, 0, code);
    }

    /** The 12-byte header followed by the payload, built byte by byte. */
    static ByteBuf encode(int version, int type, int flags, int streamId, long length, byte[] payload) {
        ByteBuf buf = Unpooled.buffer(12 + payload.length);
        buf.writeByte(version);
        buf.writeByte(type);
        buf.writeByte(flags >>> 8);
        buf.writeByte(flags);
        buf.writeByte(streamId >>> 24).writeByte(streamId >>> 16).writeByte(streamId >>> 8).writeByte(streamId);
        buf.writeByte((int) (length >>> 24)).writeByte((int) (length >>> 16)).writeByte((int) (length >>> 8))
                .writeByte((int) length);
        buf.writeBytes(payload);
        return buf;
    }

    static ByteBuf encode(Frame f) {
        return encode(0, f.type(), f.flags(), f.streamId(), f.length(), f.payload());
    }

    /** Many frames in one buffer, as one socket read would bring them. */
    static ByteBuf encodeAll(List<Frame> frames) {
        ByteBuf all = Unpooled.buffer();
        for (Frame f : frames) {
            ByteBuf one = encode(f);
            all.writeBytes(one);
            one.release();
        }
        return all;
    }

    /** Writes frames inbound to the session, as if the peer sent them. */
    static void deliver(EmbeddedChannel ch, Frame... frames) {
        for (Frame f : frames) {
            ch.writeInbound(encode(f));
        }
    }

    /** Takes every byte the session wrote so far and parses it into frames; releases the buffers. */
    static List<Frame> written(EmbeddedChannel ch) {
        ch.runPendingTasks();
        ByteBuf all = Unpooled.buffer();
        try {
            Object msg;
            while ((msg = ch.readOutbound()) != null) {
                ByteBuf b = (ByteBuf) msg;
                all.writeBytes(b);
                b.release();
            }
            List<Frame> frames = new ArrayList<>();
            while (all.readableBytes() >= 12) {
                int version = all.readUnsignedByte();
                if (version != 0) {
                    throw new AssertionError("session wrote version " + version);
                }
                int type = all.readUnsignedByte();
                int flags = all.readUnsignedShort();
                int id = all.readInt();
                long length = all.readUnsignedInt();
                byte[] payload = new byte[type == 0 ? (int) length : 0];
                all.readBytes(payload);
                frames.add(new Frame(type, flags, id, length, payload));
            }
            if (all.isReadable()) {
                throw new AssertionError(all.readableBytes() + " trailing bytes that are not a whole frame");
            }
            return frames;
        } finally {
            all.release();
        }
    }

    static byte[] bytes(int n, int seed) {
        byte[] b = new byte[n];
        new java.util.Random(seed).nextBytes(b);
        return b;
    }
}
