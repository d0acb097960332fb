package io.jfrp.bench.scenarios;

import io.jfrp.bench.harness.BenchContext;
import io.jfrp.bench.harness.Mode;
import io.jfrp.bench.harness.PathFactory;
import io.jfrp.bench.harness.Results;
import io.jfrp.bench.harness.Scenario;
import io.jfrp.bench.load.ChurnClient;
import io.jfrp.bench.load.EchoServer;

import java.time.Duration;
import java.util.List;

/**
 * "churn": new public connections per second, each a short exchange (connect, 32 bytes out, the
 * same 32 back, close) made back to back by {@value #WORKERS} client threads against an
 * {@link EchoServer} behind each TCP path (HTTP-only paths take no part), after unrecorded
 * warm-up exchanges (2 s quick, 5 s full) that warm the path's JIT. Figures: connections/s (higher
 * is better), p50 and p99 connect-to-echo latency in microseconds.
 */
public final class ChurnScenario implements Scenario {
    static final String NAME = "churn";
    static final int WORKERS = 8;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<String> requiredTools() {
        return List.of();
    }

    @Override
    public void run(BenchContext ctx, List<PathFactory> paths, Results results) throws Exception {
        Duration warmup = ctx.mode() == Mode.QUICK ? Duration.ofSeconds(2) : Duration.ofSeconds(5);
        RoundFigures figures = new RoundFigures(NAME);
        try (EchoServer echo = EchoServer.start(0, 1)) {
            for (int round = 0; round < ctx.rounds(); round++) {
                for (PathFactory factory : paths) {
                    if (factory.httpOnly()) {
                        continue;
                    }
                    PathRun.run(NAME, ctx, factory, echo.address(), results, "round " + (round + 1), (path, endpoint) -> {
                        ChurnClient.Result r = ChurnClient.run(endpoint.address(), WORKERS, warmup, ctx.phaseDuration(),
                                Duration.ofSeconds(5));
                        figures.add("connections/s", factory.name(), r.perSecond(), "conn/s", true);
                        figures.add("p50 connect-to-echo", factory.name(), r.latency().p50Us(), "µs", false);
                        figures.add("p99 connect-to-echo", factory.name(), r.latency().p99Us(), "µs", false);
                        if (r.errors() > 0) {
                            results.note(NAME + ": " + factory.name() + ": " + r.errors() + " failed exchanges (of "
                                    + (r.errors() + r.exchanges()) + "), first: " + r.firstError());
                        }
                    });
                }
            }
        }
        for (PathFactory f : paths) {
            if (f.httpOnly()) {
                results.note(NAME + ": " + f.name() + " skipped (HTTP only)");
            }
        }
        figures.flush(results);
    }
}
