package io.jfrp.bench.scenarios;

import io.jfrp.bench.BenchContext;
import io.jfrp.bench.Results;
import io.jfrp.bench.paths.DirectPath;
import io.jfrp.bench.paths.FrpPath.Programs;
import io.jfrp.bench.paths.FrpSecretPath;
import io.jfrp.bench.paths.PathCatalog;
import io.jfrp.bench.paths.PathCatalog.Factory;
import io.jfrp.bench.paths.PathFactory;
import io.jfrp.bench.paths.SshPath;
import io.jfrp.bench.tools.Tools;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The paths of the udp and stcp scenarios, which publish through udp, stcp and sudp rather than a tcp
 * proxy: direct, jfrp's and stock frp's {@link FrpSecretPath}s (stock frp from FRP_HOME or
 * {@value PathCatalog#SHARED_FRP}), and for stcp {@code ssh -L}. A path whose programs are missing is
 * left out with a note.
 */
final class SecretPaths {
    private SecretPaths() {
    }

    static List<PathFactory> udp(BenchContext ctx, Results results) {
        return paths(ctx, results, List.of(FrpSecretPath.Kind.UDP, FrpSecretPath.Kind.SUDP), false);
    }

    static List<PathFactory> stcp(BenchContext ctx, Results results) {
        return paths(ctx, results, List.of(FrpSecretPath.Kind.STCP), true);
    }

    /** direct, jfrp-stcp, jfrp-xtcp-quic, jfrp-xtcp-kcp and stock frp's three. */
    static List<PathFactory> xtcp(BenchContext ctx, Results results) {
        return paths(ctx, results, List.of(FrpSecretPath.Kind.STCP, FrpSecretPath.Kind.XTCP_QUIC,
                FrpSecretPath.Kind.XTCP_KCP), false);
    }

    private static List<PathFactory> paths(BenchContext ctx, Results results, List<FrpSecretPath.Kind> kinds,
                                           boolean sshLocal) {
        List<PathFactory> l = new ArrayList<>();
        l.add(new Factory(DirectPath.NAME, c -> new DirectPath()));
        kinds.forEach(k -> l.add(new Factory("jfrp-" + k.label(), c -> new FrpSecretPath(Programs.jfrp(c), k, c))));
        Path frpHome = PathCatalog.frpHome(ctx.frpHome(), System.getenv("FRP_HOME"), ctx.root());
        if (frpHome != null && PathCatalog.frpVersion(frpHome) != null) {
            kinds.forEach(k -> l.add(new Factory("frp-" + k.label(),
                    c -> new FrpSecretPath(Programs.stock(frpHome), k, c))));
        } else {
            results.note("stock frp not found (FRP_HOME, " + PathCatalog.SHARED_FRP + "): its paths are left out");
        }
        if (sshLocal) {
            if (Tools.missing(SshPath.TOOLS).isEmpty()) {
                l.add(new Factory(SshPath.LOCAL, SshPath::local));
            } else {
                results.note(SshPath.LOCAL + " left out: missing " + Tools.missing(SshPath.TOOLS));
            }
        }
        return l;
    }
}
