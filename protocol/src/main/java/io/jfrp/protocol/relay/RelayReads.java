package io.jfrp.protocol.relay;

import io.netty.channel.AdaptiveRecvByteBufAllocator;
import io.netty.channel.RecvByteBufAllocator;

/**
 * How the relayed TCP sockets read: jfrps's public connections and jfrpc's dialed local services.
 * Netty's adaptive sizing (it starts small and grows while reads fill their buffers) with reads of
 * up to {@link #MAX_READ} instead of Netty's 64 KiB, and Netty's 16 reads per read loop. A relay
 * forwards each read loop as one flush of its peer, so a bulk transfer reaches the session (and
 * its TLS) in larger batches: on one stream through tcpMux+TLS the sending program made about a
 * third of the syscalls per GB, one {@code writev} of the session per ~250 KB instead of ~65 KB
 * (docs/PERFORMANCE.md "Relay reads of up to 256 KiB"). An idle or interactive socket keeps its small buffers.
 *
 * <p>One instance for every socket: the allocator only makes handles, each channel keeps its own
 * sizing state in its handle.
 */
public final class RelayReads {
    /** The largest read of a relayed socket. */
    public static final int MAX_READ = 256 * 1024;
    /** Socket reads per read loop before other channels of the loop get their turn (Netty's default). */
    public static final int READS_PER_LOOP = 16;

    private static final RecvByteBufAllocator ALLOCATOR =
            new AdaptiveRecvByteBufAllocator(64, 2048, MAX_READ).maxMessagesPerRead(READS_PER_LOOP);

    private RelayReads() {
    }

    /** The shared read-size allocator of relayed sockets. */
    public static RecvByteBufAllocator allocator() {
        return ALLOCATOR;
    }
}
