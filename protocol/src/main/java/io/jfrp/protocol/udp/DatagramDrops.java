package io.jfrp.protocol.udp;

import io.jfrp.protocol.msg.UdpPacket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Counts the datagrams one queue of a udp/sudp path dropped because it was full, tells a meter of
 * each ({@code jfrp_udp_datagrams_dropped_total} on jfrps), and logs them at WARN at most once per
 * {@value #LOG_INTERVAL_SECONDS} s: the first drop at once, then how many were dropped since the
 * last line. A flood therefore costs a counter increment per datagram, not a log line.
 * Thread-safe.
 */
public final class DatagramDrops {
    /** Seconds between two log lines about the same queue. */
    public static final int LOG_INTERVAL_SECONDS = 10;
    private static final Logger log = LoggerFactory.getLogger(DatagramDrops.class);
    private static final long INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(LOG_INTERVAL_SECONDS);

    private final String what;
    /** What was full, for the log. */
    private final String full;
    private final Runnable meter;
    private final LongSupplier nanoTime;
    private final AtomicLong total = new AtomicLong();
    private final AtomicLong unlogged = new AtomicLong();
    private final AtomicLong lines = new AtomicLong();
    /** When the last line was logged; {@link Long#MIN_VALUE} before the first. */
    private final AtomicLong loggedAt = new AtomicLong(Long.MIN_VALUE);

    /**
     * @param what  the queue, for the log ("proxy [dns]: datagrams to the client")
     * @param meter told of each drop (a metrics counter), or a no-op
     */
    public DatagramDrops(String what, Runnable meter) {
        this(what, meter, System::nanoTime);
    }

    /** With a clock of {@link System#nanoTime} semantics (tests). */
    DatagramDrops(String what, Runnable meter, LongSupplier nanoTime) {
        this(what, "queue full (" + UdpPacketQueue.MAX_PACKETS + " packets or " + UdpPacket.QUEUE_WATER_MARK.high()
                + " bytes unsent)", meter, nanoTime);
    }

    private DatagramDrops(String what, String full, Runnable meter, LongSupplier nanoTime) {
        this.what = what;
        this.full = full;
        this.meter = meter;
        this.nanoTime = nanoTime;
    }

    /**
     * The drops of a UDP socket that could not take more datagrams ({@link UdpPacketsToSocket}: above
     * its high-water mark, {@link UdpPacket#QUEUE_WATER_MARK} where jfrp sets it), logged as such.
     *
     * @param what  the socket's datagrams, for the log ("[dns-v] datagrams to the users")
     * @param meter told of each drop (a metrics counter), or a no-op
     */
    public static DatagramDrops ofSocket(String what, Runnable meter) {
        return new DatagramDrops(what, "socket full (above its high-water mark)", meter, System::nanoTime);
    }

    /** One datagram was dropped. */
    public void dropped() {
        total.incrementAndGet();
        unlogged.incrementAndGet();
        meter.run();
        long now = nanoTime.getAsLong();
        long last = loggedAt.get();
        if ((last == Long.MIN_VALUE || now - last >= INTERVAL_NANOS) && loggedAt.compareAndSet(last, now)) {
            long n = unlogged.getAndSet(0);
            lines.incrementAndGet();
            log.warn("{}: {}, {} datagram(s) dropped{}", what, full, n,
                    last == Long.MIN_VALUE ? "" : " in the last " + TimeUnit.NANOSECONDS.toSeconds(now - last) + " s");
        }
    }

    /** Lines logged so far (tests). */
    long lines() {
        return lines.get();
    }

    /** Datagrams dropped so far. */
    public long total() {
        return total.get();
    }
}
