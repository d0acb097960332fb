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
import java.util.concurrent.TimeoutException;

/**
 * A path through a server and a client that speak frp's protocol, jfrp's or stock frp's, run from
 * generated files ({@link FrpToml}) exactly as a user runs them. The public endpoint is the proxy's
 * remotePort (the vhostHTTPPort with Host {@value TransportMode#VHOST_DOMAIN} in the vhost mode).
 *
 * <p>Ready when the server's bindPort accepts and then the client prints {@code [bench] start proxy
 * success} (frp's own end-to-end suite waits for the same line; {@code start error} fails the path).
 * Nothing is sent through the tunnel to tell it is up: iperf3's server takes a stray connection badly.
 */
public class FrpPath extends ServerClientPath {
    /** How to start one family's programs; each command gets {@code -c FILE} appended. */
    public record Programs(String family, List<String> server, List<String> client, Map<String, String> env,
                           boolean jfrp) {
        /** bin/jfrps and bin/jfrpc of the project, with the child JVM options as JAVA_OPTS. */
        public static Programs jfrp(BenchContext ctx) {
            return new Programs("jfrp", List.of(ctx.root().resolve("bin/jfrps").toString()),
                    List.of(ctx.root().resolve("bin/jfrpc").toString()), Map.of("JAVA_OPTS", ctx.launcherJavaOpts()), true);
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

    final Programs programs;
    final TransportMode mode;
    private final Placement placement;
    private volatile Startup startup;

    /**
     * Seconds from each program's launch until it served: the server's bindPort accepting, the client's
     * proxy open (its {@code start proxy success} line, once the server opened the remote port).
     */
    public record Startup(double serverSeconds, double clientSeconds) {
    }

    public FrpPath(Programs programs, TransportMode mode, Placement placement, BenchContext ctx) {
        this(programs.family() + "-" + mode.name(), programs, mode, placement, ctx);
    }

    FrpPath(String name, Programs programs, TransportMode mode, Placement placement, BenchContext ctx) {
        super(name, ctx, Duration.ZERO);
        this.programs = programs;
        this.mode = mode;
        this.placement = placement;
    }

    @Override
    public PublicEndpoint publish(InetSocketAddress service) throws Exception {
        String token = UUID.randomUUID().toString();
        InetSocketAddress pub = new InetSocketAddress(placement.serverHost(), Net.freePort());
        long launched = System.nanoTime();
        int bindPort = startServer(token, pub.getPort());
        double serverSeconds = (System.nanoTime() - launched) / 1e9;
        launched = System.nanoTime();
        startClient("client", "frpc", FrpToml.client(mode, new FrpToml.Client(pub.getHostString(), bindPort, token,
                service.getHostString(), service.getPort(), pub.getPort())), List.of("[bench] start proxy success"));
        double clientSeconds = (System.nanoTime() - launched) / 1e9;
        if (!mode.vhostHttp() && !Net.accepts(placement.serverNetns(), pub)) {
            throw new IllegalStateException(name() + ": the proxy started but its remote port " + pub.getPort()
                    + " does not accept");
        }
        startup = new Startup(serverSeconds, clientSeconds);
        return new PublicEndpoint(pub, mode.vhostHttp() ? TransportMode.VHOST_DOMAIN : null);
    }

    /** The start-up times of this path's programs, or null before it is published. */
    public Startup startup() {
        return startup;
    }

    /** Starts the server on a free bindPort, waits until it accepts there and returns that port. */
    final int startServer(String token, int vhostHttpPort) throws IOException, InterruptedException, TimeoutException {
        int bindPort = Net.freePort();
        InetSocketAddress bind = new InetSocketAddress(placement.serverHost(), bindPort);
        Map<String, Object> keys = FrpToml.server(mode, new FrpToml.Server(bind.getHostString(), bindPort, token,
                vhostHttpPort));
        if (programs.jfrp()) {
            keys.putAll(FrpToml.jfrpKeys(mode, dir.resolve("self-signed").toString()));
        }
        Child server = launch("server", "frps", programs.server(), placement.serverNetns(), keys);
        awaitAccepting(placement.serverNetns(), bind, server.name);
        return bindPort;
    }

    /**
     * Starts a client under {@code role} on {@code keys} (FILE.toml, log FILE.log) and waits until it
     * printed a line with each of {@code ready}; a {@code start error} line first fails the path.
     */
    final Child startClient(String role, String file, Map<String, Object> keys, List<String> ready)
            throws IOException, InterruptedException, TimeoutException {
        if (programs.jfrp()) {
            keys.putAll(FrpToml.jfrpKeys(mode, null));
        }
        Child client = launch(role, file, programs.client(), placement.clientNetns(), keys);
        List<String> waiting = new ArrayList<>(ready);
        while (!waiting.isEmpty()) {
            List<String> any = new ArrayList<>(waiting);
            any.add("start error");
            String line = client.awaitLine(READY_TIMEOUT, any.toArray(String[]::new));
            if (line.contains("start error")) {
                throw new IllegalStateException(name() + ": " + role + " could not start a proxy or visitor: " + line);
            }
            waiting.removeIf(line::contains);
        }
        return client;
    }

    /** Starts {@code program} in {@code netns} under {@code role} on {@code keys}, written to FILE.toml; log FILE.log. */
    private Child launch(String role, String file, List<String> program, String netns, Map<String, Object> keys)
            throws IOException {
        Path toml = FrpToml.write(dir.resolve(file + ".toml"), "written by jfrp-bench for path " + name(), keys);
        return start(role, file, command(program, toml, netns), programs.env());
    }

    /** {@code program -c config}, inside {@code netns} when not null. */
    private static List<String> command(List<String> program, Path config, String netns) {
        List<String> cmd = new ArrayList<>(program);
        cmd.addAll(List.of("-c", config.toString()));
        return Child.inNetns(netns, cmd);
    }
}
