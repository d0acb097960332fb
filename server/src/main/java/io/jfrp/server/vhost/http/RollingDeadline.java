package io.jfrp.server.vhost.http;

import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ScheduledFuture;

import java.util.concurrent.TimeUnit;

/**
 * A timeout that is armed and disarmed far more often than it expires: once or twice per request
 * on a keep-alive connection. Scheduling and cancelling a Netty task each time costs a priority
 * queue insertion and removal per request on the event loop (a top item in the vhost's profile
 * under wrk), so here arming and disarming only set fields; at most one task is scheduled at a
 * time, and when it runs before the deadline (the deadline moved on since it was scheduled) it
 * schedules itself again for the rest. A disarmed deadline's task runs once more, finds nothing
 * to do and is not renewed; {@link #cancel()} removes it at once (the connection closed).
 *
 * <p>Time is the executor's {@link io.netty.util.concurrent.Ticker}, as for its scheduled tasks (so
 * an {@code EmbeddedChannel}'s {@code advanceTimeBy} moves it too). The timeout is fixed per instance, so a task already scheduled never fires later than a new
 * deadline. Confined to {@code executor}'s thread.
 */
final class RollingDeadline {
    private final EventExecutor executor;
    private final long timeoutNanos;
    private final Runnable onExpiry;
    private long deadline;
    private boolean armed;
    private ScheduledFuture<?> task;

    /** @param onExpiry runs on {@code executor} when the deadline passes while armed */
    RollingDeadline(EventExecutor executor, long timeoutMillis, Runnable onExpiry) {
        this.executor = executor;
        this.timeoutNanos = TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        this.onExpiry = onExpiry;
    }

    /** Starts the timeout from now (again, if it was counting already). */
    void arm() {
        assert executor.inEventLoop();
        deadline = executor.ticker().nanoTime() + timeoutNanos;
        armed = true;
        if (task == null) {
            schedule(timeoutNanos);
        }
    }

    /** Starts the timeout from now unless it is counting already. */
    void armIfDisarmed() {
        if (!armed) {
            arm();
        }
    }

    /** Stops counting; expiry will not run unless armed again. */
    void disarm() {
        armed = false;
    }

    boolean isArmed() {
        return armed;
    }

    /** Stops counting and removes the scheduled task (the connection is gone). */
    void cancel() {
        armed = false;
        if (task != null) {
            task.cancel(false);
            task = null;
        }
    }

    private void schedule(long delayNanos) {
        task = executor.schedule(this::due, delayNanos, TimeUnit.NANOSECONDS);
    }

    private void due() {
        task = null;
        if (!armed) {
            return;
        }
        long left = deadline - executor.ticker().nanoTime();
        if (left > 0) {
            schedule(left);
            return;
        }
        armed = false;
        onExpiry.run();
    }
}
