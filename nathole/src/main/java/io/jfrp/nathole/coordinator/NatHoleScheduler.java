package io.jfrp.nathole.coordinator;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs the coordinator's delayed work (a session's 10 s wait for the proxy client, a sender's
 * 1 s response delay, forgetting finished sessions, hourly cleaning). An interface so that tests
 * drive time by hand; jfrps passes an event loop through {@link #of}.
 */
@FunctionalInterface
public interface NatHoleScheduler {

    /** Runs {@code task} once after {@code delay}; the returned handle cancels it. */
    Cancellable schedule(Runnable task, Duration delay);

    /** A scheduled task that can still be called off. */
    @FunctionalInterface
    interface Cancellable {
        /** Calls the task off if it has not run; no effect otherwise. */
        void cancel();
    }

    /** A scheduler on an executor, such as a Netty {@code EventExecutor}. */
    static NatHoleScheduler of(ScheduledExecutorService executor) {
        Objects.requireNonNull(executor, "executor");
        return (task, delay) -> {
            ScheduledFuture<?> f = executor.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
            return () -> f.cancel(false);
        };
    }
}
