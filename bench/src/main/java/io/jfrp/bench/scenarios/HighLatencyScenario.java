package io.jfrp.bench.scenarios;

import io.jfrp.bench.BenchContext;
import io.jfrp.bench.BenchLog;
import io.jfrp.bench.Results;
import io.jfrp.bench.Scenario;
import io.jfrp.bench.paths.DirectPath;
import io.jfrp.bench.paths.FrpPath;
import io.jfrp.bench.paths.MuxRelayPath;
import io.jfrp.bench.paths.PathFactory;
import io.jfrp.bench.paths.Placement;
import io.jfrp.bench.paths.TransportMode;
import io.jfrp.bench.tools.Iperf3;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * "high-latency": one stream across a 50 ms RTT link (bench/netem), where a stream's receive window
 * decides its speed. The service and the service side of each tunnel run in namespace jfrp-a, the
 * public side and the iperf3 client in jfrp-b; the service sends ({@code -R}). Its own paths: direct;
 * the multiplexer alone ({@link MuxRelayPath}) and jfrp-mux-tls, each with window auto-tuning and with
 * stock yamux's fixed 256 KiB window, whose ceiling (256 KiB / RTT) the notes give. Needs root (netns).
 */
public final class HighLatencyScenario extends Scenario {
    static final String NAME = "high-latency";
    static final String METRIC = "1 stream download, 50 ms RTT";
    static final int DELAY_MS = 25;
    /** TCP buffer ceiling in both namespaces, so that the kernel's default 6 MiB does not cap the stream first. */
    static final long TCP_MEM = 64L << 20;
    private static final long WINDOW = 256 * 1024;

    public HighLatencyScenario() {
        super(NAME, "one stream across a 50 ms RTT link: direct, yamux alone and jfrp, auto-tuned vs fixed 256 KiB "
                + "window (MB/s; root)", "iperf3", "ip", "tc", "python3");
    }

    @Override
    public String unavailableReason(BenchContext ctx) {
        if (!"root".equals(System.getProperty("user.name"))) {
            return "needs root (network namespaces); run bin/jfrp-bench as root or with sudo";
        }
        if (!Files.isRegularFile(ctx.root().resolve("bench/netem/setup.sh"))) {
            return "bench/netem/setup.sh not found under " + ctx.root();
        }
        return null;
    }

    @Override
    public void run(BenchContext ctx, List<PathFactory> ignored, Results results) throws Exception {
        Path dir = ctx.newLogDir(NAME);
        int seconds = ctx.quick() ? 4 : (int) Math.max(5, ctx.phase().toSeconds());
        int omit = ctx.quick() ? 1 : 2;
        BenchLog.log(NAME + ": setting up the 50 ms RTT link (bench/netem/setup.sh)");
        NetemLink up;
        try {
            up = NetemLink.setUp(ctx.root().resolve("bench/netem"), DELAY_MS, TCP_MEM, dir.resolve("netem-setup.log"));
        } catch (IOException e) {
            // a container without CAP_NET_ADMIN, for example: the machine cannot host the link
            throw new Skipped("the 50 ms link could not be set up: " + e.getMessage() + " (log: "
                    + dir.resolve("netem-setup.log") + ")");
        }
        try (NetemLink link = up) {
            double ceiling = WINDOW / (link.rttMillis() / 1000) / 1e6;
            results.note(String.format(Locale.ROOT, "%s: link %s; measured TCP connect RTT %.1f ms; a fixed 256 KiB "
                    + "window allows at most 256 KiB / RTT = %.2f MB/s", NAME, link.description(), link.rttMillis(),
                    ceiling));
            Placement placement = new Placement(NetemLink.NS_SERVER, NetemLink.ADDR_SERVER, NetemLink.NS_CLIENT);
            List<PathFactory> factories = List.of(new PathFactory(DirectPath.NAME, c -> new DirectPath()),
                    new PathFactory("yamux", c -> new MuxRelayPath("yamux", false, placement, c)),
                    new PathFactory("yamux-fixed-256k", c -> new MuxRelayPath("yamux-fixed-256k", true, placement, c)),
                    frp(TransportMode.MUX_TLS, placement), frp(TransportMode.MUX_TLS_FIXED_WINDOW, placement));
            IperfScenario.Case download = new IperfScenario.Case(METRIC, (name, target, secs, json, res) -> {
                Iperf3.Result r = Iperf3.run(NetemLink.NS_SERVER, target, secs, true, 1, omit, json);
                double mbps = r.megabytesPerSecond();
                res.add(NAME, METRIC, name, mbps, "MB/s", true);
                BenchLog.log(String.format(Locale.ROOT, "%s %s: %.1f x the 256 KiB window ceiling", NAME, name,
                        mbps / ceiling));
                return r.bytes();
            });
            try (Iperf3 server = Iperf3.start(NetemLink.NS_CLIENT, NetemLink.ADDR_CLIENT, 5201, dir);
                 PublishedSet paths = publishAll(ctx, factories, server.address(), results)) {
                IperfScenario.rounds(NAME, ctx, paths, List.of(download), seconds, dir, server, true, results);
            }
        }
    }

    private static PathFactory frp(TransportMode mode, Placement placement) {
        return new PathFactory("jfrp-" + mode.name(), c -> new FrpPath(FrpPath.Programs.jfrp(c), mode, placement, c));
    }
}
