package io.jfrp.bench.scenarios;

import io.jfrp.bench.AbstractScenario;
import io.jfrp.bench.BenchContext;
import io.jfrp.bench.Results;
import io.jfrp.bench.paths.PathFactory;

import java.util.List;

/**
 * "throughput": iperf3 through every TCP path ({@link IperfRounds}): one stream and four, upload and
 * download ({@code -R}: the service sends), in Gbit/s as the receiver counted. Each path is first
 * warmed until its one-stream rate is steady ({@link SteadyIperfWarmup}), its first second reported
 * as the cold figure.
 */
public final class ThroughputScenario extends AbstractScenario {
    static final String NAME = "throughput";

    static final List<IperfRounds.Case> CASES = List.of(
            IperfRounds.tcp(NAME, "1 stream upload", 1, false),
            IperfRounds.tcp(NAME, "1 stream download", 1, true),
            IperfRounds.tcp(NAME, "4 streams upload", 4, false),
            IperfRounds.tcp(NAME, "4 streams download", 4, true));

    public ThroughputScenario() {
        super(NAME, "iperf3 through each TCP path: 1 and 4 streams, up and down (Gbit/s)", "iperf3");
    }

    @Override
    public void run(BenchContext ctx, List<PathFactory> paths, Results results) throws Exception {
        IperfRounds.run(NAME, ctx, paths, results, CASES.get(0), true, CASES, set -> { });
    }
}
