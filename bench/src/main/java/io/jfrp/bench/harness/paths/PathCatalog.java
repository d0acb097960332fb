package io.jfrp.bench.harness.paths;

import io.jfrp.bench.harness.BenchContext;
import io.jfrp.bench.harness.PathFactory;
import io.jfrp.bench.harness.Tools;
import io.jfrp.bench.harness.TunnelPath;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Every path the harness knows, as {@link PathFactory}s in report order: direct, the jfrp modes,
 * {@code ssh -R}, stock frp. A factory whose tools are missing says which in
 * {@link PathFactory#missingTools()}.
 */
public final class PathCatalog {
    private PathCatalog() {
    }

    /** A factory from a name, the tools it lacks (fixed when the catalog is made) and a constructor. */
    record Factory(String name, boolean httpOnly, List<String> missingTools, Function<BenchContext, TunnelPath> maker)
            implements PathFactory {
        @Override
        public TunnelPath create(BenchContext ctx) {
            return maker.apply(ctx);
        }
    }

    /**
     * @param frpHome        a directory with stock frps and frpc, or null
     * @param timeoutSeconds how long child processes may live at most (they exit by themselves after it)
     */
    public static List<PathFactory> all(Path frpHome, long timeoutSeconds) {
        List<PathFactory> l = new ArrayList<>();
        l.add(new Factory(DirectPath.NAME, false, List.of(), ctx -> new DirectPath()));
        for (JfrpMode m : List.of(JfrpMode.MUX_TLS, JfrpMode.MUX_PLAIN, JfrpMode.POOL_TLS, JfrpMode.VHOST_HTTP)) {
            l.add(new Factory(m.pathName(), m.vhostHttp(), List.of(),
                    ctx -> new JfrpPath(m, Placement.LOOPBACK, ctx, timeoutSeconds)));
        }
        l.add(new Factory(SshReversePath.NAME, false, Tools.missing(SshReversePath.TOOLS), SshReversePath::new));
        FrpVersion version = null;
        List<String> frpMissing = new ArrayList<>();
        if (frpHome == null) {
            frpMissing.add("frps and frpc (no --frp-home, FRP_HOME not set)");
        } else if (!Files.isExecutable(frpHome.resolve("frps")) || !Files.isExecutable(frpHome.resolve("frpc"))) {
            frpMissing.add("frps and frpc (not both executable in " + frpHome + ")");
        } else {
            String text = Tools.version(frpHome.resolve("frps").toString(), "--version");
            try {
                version = FrpVersion.parse(text);
            } catch (IllegalArgumentException e) {
                frpMissing.add("frps (" + frpHome.resolve("frps") + " --version printed '" + text + "', no x.y.z)");
            }
        }
        FrpVersion v = version;
        for (FrpConfigWriter.Mode m : List.of(FrpConfigWriter.MUX_TLS, FrpConfigWriter.POOL)) {
            l.add(new Factory(m.pathName(), false, List.copyOf(frpMissing), ctx -> new FrpPath(m, frpHome, v, ctx)));
        }
        return l;
    }

    /** The stock frp version in {@code frpHome}, or null when it cannot be told. */
    public static String frpVersion(Path frpHome) {
        if (frpHome == null || !Files.isExecutable(frpHome.resolve("frps"))) {
            return null;
        }
        return Tools.version(frpHome.resolve("frps").toString(), "--version");
    }
}
