package io.jfrp.bench.harness.scenarios;

import io.jfrp.bench.harness.BenchContext;
import io.jfrp.bench.harness.BenchLog;
import io.jfrp.bench.harness.Figure;
import io.jfrp.bench.harness.Mode;
import io.jfrp.bench.harness.PathFactory;
import io.jfrp.bench.harness.PublicEndpoint;
import io.jfrp.bench.harness.Results;
import io.jfrp.bench.harness.Scenario;
import io.jfrp.bench.harness.TunnelPath;
import io.jfrp.bench.harness.paths.DirectPath;
import io.jfrp.bench.harness.paths.JfrpMode;
import io.jfrp.bench.harness.paths.JfrpPath;
import io.jfrp.bench.harness.paths.Placement;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One stream across a 50 ms RTT link: the service (iperf3 -s) and jfrpc in namespace jfrp-a, jfrps
 * and the public client in jfrp-b, the link between them delayed 25 ms each way (bench/netem). The
 * service sends ({@code -R}), so the yamux receiver is jfrps. Paths: direct (the iperf3 client
 * straight across the link), jfrp-mux-tls (window auto-tuning, as shipped) and
 * jfrp-mux-tls-fixed-256k (auto-tuning off on both sides: stock yamux's fixed 256 KiB window, whose
 * ceiling is 256 KiB / RTT). Its own three paths whatever {@code --paths} says. Needs root (network
 * namespaces) and iproute2; skipped with a note otherwise.
 */
public final class HighLatencyScenario implements Scenario {
    public static final String NAME = "high-latency";
    public static final String METRIC = "1 stream download, 50 ms RTT";
    static final int DELAY_MS = 25;
    /** TCP buffer ceiling in both namespaces, so that the kernel's default 6 MiB does not cap the stream first. */
    static final long TCP_MEM = 64L << 20;
    private static final long WINDOW = 256 * 1024;

    private final Path netemDir;
    private final long childTimeoutSeconds;
    private volatile String skipReason;

    /**
     * @param netemDir            the bench/netem directory (setup.sh, teardown.sh, delay-link.py)
     * @param childTimeoutSeconds how long jfrps/jfrpc may live at most
     */
    public HighLatencyScenario(Path netemDir, long childTimeoutSeconds) {
        this.netemDir = netemDir;
        this.childTimeoutSeconds = childTimeoutSeconds;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<String> requiredTools() {
        return List.of("iperf3", "ip", "tc", "python3");
    }

    /** Why this scenario cannot run here, or null. */
    public String unavailableReason() {
        if (!"root".equals(System.getProperty("user.name"))) {
            return "needs root (network namespaces); run bin/jfrp-bench as root or with sudo";
        }
        if (!Files.isRegularFile(netemDir.resolve("setup.sh"))) {
            return "bench/netem/setup.sh not found under " + netemDir;
        }
        return null;
    }

    /** Why the last {@link #run} measured nothing (no root, no namespaces allowed), or null. */
    public String skipReason() {
        return skipReason;
    }

    @Override
    public void run(BenchContext ctx, List<PathFactory> ignored, Results results) throws Exception {
        skipReason = unavailableReason();
        if (skipReason != null) {
            results.note(NAME + " skipped: " + skipReason);
            return;
        }
        Path dir = Files.createDirectories(ctx.outDir().resolve("logs").resolve(NAME));
        int seconds = ctx.mode() == Mode.QUICK ? 4 : (int) Math.max(5, ctx.phaseDuration().toSeconds());
        int omit = ctx.mode() == Mode.QUICK ? 1 : 2;
        BenchLog.log(NAME + ": setting up the 50 ms RTT link (bench/netem/setup.sh)");
        NetemLink up;
        try {
            up = NetemLink.setUp(netemDir, DELAY_MS, TCP_MEM, dir.resolve("netem-setup.log"));
        } catch (java.io.IOException e) {
            // a container without CAP_NET_ADMIN, for example: the machine cannot host the link
            skipReason = "the 50 ms link could not be set up: " + e.getMessage() + " (log: "
                    + dir.resolve("netem-setup.log") + ")";
            results.note(NAME + " skipped: " + skipReason);
            return;
        }
        try (NetemLink link = up) {
            double ceiling = WINDOW / (link.rttMillis() / 1000) / 1e6;
            results.note(String.format(Locale.ROOT, "%s: link %s; measured TCP connect RTT %.1f ms; a fixed 256 KiB "
                    + "window allows at most 256 KiB / RTT = %.2f MB/s", NAME, link.description(), link.rttMillis(),
                    ceiling));
            Iperf3 server = new Iperf3(NetemLink.NS_CLIENT, NetemLink.ADDR_CLIENT, 5201, dir);
            server.start();
            Placement placement = new Placement(NetemLink.NS_SERVER, NetemLink.ADDR_SERVER, NetemLink.NS_CLIENT);
            Map<TunnelPath, PublicEndpoint> paths = new LinkedHashMap<>();
            List<TunnelPath> started = new ArrayList<>();
            try {
                for (TunnelPath p : List.of(new DirectPath(),
                        new JfrpPath(JfrpMode.MUX_TLS, placement, ctx, childTimeoutSeconds),
                        new JfrpPath(JfrpMode.MUX_TLS_FIXED_WINDOW, placement, ctx, childTimeoutSeconds))) {
                    started.add(p);
                    try {
                        paths.put(p, p.publish(server.address()));
                    } catch (Exception e) {
                        results.note(NAME + ": " + p.name() + " could not start: " + e.getMessage());
                    }
                }
                for (int round = 1; round <= ctx.rounds(); round++) {
                    for (Map.Entry<TunnelPath, PublicEndpoint> e : paths.entrySet()) {
                        String name = e.getKey().name();
                        InetSocketAddress target = e.getValue().address();
                        try {
                            Iperf3.Result r = Iperf3.run(NetemLink.NS_SERVER, target, seconds, true, 1, omit,
                                    dir.resolve(name + "-r" + round + ".json"));
                            results.add(new Figure(NAME, METRIC, name, r.megabytesPerSecond(), "MB/s", true));
                            BenchLog.log(String.format(Locale.ROOT, "%s round %d %-24s %8.2f MB/s (%.1f x the 256 KiB "
                                    + "window ceiling)", NAME, round, name, r.megabytesPerSecond(),
                                    r.megabytesPerSecond() / ceiling));
                        } catch (Exception ex) {
                            results.note(NAME + ": " + name + " round " + round + " failed: " + ex.getMessage());
                            server.start();
                        }
                    }
                }
            } finally {
                started.forEach(TunnelPath::close);
                server.stop();
            }
        }
    }
}
