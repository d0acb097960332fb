package io.jfrp.mux;

import io.netty.util.collection.IntObjectHashMap;
import io.netty.util.collection.IntObjectMap;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ScheduledFuture;

import java.util.concurrent.TimeUnit;

/**
 * Streams closed on this side whose FIN the peer has not answered yet: their child channel has
 * closed and sent FIN, and the session keeps only the id, so that late Data is answered with RST (as
 * TCP answers data for a closed socket) and the peer's FIN or RST ends the stream cleanly.
 *
 * <h3>Memory</h3>
 * One small entry per stream (id, deadline, two links), never the channel: a stream here costs a few
 * dozen bytes. At most {@link YamuxConfig#maxLingeringStreams()} are kept; adding one more resets and
 * forgets the oldest. One timer serves them all: entries expire in the order they came, since they
 * share one timeout ({@link YamuxConfig#streamCloseTimeout()}).
 *
 * <h3>Ending</h3>
 * An entry leaves by {@link #remove} (the peer's FIN or RST, or late Data the session answers with
 * RST), by eviction or timeout (reported to the {@link Expiry}, which resets the stream), or with the
 * session ({@link #clear}).
 *
 * <p>Event-loop confined. Time is read from the executor's ticker, so tests can move it.
 */
final class LingeringStreams {
    /** What happens to a stream that leaves by eviction or timeout: the session sends RST. */
    interface Expiry {
        void expired(int streamId, boolean timedOut);
    }

    private final EventExecutor executor;
    private final long timeoutNanos;
    private final int max;
    private final Expiry expiry;
    private final IntObjectMap<Entry> byId = new IntObjectHashMap<>();
    /** Oldest first. */
    private Entry head;
    private Entry tail;
    private ScheduledFuture<?> timer;

    LingeringStreams(EventExecutor executor, YamuxConfig config, Expiry expiry) {
        this.executor = executor;
        this.timeoutNanos = config.streamCloseTimeout().toNanos();
        this.max = config.maxLingeringStreams();
        this.expiry = expiry;
    }

    /** Remembers {@code streamId} until the peer's FIN; evicts the oldest when full. */
    void add(int streamId) {
        assert executor.inEventLoop();
        if (max == 0) {
            expiry.expired(streamId, false);
            return;
        }
        if (byId.size() >= max) {
            Entry oldest = head;
            unlink(oldest);
            expiry.expired(oldest.id, false);
        }
        Entry e = new Entry(streamId, now() + timeoutNanos);
        byId.put(streamId, e);
        if (tail == null) {
            head = tail = e;
        } else {
            tail.next = e;
            e.prev = tail;
            tail = e;
        }
        if (timer == null) {
            schedule();
        }
    }

    boolean contains(int streamId) {
        return byId.containsKey(streamId);
    }

    /** Forgets {@code streamId}; false when it was not here. */
    boolean remove(int streamId) {
        Entry e = byId.get(streamId);
        if (e == null) {
            return false;
        }
        unlink(e);
        return true;
    }

    int size() {
        return byId.size();
    }

    /** Forgets every stream without resetting any (the session is ending). */
    void clear() {
        byId.clear();
        head = tail = null;
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }

    private void unlink(Entry e) {
        byId.remove(e.id);
        if (e.prev == null) {
            head = e.next;
        } else {
            e.prev.next = e.next;
        }
        if (e.next == null) {
            tail = e.prev;
        } else {
            e.next.prev = e.prev;
        }
        e.prev = e.next = null;
    }

    private void schedule() {
        long delay = Math.max(0, head.deadlineNanos - now());
        timer = executor.schedule(this::expire, delay, TimeUnit.NANOSECONDS);
    }

    /** The timer: resets every stream whose deadline has passed, then waits for the next. */
    private void expire() {
        timer = null;
        long now = now();
        while (head != null && head.deadlineNanos - now <= 0) {
            Entry e = head;
            unlink(e);
            expiry.expired(e.id, true);
        }
        if (head != null && timer == null) {
            schedule();
        }
    }

    private long now() {
        return executor.ticker().nanoTime();
    }

    /** One remembered stream, linked in arrival order. */
    private static final class Entry {
        final int id;
        final long deadlineNanos;
        Entry prev;
        Entry next;

        Entry(int id, long deadlineNanos) {
            this.id = id;
            this.deadlineNanos = deadlineNanos;
        }
    }
}
