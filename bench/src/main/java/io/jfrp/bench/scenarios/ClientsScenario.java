package io.jfrp.bench.scenarios;

import io.jfrp.bench.BenchContext;
import io.jfrp.bench.BenchLog;
import io.jfrp.bench.Results;
import io.jfrp.bench.Scenario;
import io.jfrp.bench.load.EchoServer;
import io.jfrp.bench.load.ProcessFiles;
import io.jfrp.bench.load.ProcessMemory;
import io.jfrp.bench.paths.Child;
import io.jfrp.bench.paths.FrpPath;
import io.jfrp.bench.paths.FrpToml;
import io.jfrp.bench.paths.Net;
import io.jfrp.bench.paths.PathFactory;
import io.jfrp.bench.paths.TransportMode;
import io.jfrp.bench.report.Summary;

import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;

/**
 * "clients": many jfrp clients on one jfrps ({@code bin/jfrps}), each with {@value #PROXIES} tcp
 * proxies. The clients are the real client code in one JVM ({@code ClientFleet}: jfrpc's own command
 * line per frpc.toml), so a thousand clients do not need a thousand JVMs; every tunnel is checked with
 * a real connection ({@link TunnelCheck}). A warm-up fleet ({@link #warmUpClients}) logs in first: the
 * first client of a jfrps pays once for what every client uses (some 1.3 MB of heap), which divided
 * among 20 clients was most of the figure. Figures: jfrps's live heap and RSS growth from the warm-up
 * fleet to all clients, per client added; tunnels checked and unchecked. Needs the jfrp-mux-tls path.
 */
public final class ClientsScenario extends Scenario {
    static final String NAME = "clients";
    static final int PROXIES = 10;
    /** How long one tunnel is tried (its client may still be logging in), from when its check starts. */
    static final Duration PER_TUNNEL = Duration.ofSeconds(90);

    public ClientsScenario() {
        super(NAME, "N jfrp clients with " + PROXIES + " proxies each on one jfrps: heap and RSS per client");
    }

