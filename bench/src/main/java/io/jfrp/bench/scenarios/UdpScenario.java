package io.jfrp.bench.scenarios;

import io.jfrp.bench.AbstractScenario;
import io.jfrp.bench.BenchContext;
import io.jfrp.bench.BenchLog;
import io.jfrp.bench.Figure;
import io.jfrp.bench.Results;
import io.jfrp.bench.paths.PathFactory;
import io.jfrp.bench.tools.Iperf3;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * "udp": {@code iperf3 -u} at a fixed offered rate (1200-byte datagrams), up and down, through direct
 * and jfrp's and stock frp's udp proxy and sudp visitor ({@link SecretPaths}; iperf3's control
 * connection goes through a tcp proxy or stcp visitor beside them). Figures: Mbit/s received, loss %.
 */
public final class UdpScenario extends AbstractScenario {
    static final String NAME = "udp";
    /** Offered rates: quick, and full mode's. */
    static final long QUICK_RATE = 100_000_000L;
    static final List<Long> FULL_RATES = List.of(100_000_000L, 300_000_000L);
    static final int DATAGRAM = 1200;

    public UdpScenario() {
        super(NAME, "iperf3 -u at a fixed rate through udp and sudp, jfrp and frp, vs direct (Mbit/s, loss %)",
                "iperf3");
    }

    @Override
    public void run(BenchContext ctx, List<PathFactory> paths, Results results) throws Exception {
        List<IperfRounds.Case> cases = new ArrayList<>();
        for (long rate : ctx.quick() ? List.of(QUICK_RATE) : FULL_RATES) {
            for (boolean reverse : new boolean[] {false, true}) {
                cases.add(udp(rate, reverse));
            }
        }
        IperfRounds.run(NAME, ctx, SecretPaths.udp(ctx, results), results, cases.get(0), false, cases, set -> { });
    }

    /** {@code iperf3 -u} at {@code rate}; figures: Mbit/s received and % lost. */
    private static IperfRounds.Case udp(long rate, boolean reverse) {
        String what = String.format(Locale.ROOT, "%s at %d Mbit/s", reverse ? "down" : "up", rate / 1_000_000);
        return new IperfRounds.Case(what, (path, target, seconds, json, results) -> {
            Iperf3.UdpResult r = Iperf3.runUdp(target, seconds, rate, DATAGRAM, reverse, json);
            results.add(new Figure(NAME, "received, " + what, path, r.mbps(), "Mbit/s", true));
            results.add(new Figure(NAME, "loss, " + what, path, r.lostPercent(), "%", false));
            BenchLog.log(String.format(Locale.ROOT, "%s %-12s %-22s %7.1f Mbit/s received, %5.2f %% lost,"
                    + " jitter %.3f ms", NAME, path, what, r.mbps(), r.lostPercent(), r.jitterMs()));
        });
    }
}
