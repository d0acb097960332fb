package io.jfrp.testkit;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;

/**
 * Waiting for long work that may be slow but must not stall: a test moving hundreds of megabytes,
 * or waiting for another process, bounded by how long it goes without progress rather than by a total
 * time that a loaded machine can exceed while everything works.
 */
public final class Progress {
    private static final long POLL_MILLIS = 50;

    private Progress() {
    }

    /**
     * Waits until {@code done} completes and returns its value, for as long as {@code progress} keeps
     * changing; fails when it has not changed for {@code stall}.
     *
     * @param what     what is awaited, for the failure message
     * @param progress a counter of the work done so far (streams finished, lines read, bytes moved)
     * @throws ExecutionException when {@code done} failed
     * @throws AssertionError     when {@code progress} stood still for {@code stall}
     */
    public static <T> T await(String what, Future<T> done, LongSupplier progress, Duration stall)
            throws InterruptedException, ExecutionException {
        long last = progress.getAsLong();
        long lastChange = System.nanoTime();
        while (true) {
            try {
                return done.get(POLL_MILLIS, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                long now = progress.getAsLong();
                if (now != last) {
                    last = now;
                    lastChange = System.nanoTime();
                } else if (System.nanoTime() - lastChange > stall.toNanos()) {
                    throw new AssertionError(what + ": no progress for " + stall.toSeconds() + " s (progress " + now
                            + ")");
                }
            }
        }
    }
}
