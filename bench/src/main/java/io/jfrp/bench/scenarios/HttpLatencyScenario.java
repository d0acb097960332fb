package io.jfrp.bench.scenarios;

import io.jfrp.bench.harness.BenchContext;
import io.jfrp.bench.harness.Mode;
import io.jfrp.bench.harness.PathFactory;
import io.jfrp.bench.harness.Results;
import io.jfrp.bench.harness.Scenario;
import io.jfrp.bench.load.HttpLatencyClient;
import io.jfrp.bench.load.NettyLoops;
import io.jfrp.bench.tools.Nginx;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * "http-latency": latency percentiles at a fixed, moderate request rate (open loop, corrected for
 * coordinated omission: see {@link HttpLatencyClient}): {@value #RATE} requests/s of the 1 KiB file
 * from nginx over {@value #CONNECTIONS} keep-alive connections, after a warm-up run at the same rate
 * (2 s quick, 5 s full) that is not recorded. Every path, HTTP-only (vhost) ones included. Figures: p50, p99, p99.9 in
 * microseconds (lower is better) and the achieved rate. A note flags runs with errors, that fell
 * short of the rate, or where the load client itself sent late (client lag p99 over 0.5 ms: a busy
 * machine, whose delay the latencies then include).
 */
public final class HttpLatencyScenario implements Scenario {
    static final String NAME = "http-latency";
    /** Total requests per second: moderate, far below what any path saturates at here. */
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
        // A fresh path's JVMs start cold; the warm-up is its own run so that its backlog, if any,
        // does not spill into the measurement.
        Duration warmup = ctx.mode() == Mode.QUICK ? Duration.ofSeconds(2) : Duration.ofSeconds(5);
        if (!NettyLoops.epoll()) {
            results.note(NAME + ": native epoll unavailable; the load client's timers run on NIO with millisecond"
                    + " resolution, which adds up to 1 ms of send lag to every path alike");
        }
        RoundFigures figures = new RoundFigures(NAME);
        try (Nginx nginx = Nginx.start("nginx", 1)) {
            for (int round = 0; round < ctx.rounds(); round++) {
                for (PathFactory factory : paths) {
                    PathRun.run(NAME, ctx, factory, nginx.address(), results, "round " + (round + 1), (path, endpoint) -> {
                        HttpLatencyClient.Result r = HttpLatencyClient.run(new HttpLatencyClient.Settings(
                                endpoint.address(), endpoint.hostHeader(), Nginx.FILE_PATH, CONNECTIONS, RATE,
                                warmup, ctx.phaseDuration(), Duration.ofSeconds(5)));
                        String at = "at " + RATE + " req/s";
                        figures.add("p50 " + at, factory.name(), r.latency().p50Us(), "µs", false);
                        figures.add("p99 " + at, factory.name(), r.latency().p99Us(), "µs", false);
                        figures.add("p99.9 " + at, factory.name(), r.latency().p999Us(), "µs", false);
                        figures.add("achieved rate", factory.name(), r.achievedRate(), "req/s", true);
                        noteTrouble(results, factory.name(), r);
                    });
                }
            }
        }
        figures.flush(results);
    }

    static void noteTrouble(Results results, String path, HttpLatencyClient.Result r) {
        if (r.errors() > 0) {
            results.note(NAME + ": " + path + ": " + r.errors() + " of " + r.sent() + " requests failed, first: "
                    + r.firstError());
        }
        if (r.achievedRate() < 0.95 * r.targetRate()) {
            results.note(String.format(Locale.ROOT, "%s: %s achieved %.0f of %.0f req/s", NAME, path,
                    r.achievedRate(), r.targetRate()));
        }
        if (r.clientLag().p99Us() > 500) {
            results.note(String.format(Locale.ROOT, "%s: %s: the load client itself sent late (client lag p50 %.0f µs,"
                    + " p99 %.0f µs): the machine was busy, and the latencies overstate the path's by up to that",
                    NAME, path, r.clientLag().p50Us(), r.clientLag().p99Us()));
        }
    }
}
