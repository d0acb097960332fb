package io.jfrp.bench.scenarios;

import io.jfrp.bench.BenchContext;
import io.jfrp.bench.Results;
import io.jfrp.bench.Scenario;
import io.jfrp.bench.load.ChurnClient;
import io.jfrp.bench.load.EchoServer;
import io.jfrp.bench.paths.PathFactory;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;

/**
 * "failover" (opt-in): jfrpc on several jfrps behind HAProxy (docs/multi-server.md, {@link FailoverRig}).
 * Figures per round: churn's connections/s through HAProxy with one jfrps and with two, and with two the
 * disruption when one is killed mid-load: seconds from the kill to the end of the last failed exchange.
 */
public final class FailoverScenario extends Scenario {
    static final String NAME = "failover";
    static final int WORKERS = 8;

    public FailoverScenario() {
        super(NAME, true, "connections/s through HAProxy with one and two jfrps, and the disruption when one dies",
                "haproxy");
    }

    @Override
    public void run(BenchContext ctx, List<PathFactory> paths, Results results) throws Exception {
        try (EchoServer echo = EchoServer.start()) {
            for (int round = 1; round <= ctx.rounds(); round++) {
                for (int servers = 1; servers <= 2; servers++) {
                    String path = "haproxy+" + servers + "jfrps";
                    try (FailoverRig rig = FailoverRig.start(ctx, servers, echo.address())) {
                        ChurnClient.Result r = ChurnClient.run(rig.front(), WORKERS, ctx.warmup(), ctx.phase(),
                                Duration.ofSeconds(5));
                        results.add(NAME, "connections/s", path, r.perSecond(), "conn/s", true);
                        r.noteErrors(results, NAME, path);
                        if (servers == 2) {
                            Disruption d = disruption(rig, ctx.phase());
                            results.add(NAME, "disruption when one dies", path, d.seconds(), "s", false);
                            results.add(NAME, "failed exchanges when one dies", path, d.failed(), "", false);
                        }
                    } catch (Exception e) {
                        results.fail(NAME + ": " + path + ", round " + round + ": " + e);
                    }
                }
            }
        }
    }

    /** What a kill did to the load: seconds from the kill to the end of the last failure, and the failures. */
    record Disruption(double seconds, long failed) {
    }

    /** Churn for {@code phase} ({@link ChurnClient}); server 0 is killed a third of the way in. */
    static Disruption disruption(FailoverRig rig, Duration phase) throws Exception {
        FutureTask<ChurnClient.Result> load = new FutureTask<>(() -> ChurnClient.run(rig.front(), WORKERS,
                Duration.ZERO, phase, Duration.ofSeconds(5)));
        new Thread(load, "failover-load").start();
        Thread.sleep(phase.toMillis() / 3);
        long killed = System.nanoTime();
        rig.kill(0);
        ChurnClient.Result r = load.get(phase.toSeconds() + 30, TimeUnit.SECONDS);
        long last = r.lastFailureNanos();
        return new Disruption(last > killed ? (last - killed) / 1e9 : 0, r.errors());
    }
}
