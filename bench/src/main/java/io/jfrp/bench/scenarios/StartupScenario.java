package io.jfrp.bench.scenarios;

import io.jfrp.bench.AbstractScenario;
import io.jfrp.bench.BenchContext;
import io.jfrp.bench.Results;
import io.jfrp.bench.load.EchoServer;
import io.jfrp.bench.paths.FrpPath;
import io.jfrp.bench.paths.PathFactory;
import io.jfrp.bench.report.Summary;

import java.util.List;
import java.util.Set;

/**
 * "startup": how soon each program serves after its launch, for jfrp ({@code bin/jfrps},
 * {@code bin/jfrpc}, started as users start them: the launcher checks the build is up to date, which
 * {@code bin/jfrp-bench} made sure of before the run) and stock frp ({@code frps}, {@code frpc}): the
 * server from launch to its bindPort accepting, the client from launch to its tcp proxy open on the
 * server ({@link FrpPath.Startup}). Each round starts both programs afresh with new files (the
 * operating system's page cache stays warm, as it does for a user's restart). Quick 3 rounds, full
 * 9; the figure is the median. Only the tcpMux+TLS paths of each family (the others start the same
 * programs).
 */
public final class StartupScenario extends AbstractScenario {
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
            PathRun.rounds(NAME, ctx, rounds, measured, echo.address(), results, (factory, path, endpoint, figures) -> {
                FrpPath.Startup s = ((FrpPath) path).startup();
                figures.add("server accepting on bindPort", factory.name(), s.serverSeconds(), "s", false);
                figures.add("client's proxy open", factory.name(), s.clientSeconds(), "s", false);
            });
        }
    }
}
