package io.jfrp.protocol.transport;

import io.netty.util.concurrent.EventExecutorGroup;
import io.netty.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.management.ManagementFactory;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Gives back the heap a burst of work grew once the program falls idle (issue 16: resident memory
 * 5 s after a burst of 2,000 connections at most 1.25 times the idle figure).
 *
 * <p>Why: the launchers run both programs on the serial collector with
 * {@code -XX:MaxHeapFreeRatio=30}, whose heap grows during a burst and shrinks only at a full
 * collection, which an idle program never has. So once a second, this samples how many bytes the
 * JVM's threads have allocated ({@code com.sun.management.ThreadMXBean#getTotalThreadAllocatedBytes});
 * when at least {@link #burstBytes(long) a burst's worth} has been allocated since the last full
 * collection it asked for, and then {@value #QUIET_TICKS} seconds in a row allocated less than
 * {@value #QUIET_BYTES_PER_TICK} bytes each, it asks for one full collection ({@link System#gc()}),
 * which returns the heap down to {@code MaxHeapFreeRatio} and frees the native memory of unreachable
 * direct buffers; the JVM's own native-heap trim ({@code -XX:TrimNativeHeapInterval}) returns the C
 * heap after it.
 *
 * <p>Bounded: at most one collection per burst, and a burst is at least 32 MiB and at least the
 * committed heap allocated, so an idle program (a few KiB a second of heartbeats) collects at most
 * once in many minutes and a busy one with a large heap never pays a full collection more often than
 * its own allocation would make it collect anyway. A program under steady load never falls quiet and
 * is never collected. Off with {@code -Djfrp.idleMemoryReturn=false}, or with
 * {@code -XX:+DisableExplicitGC} (which makes {@link System#gc()} do nothing).
 *
 * <p>Threading: {@link #tick()} runs on the one event loop {@link #start(EventExecutorGroup)} picked;
 * the collection pauses every thread anyway (the serial collector stops the world), so which loop
 * asks does not matter.
 */
public final class IdleMemoryReturn {
    private static final Logger log = LoggerFactory.getLogger(IdleMemoryReturn.class);

    /** How often allocation is sampled. */
    static final long TICK_MILLIS = 1000;
    /** Quiet seconds in a row before the collection: a burst's last connections have closed. */
    static final int QUIET_TICKS = 2;
    /** At most this many bytes allocated in a tick counts as quiet (an idle program: KiB). */
    static final long QUIET_BYTES_PER_TICK = 1L << 20;
    /** The least allocation since the last collection that counts as a burst. */
    static final long MIN_BURST_BYTES = 32L << 20;

    private final LongSupplier allocatedBytes;
    private final LongSupplier committedHeapBytes;
    private final Runnable collect;
    private long lastAllocated;
    private long sinceCollection;
    private int quietTicks;
    private long collections;

    /**
     * @param allocatedBytes     total bytes the program's threads have allocated so far (monotonic)
     * @param committedHeapBytes the heap's committed size now
     * @param collect            the full collection ({@link System#gc()})
     */
    IdleMemoryReturn(LongSupplier allocatedBytes, LongSupplier committedHeapBytes, Runnable collect) {
        this.allocatedBytes = allocatedBytes;
        this.committedHeapBytes = committedHeapBytes;
        this.collect = collect;
        this.lastAllocated = allocatedBytes.getAsLong();
    }

    /**
     * Samples allocation once a second on one loop of {@code loops}, until they shut down; null when
     * off ({@code -Djfrp.idleMemoryReturn=false}) or when this JVM cannot count allocated bytes.
     */
    public static ScheduledFuture<?> start(EventExecutorGroup loops) {
        if (!Boolean.parseBoolean(System.getProperty("jfrp.idleMemoryReturn", "true"))) {
            return null;
        }
        LongSupplier allocated = allocatedBytesOfThisJvm();
        if (allocated == null) {
            log.debug("idle memory return off: this JVM does not count allocated bytes");
            return null;
        }
        IdleMemoryReturn idle = new IdleMemoryReturn(allocated,
                () -> ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getCommitted(), System::gc);
        return loops.next().scheduleAtFixedRate(idle::tick, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
    }

    private static LongSupplier allocatedBytesOfThisJvm() {
        if (!(ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean threads)) {
            return null;
        }
        try {
            if (!threads.isThreadAllocatedMemorySupported() || !threads.isThreadAllocatedMemoryEnabled()) {
                return null;
            }
            threads.getTotalThreadAllocatedBytes();
            return threads::getTotalThreadAllocatedBytes;
        } catch (UnsupportedOperationException e) {
            return null;
        }
    }

    /** The allocation since the last collection that counts as a burst, for a heap of {@code committed} bytes. */
    static long burstBytes(long committed) {
        return Math.max(MIN_BURST_BYTES, committed);
    }

    /** One sample; collects when a burst has been followed by {@value #QUIET_TICKS} quiet ticks. */
    void tick() {
        long now = allocatedBytes.getAsLong();
        // A thread that ended takes its count with it in some JVMs: never count a fall as allocation.
        long allocated = Math.max(0, now - lastAllocated);
        lastAllocated = now;
        sinceCollection += allocated;
        if (allocated >= QUIET_BYTES_PER_TICK) {
            quietTicks = 0;
            return;
        }
        quietTicks++;
        if (quietTicks < QUIET_TICKS || sinceCollection < burstBytes(committedHeapBytes.getAsLong())) {
            return;
        }
        long burst = sinceCollection;
        long before = committedHeapBytes.getAsLong();
        collect.run();
        collections++;
        sinceCollection = 0;
        quietTicks = 0;
        // The collection's own allocation (and any since) is not part of the next burst.
        lastAllocated = allocatedBytes.getAsLong();
        if (log.isDebugEnabled()) {
            log.debug("idle after {} MiB allocated: full collection, heap committed {} -> {} MiB", burst >> 20,
                    before >> 20, committedHeapBytes.getAsLong() >> 20);
        }
    }

    /** How many collections this has asked for (tests). */
    long collections() {
        return collections;
    }
}
