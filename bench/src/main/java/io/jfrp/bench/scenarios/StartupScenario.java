package io.jfrp.bench.scenarios;

import io.jfrp.bench.BenchContext;
import io.jfrp.bench.Results;
import io.jfrp.bench.Scenario;
import io.jfrp.bench.load.EchoServer;
import io.jfrp.bench.paths.FrpPath;
import io.jfrp.bench.paths.PathFactory;
import io.jfrp.bench.report.Summary;

import java.util.List;
import java.util.Set;

/**
 * "startup": how soon each program serves after its launch ({@link FrpPath.Startup}), jfrp's launchers
 * as users start them and stock frp's, on the tcpMux+TLS path of each. Each round starts both afresh
 * with new files (the page cache stays warm, as for a user's restart).
 */
public final class StartupScenario extends Scenario {
    static final String NAME = "startup";
    private static final Set<String> FAMILIES = Set.of(Summary.JFRP, "frp-mux-tls");

    public StartupScenario() {
        super(NAME, "seconds from launch to jfrps/frps accepting on bindPort and to jfrpc/frpc's proxy open");
    }

    @Override
    public void run(BenchContext ctx, List<PathFactory> paths, Results results) throws Exception {
        int rounds = ctx.quick() ? 3 : Math.max(9, ctx.rounds());
        List<PathFactory> measured = paths.stream().filter(f -> FAMILIES.contains(f.name())).toList();
        try (EchoServer echo = EchoServer.start()) {
            rounds(ctx, rounds, measured, echo.address(), results, (path, endpoint) -> {
                FrpPath.Startup s = ((FrpPath) path).startup();
                results.add(NAME, "server accepting on bindPort", path.name(), s.serverSeconds(), "s", false);
                results.add(NAME, "client's proxy open", path.name(), s.clientSeconds(), "s", false);
            });
        }
    }
}
