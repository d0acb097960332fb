package io.jfrp.bench.paths;

import io.jfrp.bench.BenchContext;
import io.jfrp.bench.Results;
import io.jfrp.bench.paths.FrpPath.Programs;
import io.jfrp.bench.tools.Tools;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * The registry of paths the harness knows, as {@link PathFactory}s in report order: direct, jfrp in
 * each mode, {@code ssh -R}, stock frp. A factory whose tools are missing says which in
 * {@link PathFactory#missingTools()}. The udp, stcp and xtcp scenarios have their own ({@link #secret}).
 */
public final class PathCatalog {
    /** The modes jfrp is measured in. */
    public static final List<TransportMode> JFRP_MODES = List.of(TransportMode.MUX_TLS, TransportMode.MUX_PLAIN,
            TransportMode.POOL_TLS, TransportMode.VHOST_HTTP);
    /** The modes stock frp is measured in, to set beside jfrp's. */
    public static final List<TransportMode> FRP_MODES = List.of(TransportMode.MUX_TLS, TransportMode.POOL_TLS);
    /** jfrp's other transports (opt-in paths: the transports scenario, or --paths). */
    public static final List<TransportMode> JFRP_TRANSPORT_MODES = List.of(TransportMode.MUX_TLS_V2,
            TransportMode.WEBSOCKET_TLS, TransportMode.WSS, TransportMode.KCP_TLS, TransportMode.QUIC);
    /** Stock frp's, to set beside them (no wss: stock frps cannot terminate it, a proxy in front must). */
    public static final List<TransportMode> FRP_TRANSPORT_MODES = List.of(TransportMode.MUX_TLS_V2,
            TransportMode.WEBSOCKET_TLS, TransportMode.KCP_TLS, TransportMode.QUIC);
    /** The references of the ratios (direct, jfrp-mux-tls) and stock frp's counterpart of the latter. */
    public static final Set<String> REFERENCES = Set.of(DirectPath.NAME, "jfrp-mux-tls", "frp-mux-tls");
    /** The first frp release with wire protocol v2. */
    static final FrpVersion FIRST_WIRE_V2 = new FrpVersion(0, 69, 0);
    /** Where the project keeps stock frp, relative to its root (see HELPERS.md); the default of --frp-home. */
    public static final String SHARED_FRP = "../shared/peers/frp-0.70.0";
    /** The first frp release that reads TOML, which is all {@link FrpToml} writes. */
    static final FrpVersion FIRST_TOML = new FrpVersion(0, 52, 0);

    private PathCatalog() {
    }

    /** Every path; the stock frp ones from {@code frpHome} (a directory with frps and frpc, or null). */
    public static List<PathFactory> all(Path frpHome) {
        List<PathFactory> l = new ArrayList<>();
        l.add(new PathFactory(DirectPath.NAME, ctx -> new DirectPath()));
        Function<BenchContext, Programs> jfrp = Programs::jfrp;
        Function<BenchContext, Programs> stock = ctx -> Programs.stock(frpHome);
        JFRP_MODES.forEach(m -> l.add(frp("jfrp", jfrp, m, List.of(), false)));
        l.add(new PathFactory(SshPath.REVERSE, false, Tools.missing(SshPath.TOOLS), SshPath::reverse, false));
        List<String> frpMissing = frpMissing(frpHome);
        FRP_MODES.forEach(m -> l.add(frp("frp", stock, m, frpMissing, false)));
        JFRP_TRANSPORT_MODES.forEach(m -> l.add(frp("jfrp", jfrp, m, List.of(), true)));
        List<String> frpV2Missing = frpMissing.isEmpty() ? tooOld(frpHome, FrpVersion.parse(frpVersion(frpHome)),
                FIRST_WIRE_V2, "which lacks wire protocol v2") : frpMissing;
        FRP_TRANSPORT_MODES.forEach(m -> l.add(frp("frp", stock, m, m.wireProtocol().equals("v2") ? frpV2Missing
                : frpMissing, true)));
        return l;
    }

    /**
     * The paths of the scenarios that publish through udp, stcp, sudp or xtcp rather than a tcp proxy:
     * direct, jfrp's and stock frp's {@link FrpSecretPath}s of {@code kinds}, and {@code ssh -L} when
     * {@code sshLocal}. A path whose programs are missing is left out with a note.
     */
    public static List<PathFactory> secret(BenchContext ctx, Results results, boolean sshLocal,
                                           FrpSecretPath.Kind... kinds) {
        List<PathFactory> l = new ArrayList<>();
        l.add(new PathFactory(DirectPath.NAME, c -> new DirectPath()));
        for (FrpSecretPath.Kind k : kinds) {
            l.add(new PathFactory("jfrp-" + k.label(), c -> new FrpSecretPath(Programs.jfrp(c), k, c)));
        }
        Path frpHome = frpHome(ctx.frpHome(), System.getenv("FRP_HOME"), ctx.root());
        if (frpHome != null && frpVersion(frpHome) != null) {
            for (FrpSecretPath.Kind k : kinds) {
                l.add(new PathFactory("frp-" + k.label(), c -> new FrpSecretPath(Programs.stock(frpHome), k, c)));
            }
        } else {
            results.note("stock frp not found (FRP_HOME, " + SHARED_FRP + "): its paths are left out");
        }
        if (sshLocal && Tools.missing(SshPath.TOOLS).isEmpty()) {
            l.add(new PathFactory(SshPath.LOCAL, SshPath::local));
        } else if (sshLocal) {
            results.note(SshPath.LOCAL + " left out: missing " + Tools.missing(SshPath.TOOLS));
        }
        return l;
    }

    /** The path of {@code mode} through {@code family}'s programs: "jfrp-mux-tls", "frp-quic". */
    private static PathFactory frp(String family, Function<BenchContext, Programs> programs, TransportMode mode,
                               List<String> missing, boolean optIn) {
        return new PathFactory(family + "-" + mode.name(), mode.vhostHttp(), missing,
                ctx -> new FrpPath(programs.apply(ctx), mode, Placement.LOOPBACK, ctx), optIn);
    }

    /** Stock frp: {@code --frp-home}, else FRP_HOME, else {@value #SHARED_FRP} when frps is there; or null. */
    public static Path frpHome(Path option, String env, Path root) {
        if (option != null) {
            return option;
        }
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        Path shared = root.resolve(SHARED_FRP).normalize();
        return Files.isExecutable(shared.resolve("frps")) ? shared : null;
    }

    /** What keeps the stock frp paths from running; empty when nothing. */
    static List<String> frpMissing(Path frpHome) {
        if (frpHome == null) {
            return List.of("frps and frpc (no --frp-home, FRP_HOME not set, nothing at " + SHARED_FRP + ")");
        }
        if (!Files.isExecutable(frpHome.resolve("frps")) || !Files.isExecutable(frpHome.resolve("frpc"))) {
            return List.of("frps and frpc (not both executable in " + frpHome + ")");
        }
        String text = frpVersion(frpHome);
        try {
            return tooOld(frpHome, FrpVersion.parse(text), FIRST_TOML,
                    "which reads only the legacy INI; the harness writes frp v1 TOML");
        } catch (IllegalArgumentException e) {
            return List.of("frps (" + frpHome.resolve("frps") + " --version printed '" + text + "', no x.y.z)");
        }
    }

    /** Says that stock frp {@code has} in {@code frpHome} is older than {@code need}, and {@code why}; empty when not. */
    private static List<String> tooOld(Path frpHome, FrpVersion has, FrpVersion need, String why) {
        return has.compareTo(need) >= 0 ? List.of()
                : List.of("frp " + need + " or later (" + frpHome + " has " + has + ", " + why + ")");
    }

    /** The stock frp version in {@code frpHome} as {@code frps --version} prints it, or null. */
    public static String frpVersion(Path frpHome) {
        if (frpHome == null || !Files.isExecutable(frpHome.resolve("frps"))) {
            return null;
        }
        return Tools.version(frpHome.resolve("frps").toString(), "--version");
    }
}
