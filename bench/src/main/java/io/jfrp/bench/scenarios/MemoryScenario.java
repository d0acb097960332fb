package io.jfrp.bench.scenarios;

import io.jfrp.bench.BenchContext;
import io.jfrp.bench.Results;
import io.jfrp.bench.Scenario;
import io.jfrp.bench.load.EchoServer;
import io.jfrp.bench.load.IdleConnections;
import io.jfrp.bench.paths.DirectPath;
import io.jfrp.bench.paths.PathFactory;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * "memory": RSS (with descendants) of each tunnel path's processes with one tcp proxy: idle, at the
 * peak of a burst of {@value #BURST} concurrent connections ({@link RssSampler}), and some seconds
 * after they closed, in MiB; and {@code after/idle}, the memory-return goal's figure.
 */
public final class MemoryScenario extends Scenario {
    static final String NAME = "memory";
    static final int BURST = 2000;
    private static final double MIB = 1024.0 * 1024.0;

    public MemoryScenario() {
        super(NAME, "RSS of each program with one proxy: idle, at the peak of a " + BURST + "-connection burst,"
                + " and after it");
    }

    @Override
    public void run(BenchContext ctx, List<PathFactory> paths, Results results) throws Exception {
        Duration idle = Duration.ofSeconds(ctx.quick() ? 3 : 10);
        Duration settle = Duration.ofSeconds(ctx.quick() ? 5 : 15);
        List<PathFactory> tcp = tcpPaths(paths, results).stream().filter(f -> !f.name().equals(DirectPath.NAME))
                .toList();
        try (EchoServer echo = EchoServer.start()) {
            rounds(ctx, ctx.rounds(), tcp, echo.address(), results, (path, endpoint) -> {
                Thread.sleep(idle.toMillis());
                Map<String, Long> before = RssSampler.rss(path.processes());
                Map<String, Long> peak;
                try (RssSampler sampler = new RssSampler(path.processes(), before);
                     IdleConnections burst = IdleConnections.open(endpoint.address(), BURST, 256,
                             Duration.ofSeconds(60))) {
                    if (burst.result().held() < BURST) {
                        results.note(NAME + ": " + path.name() + " held " + burst.result().held() + " of " + BURST
                                + "; first failure: " + burst.result().firstError());
                    }
                    peak = sampler.peaks();
                }
                Thread.sleep(settle.toMillis());
                Map<String, Long> after = RssSampler.rss(path.processes());
                String p = path.name();
                before.forEach((role, b) -> {
                    results.add(NAME, "idle RSS " + role, p, b / MIB, "MiB", false);
                    results.add(NAME, "peak RSS " + role + ", " + BURST + " conns", p, peak.get(role) / MIB, "MiB",
                            false);
                    if (after.containsKey(role)) {
                        results.add(NAME, "RSS " + role + " " + settle.toSeconds() + " s after", p,
                                after.get(role) / MIB, "MiB", false);
                        results.add(NAME, "after/idle " + role, p, after.get(role) / (double) b, "x", false);
                    }
                });
            });
        }
    }
}
