package io.jfrp.bench.scenarios;

import io.jfrp.bench.AbstractScenario;
import io.jfrp.bench.BenchContext;
import io.jfrp.bench.BenchLog;
import io.jfrp.bench.Figure;
import io.jfrp.bench.Results;
import io.jfrp.bench.paths.Net;
import io.jfrp.bench.paths.PathFactory;
import io.jfrp.bench.paths.PublishedPaths;
import io.jfrp.bench.tools.Iperf3;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * "stcp": one iperf3 stream, upload and download, to a service reached privately: through an stcp
 * proxy and an stcp visitor (three processes: jfrps or frps, the owner, the visitor's client), jfrp's
 * and stock frp's, beside {@code ssh -L} (what users reach a private service with otherwise) and
 * direct. Gbit/s as the receiver counted. Its own paths ({@link SecretPaths}).
 */
public final class StcpScenario extends AbstractScenario {
    static final String NAME = "stcp";

    public StcpScenario() {
        super(NAME, "iperf3 through an stcp visitor (jfrp, frp) vs ssh -L and direct, 1 stream up and down (Gbit/s)",
                "iperf3");
    }

    @Override
    public void run(BenchContext ctx, List<PathFactory> paths, Results results) throws Exception {
        Path dir = ctx.newLogDir(NAME);
        Iperf3 server = new Iperf3(null, Net.LOOPBACK, Net.freePort(), dir);
        int seconds = (int) Math.max(1, ctx.quick() ? Math.min(2, ctx.phase().toSeconds()) : ctx.phase().toSeconds());
        server.start();
        try (PublishedPaths set = PublishedPaths.publishAll(ctx, SecretPaths.stcp(ctx, results), server.address(),
                false, NAME, results)) {
            for (PublishedPaths.Published p : set.published()) { // untimed warm-up: the JITs
                try {
                    Iperf3.run(null, p.endpoint().address(), (int) ctx.warmup().toSeconds(), false, 1, 0,
                            dir.resolve("warmup-" + p.name() + ".json"));
                } catch (IOException e) {
                    BenchLog.log(NAME + ": warm-up through " + p.name() + " failed: " + e.getMessage());
                    server.start();
                }
            }
            for (int round = 1; round <= ctx.rounds(); round++) {
                for (PublishedPaths.Published p : set.published()) {
                    for (boolean reverse : new boolean[] {false, true}) {
                        String metric = reverse ? "1 stream download" : "1 stream upload";
                        Path json = dir.resolve(String.format(Locale.ROOT, "%s-%s-r%d.json", p.name(),
                                metric.replace(' ', '-'), round));
                        try {
                            Iperf3.Result r = Iperf3.run(null, p.endpoint().address(), seconds, reverse, 1, 0, json);
                            results.add(new Figure(NAME, metric, p.name(), r.gbps(), "Gbit/s", true));
                            BenchLog.log(String.format(Locale.ROOT, "%s round %d %-12s %-18s %6.2f Gbit/s", NAME,
                                    round, p.name(), metric, r.gbps()));
                        } catch (IOException e) {
                            results.note(NAME + ": " + p.name() + " " + metric + " round " + round + " failed: "
                                    + e.getMessage());
                            server.start();
                        }
                    }
                }
            }
        } finally {
            server.stop();
        }
    }
}
