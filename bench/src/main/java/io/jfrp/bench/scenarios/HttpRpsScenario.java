package io.jfrp.bench.scenarios;

import io.jfrp.bench.BenchContext;
import io.jfrp.bench.Results;
import io.jfrp.bench.Scenario;
import io.jfrp.bench.paths.PathFactory;
import io.jfrp.bench.tools.Nginx;
import io.jfrp.bench.tools.Wrk;

import java.util.List;

/**
 * "http-rps": requests per second to nginx (one worker, 1 KiB file, keep-alive) through every path,
 * the vhost one included, with wrk at 32 connections (issue 16's figure) after a warm-up until the
 * rate is steady ({@link SteadyRateWarmup}). Figures: requests/s and wrk's p99 (closed loop: latency at
 * saturation; "http-latency" measures it at a fixed rate).
 */
public final class HttpRpsScenario extends Scenario {
    static final String NAME = "http-rps";

    public HttpRpsScenario() {
        super(NAME, "wrk requests/s to nginx through each path at 32 (and 64) connections", "nginx", "wrk");
    }

    @Override
    public void run(BenchContext ctx, List<PathFactory> paths, Results results) throws Exception {
        List<Integer> connectionCounts = ctx.quick() ? List.of(32) : List.of(32, 64);
        try (Nginx nginx = Nginx.start()) {
            rounds(ctx, ctx.rounds(), paths, nginx.address(), results, (path, endpoint) -> {
                String url = endpoint.url(Nginx.FILE_PATH);
                SteadyRateWarmup.Result warm = SteadyRateWarmup.run(ctx, url, endpoint.hostHeader());
                results.add(NAME, "warm-up to a steady rate", path.name(), warm.seconds(), "s", false);
                warm.noteIfUnsteady(results, NAME, path.name());
                for (int c : connectionCounts) {
                    Wrk.Result r = Wrk.run(url, c, ctx.phase(), endpoint.hostHeader());
                    if (r.errors() > 0) {
                        results.note(NAME + ": " + path.name() + " at " + c + " connections: " + r.errors()
                                + " errors (socket errors or non-2xx responses) of " + r.requests() + " requests");
                    }
                    results.add(NAME, "req/s, " + c + " conns", path.name(), r.requestsPerSecond(), "req/s", true);
                    results.add(NAME, "wrk p99, " + c + " conns", path.name(), r.p99Us(), "µs", false);
                }
            });
        }
    }
}
