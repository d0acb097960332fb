package io.jfrp.bench.scenarios;

import io.jfrp.bench.BenchContext;
import io.jfrp.bench.Results;
import io.jfrp.bench.Scenario;
import io.jfrp.bench.load.ChurnClient;
import io.jfrp.bench.load.EchoServer;
import io.jfrp.bench.paths.PathFactory;

import java.time.Duration;
import java.util.List;

/**
 * "churn": new public connections per second through each TCP path, each a 32-byte echo
 * ({@link ChurnClient}, {@value #WORKERS} threads, after a warm-up). Figures: connections/s, p50 and
 * p99 connect-to-echo latency (µs).
 */
public final class ChurnScenario extends Scenario {
    static final String NAME = "churn";
    static final int WORKERS = 8;

    public ChurnScenario() {
        super(NAME, "new public connections per second, each a 32-byte echo, through each TCP path");
    }

    @Override
    public void run(BenchContext ctx, List<PathFactory> paths, Results results) throws Exception {
        try (EchoServer echo = EchoServer.start()) {
            rounds(ctx, ctx.rounds(), tcpPaths(paths, results), echo.address(), results, (path, endpoint) -> {
                ChurnClient.Result r = ChurnClient.run(endpoint.address(), WORKERS, ctx.warmup(), ctx.phase(),
                        Duration.ofSeconds(5));
                results.add(NAME, "connections/s", path.name(), r.perSecond(), "conn/s", true);
                results.add(NAME, "p50 connect-to-echo", path.name(), r.latency().p50Us(), "µs", false);
                results.add(NAME, "p99 connect-to-echo", path.name(), r.latency().p99Us(), "µs", false);
                r.noteErrors(results, NAME, path.name());
            });
        }
    }
}