    @Override
    public void run(BenchContext ctx, List<PathFactory> paths, Results results) throws Exception {
        if (paths.stream().noneMatch(f -> f.name().equals(Summary.JFRP))) {
            throw new Skipped("needs the " + Summary.JFRP + " path");
        }
        long limit = ProcessFiles.openFilesLimit(ProcessHandle.current().pid(), true);
        int wanted = ctx.quick() ? 20 : 1000;
        int n = limit > 0 ? (int) Math.min(wanted, (limit - ScaleScenario.FD_RESERVE) / (PROXIES + 2)) : wanted;
        if (n < 2) {
            throw new Skipped("jfrps's hard open-file limit " + limit + " cannot hold 2 clients of " + PROXIES
                    + " proxies");
        }
        if (n < wanted) {
            results.note(NAME + ": " + n + " clients instead of " + wanted + ": jfrps's hard open-file limit " + limit
                    + " holds about " + (PROXIES + 2) + " descriptors per client");
        }
        Path dir = ctx.newLogDir(NAME);
        String token = UUID.randomUUID().toString();
        int bindPort = Net.freePort();
        Map<String, Object> server = FrpToml.server(TransportMode.MUX_TLS, new FrpToml.Server(Net.LOOPBACK, bindPort,
                token, 0));
        server.putAll(FrpToml.jfrpKeys(TransportMode.MUX_TLS, dir.resolve("self-signed").toString()));
        FrpPath.Programs jfrp = FrpPath.Programs.jfrp(ctx.readingHeap()); // jfrps's live heap is read
        Child jfrps = jfrp.start("jfrps", jfrp.server(), dir, server);
        List<Child> fleets = new ArrayList<>();
        try (EchoServer echo = EchoServer.start()) {
            jfrps.awaitAccepting(new InetSocketAddress(Net.LOOPBACK, bindPort), Duration.ofSeconds(60));
            List<String> files = new ArrayList<>();
            List<Integer> ports = new ArrayList<>();
            for (int c = 0; c < n; c++) {
                Map<String, Object> client = FrpToml.client(TransportMode.MUX_TLS, Net.LOOPBACK, bindPort, token);
                client.put("log.level", "warn");
                List<Map<String, Object>> proxies = new ArrayList<>();
                for (int p = 0; p < PROXIES; p++) {
                    int port = Net.freePort();
                    ports.add(port);
                    Map<String, Object> proxy = FrpToml.proxy("c" + c + "-p" + p, "tcp", Net.LOOPBACK,
                            echo.address().getPort());
                    proxy.put("remotePort", port);
                    proxies.add(proxy);
                }
                client.put("proxies", proxies);
                files.add(FrpToml.write(dir.resolve("frpc-" + c + ".toml"), "written by jfrp-bench", client).toString());
            }
            int warm = warmUpClients(n);
            Duration cap = Duration.ofSeconds(120 + n / 5);
            BooleanSupplier serverAlive = jfrps.process::isAlive;
            fleets.add(startFleet(ctx, dir, "fleet-warm-up", files.subList(0, warm)));
            TunnelCheck.Result warmed = TunnelCheck.run(ports.subList(0, warm * PROXIES), PER_TUNNEL, cap,
                    serverAlive);
            ProcessMemory.Snapshot before = ProcessMemory.snapshot(jfrps.process.toHandle());
            fleets.add(startFleet(ctx, dir, "fleet", files.subList(warm, n)));
            TunnelCheck.Result measured = TunnelCheck.run(ports.subList(warm * PROXIES, ports.size()), PER_TUNNEL,
                    cap, serverAlive);
            ProcessMemory.Snapshot after = ProcessMemory.snapshot(jfrps.process.toHandle());
            TunnelCheck.Result checked = warmed.plus(measured);
            if (checked.failed() > 0) {
                results.note(NAME + ": " + checked.failed() + " of " + ports.size() + " tunnels not checked within "
                        + PER_TUNNEL.toSeconds() + " s each (" + cap.toSeconds() + " s in all); first failure: "
                        + checked.firstError());
            }
            int measuredClients = n - warm;
            String label = ", N=" + n;
            results.add(NAME, "heap/client server" + label, Summary.JFRP, (after.heapBytes() - before.heapBytes())
                    / (double) measuredClients, "bytes", false);
            results.add(NAME, "RSS/client server" + label, Summary.JFRP, (after.rssBytes() - before.rssBytes())
                    / (double) measuredClients, "bytes", false);
            results.add(NAME, "tunnels checked" + label, Summary.JFRP, checked.ok(), "tunnels", true);
            results.add(NAME, "unchecked tunnels" + label, Summary.JFRP, checked.failed(), "tunnels", false);
            results.note(NAME + ": per client = growth from " + warm + " to " + n + " clients, divided by "
                    + measuredClients + " (the first clients' one-time costs are not divided among them)");
            BenchLog.log(NAME + ": " + n + " clients, " + checked.ok() + " tunnels checked in "
                    + String.format(Locale.ROOT, "%.1f s", checked.seconds()));
        } finally {
            fleets.forEach(f -> f.stop(Duration.ofSeconds(5)));
            jfrps.stop(Duration.ZERO);
        }
    }

    /** How many of {@code n} clients log in before jfrps's memory is first read: a tenth, at least one, never all. */
    static int warmUpClients(int n) {
        if (n < 2) {
            throw new IllegalArgumentException("the clients scenario needs at least 2 clients, not " + n);
        }
        return Math.max(1, n / 10);
    }

    /** A client fleet ({@code name}.log), logged in: Java's source launcher on ClientFleet.java, jfrpc's class path. */
    private static Child startFleet(BenchContext ctx, Path dir, String name, List<String> files) throws Exception {
        Path source = dir.resolve("ClientFleet.java");
        try (InputStream in = ClientsScenario.class.getResourceAsStream("ClientFleet.java.txt")) {
            Files.write(source, in.readAllBytes());
        }
        Path target = ctx.root().resolve("client/target");
        Path jar;
        try (var s = Files.list(target)) {
            jar = s.filter(p -> p.getFileName().toString().matches("jfrp-client-[^-]+(-SNAPSHOT)?\\.jar"))
                    .findFirst().orElseThrow(() -> new IllegalStateException("no jfrp-client jar in " + target));
        }
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx4g", "-cp", jar + ":" + target.resolve("lib") + "/*", source.toString()));
        cmd.addAll(files);
        Child fleet = Child.start("client " + name, cmd, dir.resolve(name + ".log"));
        fleet.awaitLine(Duration.ofSeconds(60), "[fleet] started");
        return fleet;
    }
}
