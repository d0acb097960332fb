package io.jfrp.bench.scenarios;

import io.jfrp.bench.harness.BenchContext;
import io.jfrp.bench.harness.Mode;
import io.jfrp.bench.harness.PathFactory;
import io.jfrp.bench.harness.Results;
import io.jfrp.bench.harness.Scenario;
import io.jfrp.bench.tools.Nginx;
import io.jfrp.bench.tools.Wrk;

import java.time.Duration;
import java.util.List;

/**
 * "http-rps": requests per second through each path. One nginx (one worker, 1 KiB file, keep-alive)
 * is the service; wrk with one thread drives it at fixed connection counts (16 and 64; quick mode 16
 * only) for the phase duration, after an unrecorded run (2 s quick, 5 s full) that warms the
 * tunnel's JIT and connection pools. Every path, HTTP-only (vhost) ones included, sending their Host header.
 * Figures: requests/s (higher is better) and wrk's p99 latency at that load (closed loop: wrk sends
 * the next request when the answer comes, so this is latency at saturation, not at a fixed rate;
 * "http-latency" measures that).
 */
public final class HttpRpsScenario implements Scenario {
    static final String NAME = "http-rps";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<String> requiredTools() {
        return List.of("nginx", "wrk");
    }

    @Override
    public void run(BenchContext ctx, List<PathFactory> paths, Results results) throws Exception {
        List<Integer> connectionCounts = ctx.mode() == Mode.QUICK ? List.of(16) : List.of(16, 64);
        // A fresh path's JVMs start cold: an unrecorded wrk run warms their JIT and pools first.
        Duration warmup = ctx.mode() == Mode.QUICK ? Duration.ofSeconds(2) : Duration.ofSeconds(5);
        RoundFigures figures = new RoundFigures(NAME);
        try (Nginx nginx = Nginx.start("nginx", 1)) {
            for (int round = 0; round < ctx.rounds(); round++) {
                for (PathFactory factory : paths) {
                    PathRun.run(NAME, ctx, factory, nginx.address(), results, "round " + (round + 1), (path, endpoint) -> {
                        String url = PathRun.url(endpoint, Nginx.FILE_PATH);
                        Wrk.run("wrk", url, connectionCounts.get(0), warmup, endpoint.hostHeader());
                        for (int c : connectionCounts) {
                            Wrk.Result r = Wrk.run("wrk", url, c, ctx.phaseDuration(), endpoint.hostHeader());
                            if (r.errors() > 0) {
                                results.note(NAME + ": " + factory.name() + " at " + c + " connections: " + r.errors()
                                        + " errors (socket errors or non-2xx responses) of " + r.requests() + " requests");
                            }
                            figures.add("req/s, " + c + " conns", factory.name(), r.requestsPerSecond(), "req/s", true);
                            figures.add("wrk p99, " + c + " conns", factory.name(), r.p99Us(), "µs", false);
                        }
                    });
                }
            }
        }
        figures.flush(results);
    }
}
