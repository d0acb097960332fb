package io.jfrp.bench.scenarios;

import io.jfrp.bench.load.ProcessMemory;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/**
 * Samples the resident memory (with descendants) of a path's processes every 250 ms on a thread of
 * its own, keeping the largest sample per role.
 */
final class RssSampler implements AutoCloseable {
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "rss-sampler");
        t.setDaemon(true);
        return t;
    });

    /** The largest samples of one measurement; sampling stops when closed. */
    static final class Peaks implements AutoCloseable {
        private final Map<String, Long> peak = new LinkedHashMap<>();
        private ScheduledFuture<?> task;

        /** Each role's largest sample in bytes (roles never read are left out). */
        synchronized void forEach(BiConsumer<String, Long> action) {
            peak.forEach(action);
        }

        @Override
        public void close() {
            task.cancel(false);
        }
    }

    /** Starts sampling {@code processes} once {@code delay} (the warm-up) has passed. */
    Peaks sample(Map<String, ProcessHandle> processes, Duration delay) {
        Peaks p = new Peaks();
        p.task = executor.scheduleAtFixedRate(() -> rss(processes).forEach((role, rss) -> {
            synchronized (p) {
                p.peak.merge(role, rss, Math::max);
            }
        }), delay.toMillis(), 250, TimeUnit.MILLISECONDS);
        return p;
    }

    /** Each role's RSS with its descendants now, in bytes (roles that cannot be read are left out). */
    static Map<String, Long> rss(Map<String, ProcessHandle> processes) {
        Map<String, Long> out = new LinkedHashMap<>();
        processes.forEach((role, h) -> {
            long v = ProcessMemory.treeRss(h);
            if (v > 0) {
                out.put(role, v);
            }
        });
        return out;
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
