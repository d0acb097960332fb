package io.jfrp.bench.scenarios;

import io.jfrp.bench.BenchContext;
import io.jfrp.bench.Results;
import io.jfrp.bench.Scenario;
import io.jfrp.bench.load.HttpLatencyClient;
import io.jfrp.bench.load.HttpLatencyProcess;
import io.jfrp.bench.load.NettyLoops;
import io.jfrp.bench.paths.PathFactory;
import io.jfrp.bench.tools.Nginx;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * "http-latency": latency percentiles at a fixed, moderate rate, open loop ({@link HttpLatencyClient}, in a
 * JVM of its own: {@link HttpLatencyProcess}):
 * {@value #RATE} requests/s of nginx's 1 KiB file through every path, after wrk until the rate is steady
 * ({@link SteadyRateWarmup}) and a run at the rate. Notes flag errors, a shortfall, or a load client
 * that itself sent late (a busy machine).
 */
public final class HttpLatencyScenario extends Scenario {
    static final String NAME = "http-latency";
    /** Total requests per second: moderate, far below what any path saturates at here. */
    static final int RATE = 1000;
    static final int CONNECTIONS = 16;
    /**
     * The suffix of the p99 with each request's own client lag taken out ({@link
     * HttpLatencyClient.Result#pathLatency}): the load client shares the two cores with the path, and a
     * send it made late is its own lateness, not the path's (the CI run of 2026-12-05 22:07 UTC: the
     * client up to 0.54 ms late at p99 through the vhost). The p99 with it stays the first figure.
     */
    static final String CLIENT_LAG_OUT = ", client lag out";
    /**
     * {@code -Djfrp.bench.latency-client=in-process}: the load client runs inside the harness JVM, as
     * before 2026-12-05, for comparison; by default it runs in a JVM of its own ({@link HttpLatencyProcess}).
     */
    static final boolean IN_PROCESS = "in-process".equals(System.getProperty("jfrp.bench.latency-client"));

    public HttpLatencyScenario() {
        super(NAME, "latency percentiles at a fixed " + RATE + " req/s to nginx through each path", "nginx", "wrk");
    }

    @Override
    public void run(BenchContext ctx, List<PathFactory> paths, Results results) throws Exception {
        if (!NettyLoops.epoll()) {
            results.note(NAME + ": native epoll unavailable; the load client's timers run on NIO with millisecond"
                    + " resolution, which adds up to 1 ms of send lag to every path alike");
        }
        String at = "at " + RATE + " req/s";
        try (Nginx nginx = Nginx.start()) {
            rounds(ctx, ctx.rounds(), paths, nginx.address(), results, (path, endpoint) -> {
                SteadyRateWarmup.run(ctx, endpoint.url(Nginx.FILE_PATH), endpoint.hostHeader());
                var settings = new HttpLatencyClient.Settings(endpoint.address(), endpoint.hostHeader(),
                        Nginx.FILE_PATH, CONNECTIONS, RATE, ctx.warmup(), ctx.phase(), Duration.ofSeconds(5));
                HttpLatencyClient.Result r = IN_PROCESS ? HttpLatencyClient.run(settings)
                        : HttpLatencyProcess.run(settings, ctx.newLogDir(NAME + "-client-" + path.name()));
                results.add(NAME, "p50 " + at, path.name(), r.latency().p50Us(), "µs", false);
                results.add(NAME, "p99 " + at, path.name(), r.latency().p99Us(), "µs", false);
                results.add(NAME, "p99.9 " + at, path.name(), r.latency().p999Us(), "µs", false);
                results.add(NAME, "p99 " + at + CLIENT_LAG_OUT, path.name(), r.pathLatency().p99Us(), "µs", false);
                results.add(NAME, "achieved rate", path.name(), r.achievedRate(), "req/s", true);
                noteTrouble(results, path.name(), r);
            });
        }
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
