package io.jfrp.bench.scenarios;

import io.jfrp.bench.BenchContext;
import io.jfrp.bench.OptInScenario;
import io.jfrp.bench.Results;
import io.jfrp.bench.load.ChurnClient;
import io.jfrp.bench.load.EchoServer;
import io.jfrp.bench.paths.PathFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * "failover" (opt-in): jfrpc on several jfrps behind HAProxy (docs/multi-server.md, {@link FailoverRig}).
 * Figures per round: connections per second as churn through HAProxy with one jfrps and with two, and
 * with two the disruption when one is killed (SIGKILL) mid-load: seconds from the kill to the end of
 * the last failed exchange (0 when none failed), and the failed exchanges.
 */
public final class FailoverScenario extends OptInScenario {
    static final String NAME = "failover";
    static final int WORKERS = 8;

    public FailoverScenario() {
        super(NAME, "connections/s through HAProxy with one and two jfrps, and the disruption when one dies",
                "haproxy");
    }

    @Override
    public void run(BenchContext ctx, List<PathFactory> paths, Results results) throws Exception {
        RoundFigures figures = new RoundFigures(NAME);
        try (EchoServer echo = EchoServer.start(0, 1)) {
            for (int round = 1; round <= ctx.rounds(); round++) {
                for (int servers = 1; servers <= 2; servers++) {
                    String path = "haproxy+" + servers + "jfrps";
                    try (FailoverRig rig = FailoverRig.start(ctx, servers, echo.address())) {
                        ChurnClient.Result r = ChurnClient.run(rig.front(), WORKERS, ctx.warmup(), ctx.phase(),
                                Duration.ofSeconds(5));
                        figures.add("connections/s", path, r.perSecond(), "conn/s", true);
                        r.noteErrors(results, NAME, path);
                        if (servers == 2) {
                            Disruption d = disruption(rig, ctx.phase());
                            figures.add("disruption when one dies", path, d.seconds(), "s", false);
                            figures.add("failed exchanges when one dies", path, d.failed(), "", false);
                        }
                    } catch (Exception e) {
                        results.fail(NAME + ": " + path + ", round " + round + ": " + e);
                    }
                }
            }
        }
        figures.flush(results);
    }

    /** What a kill did to the load: seconds from the kill to the end of the last failure, and the failures. */
    record Disruption(double seconds, long failed) {
    }

    /** Exchanges back to back for {@code phase}; server 0 is killed a third of the way in. */
    static Disruption disruption(FailoverRig rig, Duration phase) throws InterruptedException {
        long end = System.nanoTime() + phase.toNanos();
        AtomicLong lastFailureEnd = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        List<Thread> workers = new ArrayList<>();
        for (int i = 0; i < WORKERS; i++) {
            Thread t = new Thread(() -> {
                byte[] out = new byte[ChurnClient.EXCHANGE_BYTES];
                byte[] in = new byte[out.length];
                while (System.nanoTime() < end) {
                    ThreadLocalRandom.current().nextBytes(out);
                    if (ChurnClient.exchange(rig.front(), out, in, 5000) != null) {
                        failed.incrementAndGet();
                        lastFailureEnd.accumulateAndGet(System.nanoTime(), Math::max);
                    }
                }
            }, "failover-worker");
            t.setDaemon(true);
            workers.add(t);
            t.start();
        }
        Thread.sleep(phase.toMillis() / 3);
        long killed = System.nanoTime();
        rig.kill(0);
        for (Thread t : workers) {
            t.join(phase.toMillis() + 10_000);
        }
        long last = lastFailureEnd.get();
        return new Disruption(last > killed ? (last - killed) / 1e9 : 0, failed.get());
    }
}
