package io.jfrp.nathole.coordinator;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A {@link NatHoleScheduler} whose time only moves when a test says so; it moves its
 * {@link MutableClock} along. Tasks run on the test's thread, in time order.
 */
public final class ManualScheduler implements NatHoleScheduler {
    private final MutableClock clock;
    private final List<Task> tasks = new ArrayList<>();
    private long nowNanos;
    private long sequence;

    public ManualScheduler(MutableClock clock) {
        this.clock = clock;
    }

    /** A task waiting to fall due; cancelling it takes it out of the waiting tasks. */
    private final class Task implements Cancellable {
        final long due;
        final long order = sequence++;
        final Runnable run;

        Task(long due, Runnable run) {
            this.due = due;
            this.run = run;
        }

        @Override
        public void cancel() {
            synchronized (ManualScheduler.this) {
                tasks.remove(this);
            }
        }
    }

    @Override
    public synchronized Cancellable schedule(Runnable task, Duration delay) {
        Task t = new Task(nowNanos + delay.toNanos(), task);
        tasks.add(t);
        return t;
    }

    /** Moves time forward by {@code d}, running what falls due on the way. */
    public void advance(Duration d) {
        long target;
        synchronized (this) {
            target = nowNanos + d.toNanos();
        }
        while (true) {
            Task next;
            synchronized (this) {
                next = tasks.stream().filter(t -> t.due <= target)
                        .min(Comparator.<Task>comparingLong(t -> t.due).thenComparingLong(t -> t.order)).orElse(null);
                if (next == null) {
                    clock.advance(Duration.ofNanos(target - nowNanos));
                    nowNanos = target;
                    return;
                }
                tasks.remove(next);
                clock.advance(Duration.ofNanos(next.due - nowNanos));
                nowNanos = next.due;
            }
            next.run.run();
        }
    }

    /** Tasks waiting (not cancelled). */
    public synchronized int pending() {
        return tasks.size();
    }
}
