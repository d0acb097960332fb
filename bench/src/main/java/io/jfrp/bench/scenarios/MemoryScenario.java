package io.jfrp.bench.scenarios;

import io.jfrp.bench.harness.BenchContext;
import io.jfrp.bench.harness.Mode;
import io.jfrp.bench.harness.PathFactory;
import io.jfrp.bench.harness.Results;
import io.jfrp.bench.harness.Scenario;
import io.jfrp.bench.load.HttpLatencyClient;
import io.jfrp.bench.tools.Nginx;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * "memory": resident memory of each path's processes (jfrps, jfrpc, sshd with its session
 * children, frps, frpc) while {@link HttpLatencyClient} requests the 1 KiB file from nginx at
 * {@value #RATE} requests/s over {@value #CONNECTIONS} connections. RSS is sampled every 250 ms
 * after the warm-up; the figures are the largest sample per process, in MiB (lower is better).
 * Direct has no processes of its own and takes no part.
 */
public final class MemoryScenario implements Scenario {
    static final String NAME = "memory";
    static final int RATE = 2000;
    static final int CONNECTIONS = 16;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<String> requiredTools() {
        return List.of("nginx");
    }

    @Override
    public void run(BenchContext ctx, List<PathFactory> paths, Results results) throws Exception {
        Duration warmup = ctx.mode() == Mode.QUICK ? Duration.ofSeconds(2) : Duration.ofSeconds(5);
        RoundFigures figures = new RoundFigures(NAME);
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "memory-sampler");
            t.setDaemon(true);
            return t;
        });
        try (Nginx nginx = Nginx.start("nginx", 1)) {
            for (int round = 0; round < ctx.rounds(); round++) {
                for (PathFactory factory : paths) {
                    PathRun.run(NAME, ctx, factory, nginx.address(), results, "round " + (round + 1), (path, endpoint) -> {
                        Map<String, ProcessHandle> processes = path.processes();
                        if (processes.isEmpty()) {
                            return;
                        }
                        Map<String, Long> peak = new HashMap<>();
                        long sampleFrom = System.nanoTime() + warmup.toNanos();
                        var task = sampler.scheduleAtFixedRate(() -> {
                            if (System.nanoTime() < sampleFrom) {
                                return;
                            }
                            ScaleScenario.snapshotsRssOnly(processes).forEach((role, rss) -> {
                                synchronized (peak) {
                                    peak.merge(role, rss, Math::max);
                                }
                            });
                        }, 0, 250, TimeUnit.MILLISECONDS);
                        HttpLatencyClient.Result r;
                        try {
                            r = HttpLatencyClient.run(new HttpLatencyClient.Settings(endpoint.address(),
                                    endpoint.hostHeader(), Nginx.FILE_PATH, CONNECTIONS, RATE, warmup,
                                    ctx.phaseDuration(), Duration.ofSeconds(5)));
                        } finally {
                            task.cancel(false);
                        }
                        synchronized (peak) {
                            peak.forEach((role, rss) -> figures.add("RSS " + role + " at " + RATE + " req/s",
                                    factory.name(), rss / (1024.0 * 1024.0), "MiB", false));
                        }
                        if (r.errors() > 0) {
                            results.note(NAME + ": " + factory.name() + ": " + r.errors() + " requests failed under load,"
                                    + " first: " + r.firstError());
                        }
                    });
                }
            }
        } finally {
            sampler.shutdownNow();
        }
        for (PathFactory f : paths) {
            if (f.name().equals("direct")) {
                results.note(NAME + ": direct has no tunnel processes to measure");
            }
        }
        figures.flush(results);
    }
}
