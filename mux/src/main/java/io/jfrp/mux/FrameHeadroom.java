package io.jfrp.mux;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.WrappedByteBuf;
import io.netty.channel.ChannelConfig;
import io.netty.channel.RecvByteBufAllocator;
import io.netty.channel.RecvByteBufAllocator.ExtendedHandle;
import io.netty.util.UncheckedBooleanSupplier;

/**
 * Room for a yamux Data frame's header in front of a socket read: a channel whose reads will be
 * written to a yamux stream reads with {@link #reserving} and each read buffer keeps its first
 * {@link #HEADROOM} bytes free. When the send scheduler frames bytes that start such a buffer, it writes
 * the header into those bytes and hands the connection one buffer (header and payload) instead of
 * two. Under TLS this takes a copy away: {@code SslHandler} seals one 16 KiB record per wrap and copies a
 * record's pieces into a new buffer when the record spans more than one buffer, which a 12-byte
 * header always did (docs/PERFORMANCE.md, "The sending program's extra").
 *
 * <h3>When the headroom is used</h3>
 * Only in a buffer this allocator made ({@link #canHold}), whose reader index is past the headroom
 * and which nothing else references ({@code refCnt() == 1}): the bytes before the reader index are
 * then either the free headroom or bytes already framed and released, as free as the bytes
 * {@link ByteBuf#discardReadBytes()} overwrites. A frame that starts in the middle of a buffer
 * whose earlier bytes are still on their way (a retained slice holds them) gets a header of its own.
 *
 * <p>Stateless and thread-safe; the handles it makes belong to one channel each, as Netty's do.
 */
public final class FrameHeadroom {
    /** The bytes kept free in front of each read: one frame header. */
    public static final int HEADROOM = YamuxFrameReader.HEADER_LENGTH;

    private FrameHeadroom() {
    }

    /**
     * {@code sizes} with every read buffer keeping {@link #HEADROOM} bytes free at its start. The
     * sizing is {@code sizes}' own: a read that fills its buffer (capacity minus the headroom) counts
     * as a full read.
     */
    public static RecvByteBufAllocator reserving(RecvByteBufAllocator sizes) {
        return new Reserving(sizes);
    }

    /** Whether {@code buf} came from {@link #reserving} and the bytes before its reader index may take a header now. */
    static boolean canHold(ByteBuf buf) {
        return buf instanceof WithHeadroom && buf.readerIndex() >= HEADROOM && buf.refCnt() == 1;
    }

    /** A read buffer with the headroom; the type marks it, every operation is the wrapped buffer's. */
    private static final class WithHeadroom extends WrappedByteBuf {
        WithHeadroom(ByteBuf buf) {
            super(buf);
        }
    }

    private record Reserving(RecvByteBufAllocator sizes) implements RecvByteBufAllocator {
        @Override
        public Handle newHandle() {
            return new ReservingHandle((ExtendedHandle) sizes.newHandle());
        }
    }

    /**
     * Netty's handle, with reads {@link #HEADROOM} bytes shorter: the sizing sees each attempted and
     * actual read as {@link #HEADROOM} bytes longer, so a read filling its buffer is a full read to it.
     */
    private static final class ReservingHandle implements RecvByteBufAllocator.ExtendedHandle {
        private final ExtendedHandle sizes;

        ReservingHandle(ExtendedHandle sizes) {
            this.sizes = sizes;
        }

        @Override
        public ByteBuf allocate(ByteBufAllocator alloc) {
            ByteBuf buf = sizes.allocate(alloc);
            if (buf.capacity() <= HEADROOM) {
                return buf;
            }
            buf.setIndex(HEADROOM, HEADROOM);
            return new WithHeadroom(buf);
        }

        @Override
        public int guess() {
            return sizes.guess() - HEADROOM;
        }

        @Override
        public void reset(ChannelConfig config) {
            sizes.reset(config);
        }

        @Override
        public void incMessagesRead(int numMessages) {
            sizes.incMessagesRead(numMessages);
        }

        @Override
        public void lastBytesRead(int bytes) {
            sizes.lastBytesRead(bytes > 0 ? bytes + HEADROOM : bytes);
        }

        @Override
        public int lastBytesRead() {
            int bytes = sizes.lastBytesRead();
            return bytes > 0 ? bytes - HEADROOM : bytes;
        }

        @Override
        public void attemptedBytesRead(int bytes) {
            sizes.attemptedBytesRead(bytes + HEADROOM);
        }

        @Override
        public int attemptedBytesRead() {
            return sizes.attemptedBytesRead() - HEADROOM;
        }

        @Override
        public boolean continueReading() {
            return sizes.continueReading();
        }

        @Override
        public boolean continueReading(UncheckedBooleanSupplier maybeMoreDataSupplier) {
            return sizes.continueReading(maybeMoreDataSupplier);
        }

        @Override
        public void readComplete() {
            sizes.readComplete();
        }
    }
}
