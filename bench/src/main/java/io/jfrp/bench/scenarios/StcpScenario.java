package io.jfrp.bench.scenarios;

import io.jfrp.bench.AbstractScenario;
import io.jfrp.bench.BenchContext;
import io.jfrp.bench.Results;
import io.jfrp.bench.paths.PathFactory;

import java.util.List;

/**
 * "stcp": one iperf3 stream, upload and download, to a service reached privately: through an stcp
 * proxy and an stcp visitor (three processes: jfrps or frps, the owner, the visitor's client), jfrp's
 * and stock frp's, beside {@code ssh -L} (what users reach a private service with otherwise) and
 * direct. Gbit/s as the receiver counted. Its own paths ({@link SecretPaths}).
 */
public final class StcpScenario extends AbstractScenario {
    static final String NAME = "stcp";

    public StcpScenario() {
        super(NAME, "iperf3 through an stcp visitor (jfrp, frp) vs ssh -L and direct, 1 stream up and down (Gbit/s)",
                "iperf3");
    }

    @Override
    public void run(BenchContext ctx, List<PathFactory> paths, Results results) throws Exception {
        List<IperfRounds.Case> cases = IperfRounds.oneStreamUpDown(NAME);
        IperfRounds.run(NAME, ctx, SecretPaths.stcp(ctx, results), results, cases.get(0), false, cases, set -> { });
    }
}
