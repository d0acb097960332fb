package io.jfrp.e2e;

import io.jfrp.mux.YamuxFlags;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * yamux framing by hand, for the tests' raw peers ({@link RawFrpConnection}, the adversarial
 * HostilePeer and the tests that write frames jfrp's own codec would refuse to): the frame types, a
 * 12-byte header of any values, and a header read off a blocking socket. The flags are mux's
 * {@link YamuxFlags}.
 */
public final class RawYamux {
    public static final int DATA = 0;
    public static final int WINDOW_UPDATE = 1;
    public static final int PING = 2;
    public static final int GO_AWAY = 3;

    private RawYamux() {
    }

    /** A header of yamux version 0. */
    public static byte[] header(int type, int flags, int stream, int length) {
        return header(0, type, flags, stream, length);
    }

    /** A header with any version (a valid one has 0). */
    public static byte[] header(int version, int type, int flags, int stream, int length) {
        return ByteBuffer.allocate(12).put((byte) version).put((byte) type).putShort((short) flags)
                .putInt(stream).putInt(length).array();
    }

    /**
     * A frame header as read: its type, flags, stream id and length field (the version is skipped).
     *
     * @param length the 32-bit length field as a Java int
     */
    public record Header(int type, int flags, int stream, int length) {
        /** Reads the next 12 bytes of {@code in}; null when the stream ends before a header. */
        public static Header read(DataInputStream in) throws IOException {
            byte[] bytes = new byte[12];
            try {
                in.readFully(bytes);
            } catch (EOFException e) {
                return null;
            }
            ByteBuffer b = ByteBuffer.wrap(bytes);
            b.get();
            return new Header(b.get(), b.getShort() & 0xFFFF, b.getInt(), b.getInt());
        }

        /** Whether it carries any of {@code flags}. */
        public boolean hasAny(int flags) {
            return (this.flags & flags) != 0;
        }

        /** Whether it is a Ping the sender wants answered (SYN). */
        public boolean isPingRequest() {
            return type == PING && hasAny(YamuxFlags.SYN);
        }

        /** The answer to a Ping request: an ACK with the same opaque value. */
        public byte[] pingAnswer() {
            return header(PING, YamuxFlags.ACK, 0, length);
        }

        /** Reads the {@code length} bytes of a Data frame's payload that follow the header. */
        public byte[] readPayload(DataInputStream in) throws IOException {
            byte[] payload = new byte[length];
            in.readFully(payload);
            return payload;
        }
    }
}
