package io.jfrp.bench.paths;

import io.jfrp.bench.BenchContext;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A path through a server and a client that speak frp's protocol: jfrp's ({@code bin/jfrps},
 * {@code bin/jfrpc}) or stock frp's ({@code frps}, {@code frpc}), run from generated files
 * ({@link FrpToml}) exactly as a user runs them. The public endpoint is the proxy's remotePort (the
 * vhostHTTPPort with Host {@value TransportMode#VHOST_DOMAIN} in the vhost mode).
 *
 * <p>Ready when the server's bindPort accepts and then the client prints {@code [bench] start proxy
 * success} (frp's own end-to-end suite waits for the same line; {@code start error} fails the path).
 * Nothing is sent through the tunnel to tell it is up: iperf3's server takes a stray connection badly.
 */
public final class FrpPath extends ServerClientPath {
    /** How to start one family's programs; each command gets {@code -c FILE} appended. */
    public record Programs(String family, List<String> server, List<String> client, Map<String, String> env,
                           boolean jfrp) {
        /** bin/jfrps and bin/jfrpc of the project, with the child JVM options as JAVA_OPTS. */
        public static Programs jfrp(BenchContext ctx) {
            return new Programs("jfrp", List.of(ctx.root().resolve("bin/jfrps").toString()),
                    List.of(ctx.root().resolve("bin/jfrpc").toString()), Map.of("JAVA_OPTS", ctx.childJavaOpts()), true);
        }

        /** Stock frp's frps and frpc in {@code frpHome}. */
        public static Programs stock(Path frpHome) {
            return new Programs("frp", List.of(frpHome.resolve("frps").toString()),
                    List.of(frpHome.resolve("frpc").toString()), Map.of(), false);
        }

        /** Runs {@code program} (server or client) on {@code keys}, written to {@code dir/NAME.toml}; log NAME.log. */
        public Child start(String name, List<String> program, Path dir, Map<String, Object> keys) throws IOException {
            Path toml = FrpToml.write(dir.resolve(name + ".toml"), "written by jfrp-bench", keys);
            return Child.start(name, command(program, toml, null), env, dir.resolve(name + ".log"));
        }
    }

    private final Programs programs;
    private final TransportMode mode;
    private final Placement placement;
    private volatile Startup startup;

    /**
     * Seconds from each program's launch until it served: the server's bindPort accepting, the
     * client's proxy open (its {@code start proxy success} line, printed once the server opened the
     * remote port; the port is then checked to accept).
     */
    public record Startup(double serverSeconds, double clientSeconds) {
    }

    public FrpPath(Programs programs, TransportMode mode, Placement placement, BenchContext ctx) {
        super(programs.family() + "-" + mode.name(), ctx, Duration.ZERO);
        this.programs = programs;
        this.mode = mode;
        this.placement = placement;
    }

    @Override
    public boolean httpOnly() {
        return mode.vhostHttp();
    }

    @Override
    public PublicEndpoint publish(InetSocketAddress service) throws Exception {
        String token = UUID.randomUUID().toString();
        String host = placement.serverHost();
        int bindPort = Net.freePort();
        int publicPort = Net.freePort();
        Map<String, Object> server = FrpToml.server(mode, new FrpToml.Server(host, bindPort, token, publicPort));
        Map<String, Object> client = FrpToml.client(mode, new FrpToml.Client(host, bindPort, token,
                service.getHostString(), service.getPort(), publicPort));
        if (programs.jfrp()) {
            server.putAll(FrpToml.jfrpKeys(mode, dir.resolve("self-signed").toString()));
            client.putAll(FrpToml.jfrpKeys(mode, null));
        }
        long launched = System.nanoTime();
        Child s = start("server", programs.family() + "s", command(programs.server(), writeToml("frps.toml", server),
                placement.serverNetns()), programs.env());
        awaitAccepting(placement.serverNetns(), new InetSocketAddress(host, bindPort), s.name);
        double serverSeconds = (System.nanoTime() - launched) / 1e9;
        launched = System.nanoTime();
        Child c = start("client", programs.family() + "c", command(programs.client(), writeToml("frpc.toml", client),
                placement.clientNetns()), programs.env());
        String started = c.awaitLine(READY_TIMEOUT, "[bench] start proxy success", "[bench] start error");
        if (started.contains("start error")) {
            throw new IllegalStateException(name() + ": the server refused the proxy: " + started);
        }
        double clientSeconds = (System.nanoTime() - launched) / 1e9;
        if (!mode.vhostHttp() && !Net.accepts(placement.serverNetns(), new InetSocketAddress(host, publicPort))) {
            throw new IllegalStateException(name() + ": the proxy started but its remote port " + publicPort
                    + " does not accept");
        }
        startup = new Startup(serverSeconds, clientSeconds);
        return new PublicEndpoint(new InetSocketAddress(host, publicPort),
                mode.vhostHttp() ? TransportMode.VHOST_DOMAIN : null);
    }

    /** The start-up times of this path's programs, or null before it is published. */
    public Startup startup() {
        return startup;
    }

    /** {@code program -c config}, inside {@code netns} when not null. */
    public static List<String> command(List<String> program, Path config, String netns) {
        List<String> cmd = new ArrayList<>(program);
        cmd.addAll(List.of("-c", config.toString()));
        return Child.inNetns(netns, cmd);
    }
}
