package io.jfrp.bench.scenarios;

import io.jfrp.bench.AbstractScenario;
import io.jfrp.bench.BenchContext;
import io.jfrp.bench.BenchLog;
import io.jfrp.bench.Figure;
import io.jfrp.bench.Results;
import io.jfrp.bench.paths.FrpSecretPath;
import io.jfrp.bench.paths.PathFactory;
import io.jfrp.bench.paths.PublishedPaths;

import java.util.List;
import java.util.Locale;

/**
 * "xtcp": one iperf3 stream up and down through an xtcp visitor peer to peer (QUIC and KCP tunnels,
 * jfrp's and stock frp's) beside the stcp relay through the server and direct, in one run, on
 * loopback with a coturn STUN server; and the set-up time of each path: from the visitor client's
 * start until it is ready (stcp: listening; xtcp: the hole punched and the tunnel up).
 */
public final class XtcpScenario extends AbstractScenario {
    static final String NAME = "xtcp";

    public XtcpScenario() {
        super(NAME, "iperf3 through xtcp (QUIC, KCP) vs the stcp relay and direct, 1 stream up and down (Gbit/s);"
                + " set-up time (ms)", "iperf3", "turnserver");
    }

    @Override
    public void run(BenchContext ctx, List<PathFactory> paths, Results results) throws Exception {
        List<IperfRounds.Case> cases = IperfRounds.oneStreamUpDown(NAME);
        IperfRounds.run(NAME, ctx, SecretPaths.xtcp(ctx, results), results, cases.get(0), false, cases, set -> {
            for (PublishedPaths.Published p : set.published()) {
                if (p.path() instanceof FrpSecretPath secret && secret.setup() != null) {
                    double ms = secret.setup().toNanos() / 1e6;
                    results.add(new Figure(NAME, "set-up", p.name(), ms, "ms", false));
                    BenchLog.log(String.format(Locale.ROOT, "%s %-16s set-up %8.0f ms", NAME, p.name(), ms));
                }
            }
        });
    }
}
