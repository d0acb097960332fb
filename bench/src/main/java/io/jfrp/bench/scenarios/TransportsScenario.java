package io.jfrp.bench.scenarios;

import io.jfrp.bench.BenchContext;
import io.jfrp.bench.Results;
import io.jfrp.bench.Scenario;
import io.jfrp.bench.load.ChurnClient;
import io.jfrp.bench.load.EchoServer;
import io.jfrp.bench.paths.Net;
import io.jfrp.bench.paths.PathFactory;
import io.jfrp.bench.tools.Iperf3;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * "transports" (opt-in): what each way of reaching the server costs, jfrp's and stock frp's side by
 * side (the opt-in paths of {@link io.jfrp.bench.paths.PathCatalog}). Per round, on a fresh path each:
 * iperf3 one stream up and down after an untimed warm-up (Gbit/s); and one client making new
 * connections back to back to an echo service: the tunnel's per-connection cost (a work stream and a
 * dial of the service) as p50 and p99 connect to echo (µs) and connections/s.
 */
public final class TransportsScenario extends Scenario {
    static final String NAME = "transports";
    private static final List<IperfScenario.Case> CASES = IperfScenario.oneStreamUpDown(NAME);

    public TransportsScenario() {
        super(NAME, true, "each transport (tcp, v2, websocket, wss, kcp, quic; jfrp and frp): iperf3 1 stream up/down "
                + "and connection set-up latency", "iperf3");
    }

    @Override
    public void run(BenchContext ctx, List<PathFactory> paths, Results results) throws Exception {
        List<PathFactory> tcp = tcpPaths(paths, results);
        Path dir = ctx.newLogDir(NAME);
        try (Iperf3 iperf = Iperf3.start(null, Net.LOOPBACK, Net.freePort(), dir);
             EchoServer echo = EchoServer.start()) {
            for (int round = 1; round <= ctx.rounds(); round++) {
                int r = round;
                for (PathFactory factory : tcp) {
                    String p = factory.name();
                    measure(ctx, factory, iperf.address(), results, "throughput round " + r, (path, end) -> {
                        try {
                            Iperf3.run(null, end.address(), (int) ctx.warmup().toSeconds(), false, 1, 0,
                                    dir.resolve(p + "-warmup-r" + r + ".json"));
                            for (IperfScenario.Case c : CASES) {
                                c.runner().run(p, end.address(), IperfScenario.seconds(ctx), IperfScenario.json(dir, p, c, r),
                                        results);
                            }
                        } catch (IOException e) {
                            iperf.restart(); // for the next run
                            throw e;
                        }
                    });
                    measure(ctx, factory, echo.address(), results, "set-up round " + r, (path, end) -> {
                        ChurnClient.Result c = ChurnClient.run(end.address(), 1, ctx.warmup(), ctx.phase(),
                                Duration.ofSeconds(5));
                        results.add(NAME, "p50 connection set-up", p, c.latency().p50Us(), "µs", false);
                        results.add(NAME, "p99 connection set-up", p, c.latency().p99Us(), "µs", false);
                        results.add(NAME, "connections/s (1 client)", p, c.perSecond(), "conn/s", true);
                        c.noteErrors(results, NAME, p);
                    });
                }
            }
        }
    }
}
