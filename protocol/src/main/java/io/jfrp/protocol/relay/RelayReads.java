package io.jfrp.protocol.relay;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.AdaptiveRecvByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelConfig;
import io.netty.channel.RecvByteBufAllocator;
import io.netty.channel.RecvByteBufAllocator.ExtendedHandle;
import io.netty.util.UncheckedBooleanSupplier;
import io.netty.util.concurrent.FastThreadLocal;

/**
 * How the relayed TCP sockets read: jfrps's public connections and jfrpc's dialed local services.
 * Netty's adaptive sizing (it starts small and grows while reads fill their buffers) with reads of
 * up to {@link #MAX_READ} instead of Netty's 64 KiB, and Netty's 16 reads per read loop. A relay
 * forwards each read loop as one flush of its peer, so a bulk transfer reaches the session (and
 * its TLS) in larger batches: on one stream through tcpMux+TLS the sending program made about a
 * third of the syscalls per GB, one {@code writev} of the session per ~250 KB instead of ~65 KB
 * (docs/PERFORMANCE.md "Relay reads of up to 256 KiB"). An idle or interactive socket keeps its small buffers.
 *
 * <h3>Stopping a read loop without pausing</h3>
 * The relay stops a socket's read loop at the read that takes its peer past the high water mark.
 * Turning auto-read off does that, but costs two {@code epoll_ctl} calls (interest off, then on again)
 * and a channel attribute each time; on one stream through tcpMux+TLS the session drained within the
 * same turn of the event loop in nearly every case (its flush runs as a task after the read), so the
 * socket was switched off and on again before the loop next waited for events. A loop reading with this
 * allocator can be stopped by {@link #stopReadLoop} instead, and {@link #endedReadLoop} tells the relay
 * at the loop's end that no read happens before the loop's next wait for events, so it may decide then,
 * after the session's flush, whether to pause at all ({@link Relay}).
 *
 * <p>One instance for every socket: the allocator only makes handles, each channel keeps its own
 * sizing state in its handle; which loop runs on a thread is that thread's ({@link FastThreadLocal}).
 */
public final class RelayReads {
    /** The largest read of a relayed socket. */
    public static final int MAX_READ = 256 * 1024;
    /** Socket reads per read loop before other channels of the loop get their turn (Netty's default). */
    public static final int READS_PER_LOOP = 16;

    private static final RecvByteBufAllocator ALLOCATOR = new Stoppable(
            new AdaptiveRecvByteBufAllocator(64, 2048, MAX_READ).maxMessagesPerRead(READS_PER_LOOP));

    /** The read loop of this allocator running on each thread, and the one that last ended. */
    private static final FastThreadLocal<Loops> LOOPS = new FastThreadLocal<>() {
        @Override
        protected Loops initialValue() {
            return new Loops();
        }
    };

    private RelayReads() {
    }

    /** The shared read-size allocator of relayed sockets. */
    public static RecvByteBufAllocator allocator() {
        return ALLOCATOR;
    }

    /**
     * Stops {@code channel}'s read loop after the read being delivered now, if the loop running on
     * this thread is {@code channel}'s and reads with this allocator; false (nothing done) otherwise.
     */
    static boolean stopReadLoop(Channel channel) {
        StoppableHandle running = LOOPS.get().running;
        if (running == null || running.config != channel.config()) {
            return false;
        }
        running.stop = true;
        return true;
    }

    /**
     * Whether the read loop that has just ended on this thread was {@code channel}'s, reading with
     * this allocator: called from {@code channelReadComplete}, which follows the loop's end. Forgets
     * the ended loop either way.
     */
    static boolean endedReadLoop(Channel channel) {
        Loops loops = LOOPS.get();
        boolean ended = loops.ended == channel.config();
        loops.ended = null;
        return ended;
    }

    /** One thread's read loops. */
    private static final class Loops {
        /** The handle of the loop reading now, or null. */
        StoppableHandle running;
        /** The config of the channel whose loop ended last, until the relay asks. */
        ChannelConfig ended;
    }

    private record Stoppable(RecvByteBufAllocator sizes) implements RecvByteBufAllocator {
        @Override
        public Handle newHandle() {
            return new StoppableHandle((ExtendedHandle) sizes.newHandle());
        }
    }

    /** Netty's handle, and a loop that ends when {@link #stopReadLoop} asks. */
    private static final class StoppableHandle implements ExtendedHandle {
        private final ExtendedHandle sizes;
        /** The channel's config, set at each loop's start; identifies the channel. */
        ChannelConfig config;
        /** The relay asked this loop to stop after the current read. */
        boolean stop;

        StoppableHandle(ExtendedHandle sizes) {
            this.sizes = sizes;
        }

        @Override
        public void reset(ChannelConfig config) {
            this.config = config;
            stop = false;
            sizes.reset(config);
            Loops loops = LOOPS.get();
            loops.running = this;
            loops.ended = null;
        }

        @Override
        public boolean continueReading() {
            return !stop && sizes.continueReading();
        }

        @Override
        public boolean continueReading(UncheckedBooleanSupplier maybeMoreDataSupplier) {
            return !stop && sizes.continueReading(maybeMoreDataSupplier);
        }

        @Override
        public void readComplete() {
            sizes.readComplete();
            Loops loops = LOOPS.get();
            if (loops.running == this) {
                loops.running = null;
            }
            loops.ended = config;
            stop = false;
        }

        @Override
        public ByteBuf allocate(ByteBufAllocator alloc) {
            return sizes.allocate(alloc);
        }

        @Override
        public int guess() {
            return sizes.guess();
        }

        @Override
        public void incMessagesRead(int numMessages) {
            sizes.incMessagesRead(numMessages);
        }

        @Override
        public void lastBytesRead(int bytes) {
            sizes.lastBytesRead(bytes);
        }

        @Override
        public int lastBytesRead() {
            return sizes.lastBytesRead();
        }

        @Override
        public void attemptedBytesRead(int bytes) {
            sizes.attemptedBytesRead(bytes);
        }

        @Override
        public int attemptedBytesRead() {
            return sizes.attemptedBytesRead();
        }
    }
}
