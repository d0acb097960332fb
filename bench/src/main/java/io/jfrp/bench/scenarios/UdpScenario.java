package io.jfrp.bench.scenarios;

import io.jfrp.bench.AbstractScenario;
import io.jfrp.bench.BenchContext;
import io.jfrp.bench.BenchLog;
import io.jfrp.bench.Figure;
import io.jfrp.bench.Results;
import io.jfrp.bench.paths.PathFactory;
import io.jfrp.bench.paths.PublishedPaths;
import io.jfrp.bench.paths.Net;
import io.jfrp.bench.tools.Iperf3;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * "udp": {@code iperf3 -u} at a fixed offered rate (1200-byte datagrams) through direct, jfrp's udp
 * proxy and sudp visitor, and stock frp's, upload (public side to the service) and download
 * ({@code -R}). Figures: what the receiver got (Mbit/s) and the loss it counted (%). iperf3's control
 * connection takes the same port number over TCP: a tcp proxy (stcp visitor) beside the udp one
 * (sudp). Its own paths ({@link SecretPaths}); the TCP paths of {@code --paths} do not apply.
 */
public final class UdpScenario extends AbstractScenario {
    static final String NAME = "udp";
    /** Offered rates: quick, and full mode's. */
    static final long QUICK_RATE = 100_000_000L;
    static final List<Long> FULL_RATES = List.of(100_000_000L, 300_000_000L);
    static final int DATAGRAM = 1200;

    public UdpScenario() {
        super(NAME, "iperf3 -u at a fixed rate through udp and sudp, jfrp and frp, vs direct (Mbit/s, loss %)",
                "iperf3");
    }

    @Override
    public void run(BenchContext ctx, List<PathFactory> paths, Results results) throws Exception {
        Path dir = ctx.newLogDir(NAME);
        Iperf3 server = new Iperf3(null, Net.LOOPBACK, Net.freePort(), dir);
        int seconds = (int) Math.max(1, ctx.quick() ? Math.min(2, ctx.phase().toSeconds()) : ctx.phase().toSeconds());
        List<Long> rates = ctx.quick() ? List.of(QUICK_RATE) : FULL_RATES;
        server.start();
        try (PublishedPaths set = PublishedPaths.publishAll(ctx, SecretPaths.udp(ctx, results), server.address(),
                false, NAME, results)) {
            for (PublishedPaths.Published p : set.published()) { // untimed warm-up: the JITs
                try {
                    Iperf3.runUdp(p.endpoint().address(), (int) ctx.warmup().toSeconds(), rates.get(0), DATAGRAM, false,
                            dir.resolve("warmup-" + p.name() + ".json"));
                } catch (IOException e) {
                    BenchLog.log(NAME + ": warm-up through " + p.name() + " failed: " + e.getMessage());
                    server.start();
                }
            }
            for (int round = 1; round <= ctx.rounds(); round++) {
                for (PublishedPaths.Published p : set.published()) {
                    for (long rate : rates) {
                        for (boolean reverse : new boolean[] {false, true}) {
                            measure(p, rate, reverse, round, seconds, dir, server, results);
                        }
                    }
                }
            }
        } finally {
            server.stop();
        }
    }

    private static void measure(PublishedPaths.Published p, long rate, boolean reverse, int round, int seconds,
                                Path dir, Iperf3 server, Results results) throws Exception {
        String what = String.format(Locale.ROOT, "%s at %d Mbit/s", reverse ? "down" : "up", rate / 1_000_000);
        Path json = dir.resolve(String.format(Locale.ROOT, "%s-%s-r%d.json", p.name(), what.replace(' ', '-')
                .replace('/', '-'), round));
        try {
            Iperf3.UdpResult r = Iperf3.runUdp(p.endpoint().address(), seconds, rate, DATAGRAM, reverse, json);
            results.add(new Figure(NAME, "received, " + what, p.name(), r.mbps(), "Mbit/s", true));
            results.add(new Figure(NAME, "loss, " + what, p.name(), r.lostPercent(), "%", false));
            BenchLog.log(String.format(Locale.ROOT, "%s round %d %-12s %-22s %7.1f Mbit/s received, %5.2f %% lost,"
                    + " jitter %.3f ms", NAME, round, p.name(), what, r.mbps(), r.lostPercent(), r.jitterMs()));
        } catch (IOException e) {
            results.note(NAME + ": " + p.name() + " " + what + " round " + round + " failed: " + e.getMessage());
            BenchLog.log(NAME + ": " + p.name() + " " + what + " failed: " + e.getMessage());
            server.start();
        }
    }
}
