package io.jfrp.protocol.udp;

import io.jfrp.protocol.msg.UdpPacket;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * The UDPPackets one direction of a udp/sudp path has handed to a connection and the connection has
 * not yet written to its socket, bounded as frp bounds its channels: at most {@value #MAX_PACKETS}
 * packets (frps' and frpc's queues of 1024 each way), and no more bytes than the connection's
 * high-water mark ({@link UdpPacket#QUEUE_WATER_MARK}, for our bounded-memory promise with long
 * datagrams). A packet that does not fit is dropped, the newest first, and counted
 * ({@link DatagramDrops}): under a flood, a datagram waits behind at most a full queue rather than
 * behind seconds of others; for a game server or DNS, a late datagram is worse than a lost one.
 *
 * <p>One producer thread per queue (the socket or connection that reads the datagrams) calls
 * {@link #offer}; the count goes down as each write completes, on the connection's event loop, so
 * the count is atomic. One queue may outlive a connection and serve the next one: the failed writes
 * of a closed connection give their places back.
 */
public final class UdpPacketQueue {
    /** Packets a connection may hold unwritten, as frp's channels of 1024. */
    public static final int MAX_PACKETS = 1024;
    private static final Logger log = LoggerFactory.getLogger(UdpPacketQueue.class);

    private final int maxPackets;
    private final DatagramDrops drops;
    private final AtomicInteger queued = new AtomicInteger();
    private final ChannelFutureListener written = f -> {
        queued.decrementAndGet();
        if (!f.isSuccess()) {
            log.debug("datagram lost: {}", f.cause().toString());
        }
    };
    /** Whether {@link #offer} wrote since it last flushed (producer thread only). */
    private boolean wroteUnflushed;

    /** A queue of {@value #MAX_PACKETS} packets whose drops go to {@code drops}. */
    public UdpPacketQueue(DatagramDrops drops) {
        this(MAX_PACKETS, drops);
    }

    /** A queue of {@code maxPackets} packets (tests). */
    public UdpPacketQueue(int maxPackets, DatagramDrops drops) {
        if (maxPackets < 1) {
            throw new IllegalArgumentException("maxPackets must be positive: " + maxPackets);
        }
        this.maxPackets = maxPackets;
        this.drops = drops;
    }

    /**
     * Writes {@code packet} to {@code conn} (not flushed: the caller flushes at the end of its read
     * batch) if the connection holds fewer than the bound, else drops and counts it. When full, what
     * this producer wrote and did not flush yet is flushed first, and the bound looked at again.
     *
     * @return whether the packet was written
     */
    public boolean offer(Channel conn, UdpPacket packet) {
        if (!hasRoom(conn)) {
            if (wroteUnflushed) {
                wroteUnflushed = false;
                conn.flush();
            }
            if (!hasRoom(conn)) {
                drops.dropped();
                return false;
            }
        }
        queued.incrementAndGet();
        wroteUnflushed = true;
        conn.write(packet).addListener(written);
        return true;
    }

    /** Tells {@link #offer} that the producer flushed what it wrote (producer thread only). */
    public void flushed() {
        wroteUnflushed = false;
    }

    /** Packets written and not yet sent (or failed), on all connections this queue wrote to. */
    public int queued() {
        return queued.get();
    }

    /** Where this queue's drops are counted. */
    public DatagramDrops drops() {
        return drops;
    }

    private boolean hasRoom(Channel conn) {
        return queued.get() < maxPackets && conn.isWritable();
    }
}
