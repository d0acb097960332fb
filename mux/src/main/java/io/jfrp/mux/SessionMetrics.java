package io.jfrp.mux;

import io.netty.util.concurrent.EventExecutor;

import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;

/**
 * The counters of one session (what it refused, the floods it detected, the bytes its streams hold
 * unread) and the publication of its {@link SessionStats} to other threads.
 *
 * <h3>Threading</h3>
 * The counters are plain fields of the event loop, written by the session's parts as things
 * happen. Other threads see them only through the snapshot in {@link #published()}, a volatile
 * reference to an immutable record: after anything changes, {@link #changed()} queues one task on the
 * loop (at most one at a time) that builds and publishes a new snapshot, so the published one trails
 * the loop by at most the task in progress.
 */
final class SessionMetrics {
    private final EventExecutor executor;
    private final Supplier<SessionStats> snapshot;
    private final Runnable publishTask = this::publish;
    private volatile SessionStats published = SessionStats.EMPTY;
    private boolean publishQueued;

    /** SYNs refused by reason: see the fields of {@link SessionStats}. Event loop only, as below. */
    long refusedInboundLimit;
    long refusedConcurrencyLimit;
    long refusedBacklogFull;
    long refusedWindowBudget;
    long refusedGoingAway;
    /** Lingering streams reset because the cap was reached, or their close timeout passed. */
    long lingeringEvicted;
    long lingeringTimedOut;
    /** Floods detected, by kind (each ended the session). */
    long synFloods;
    long resetFloods;
    long pingFloods;
    long controlFrameFloods;
    /** Data received and queued in streams, not yet read by their children. */
    long unreadBytes;

    SessionMetrics(EventExecutor executor, Supplier<SessionStats> snapshot) {
        this.executor = executor;
        this.snapshot = snapshot;
    }

    /** Something in the snapshot changed: publish a new one once the current task is done. */
    void changed() {
        if (!publishQueued) {
            publishQueued = true;
            try {
                executor.execute(publishTask);
            } catch (RejectedExecutionException e) {
                publish(); // the loop is shutting down: publish in place
            }
        }
    }

    /** Builds and publishes the snapshot now (on the loop). */
    void publish() {
        assert executor.inEventLoop();
        publishQueued = false;
        published = snapshot.get();
    }

    /** The snapshot the loop published last; any thread. */
    SessionStats published() {
        return published;
    }
}
