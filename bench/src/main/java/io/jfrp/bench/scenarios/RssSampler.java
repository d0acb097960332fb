package io.jfrp.bench.scenarios;

import io.jfrp.bench.load.ProcessMemory;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Samples the RSS (with descendants) of a path's processes every 250 ms until closed, keeping the
 * largest per role: a burst's peak, which a reading once its connections are all open could miss.
 */
final class RssSampler implements AutoCloseable {
    private final Map<String, ProcessHandle> processes;
    /** Each role's largest sample in bytes; guarded by this. */
    private final Map<String, Long> peak;
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "rss-sampler");
        t.setDaemon(true);
        return t;
    });

    /** Starts sampling {@code processes}, each role's peak starting at {@code initial}. */
    RssSampler(Map<String, ProcessHandle> processes, Map<String, Long> initial) {
        this.processes = processes;
        this.peak = new LinkedHashMap<>(initial);
        executor.scheduleAtFixedRate(this::sample, 0, 250, TimeUnit.MILLISECONDS);
    }

    private synchronized void sample() {
        rss(processes).forEach((role, v) -> peak.merge(role, v, Math::max));
    }

    /** Takes a sample now; each role's largest sample so far. */
    synchronized Map<String, Long> peaks() {
        sample();
        return new LinkedHashMap<>(peak);
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
