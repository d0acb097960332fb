package io.jfrp.bench.scenarios;

import io.jfrp.bench.BenchContext;
import io.jfrp.bench.BenchLog;
import io.jfrp.bench.OptInScenario;
import io.jfrp.bench.Results;
import io.jfrp.bench.load.ChurnClient;
import io.jfrp.bench.load.EchoServer;
import io.jfrp.bench.paths.Net;
import io.jfrp.bench.paths.PathFactory;
import io.jfrp.bench.tools.Iperf3;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * "transports" (opt-in): what each way of reaching the server costs, jfrp's and stock frp's side by
 * side: tcp, tcp with wire protocol v2, websocket with TLS inside, wss (jfrp only: stock frps cannot
 * terminate it), KCP with TLS, QUIC, and direct (or the paths {@code --paths} names). Per round, on a
 * fresh path each: iperf3 one stream up and down after an untimed warm-up (Gbit/s); and one client
 * making new connections back to back to an echo service, as churn: p50 and p99 connect to echo (µs)
 * and connections/s, the tunnel's per-connection cost (a work stream and a dial of the service).
 */
public final class TransportsScenario extends OptInScenario {
    static final String NAME = "transports";
    private static final List<IperfScenario.Case> CASES = IperfScenario.oneStreamUpDown(NAME);

    public TransportsScenario() {
        super(NAME, "each transport (tcp, v2, websocket, wss, kcp, quic; jfrp and frp): iperf3 1 stream up/down "
                + "and connection set-up latency", "iperf3");
    }

    @Override
    public void run(BenchContext ctx, List<PathFactory> paths, Results results) throws Exception {
        RoundFigures figures = new RoundFigures(NAME);
        List<PathFactory> tcp = PathRun.tcpPaths(NAME, paths, results);
        Path dir = ctx.newLogDir(NAME);
        Iperf3 iperf = new Iperf3(null, Net.LOOPBACK, Net.freePort(), dir);
        iperf.start();
        try (EchoServer echo = EchoServer.start()) {
            for (int round = 1; round <= ctx.rounds(); round++) {
                int r = round;
                for (PathFactory factory : tcp) {
                    String p = factory.name();
                    PathRun.run(NAME, ctx, factory, iperf.address(), results, "throughput round " + r, (path, end) -> {
                        try {
                            Iperf3.run(null, end.address(), (int) ctx.warmup().toSeconds(), false, 1, 0,
                                    dir.resolve(p + "-warmup-r" + r + ".json"));
                            for (IperfScenario.Case c : CASES) {
                                c.runner().run(p, end.address(), IperfScenario.seconds(ctx), IperfScenario.json(dir, p, c, r),
                                        results);
                            }
                        } catch (IOException e) {
                            iperf.start(); // for the next run
                            throw e;
                        }
                    });
                    PathRun.run(NAME, ctx, factory, echo.address(), results, "set-up round " + r, (path, end) -> {
                        ChurnClient.Result c = ChurnClient.run(end.address(), 1, ctx.warmup(), ctx.phase(),
                                Duration.ofSeconds(5));
                        figures.add("p50 connection set-up", p, c.latency().p50Us(), "µs", false);
                        figures.add("p99 connection set-up", p, c.latency().p99Us(), "µs", false);
                        figures.add("connections/s (1 client)", p, c.perSecond(), "conn/s", true);
                        BenchLog.log(String.format(Locale.ROOT, "%s round %d %-18s set-up p50 %.0f µs p99 %.0f µs", NAME, r,
                                p, c.latency().p50Us(), c.latency().p99Us()));
                        c.noteErrors(results, NAME, p);
                    });
                }
            }
        } finally {
            iperf.stop();
        }
        figures.flush(results);
    }
}
