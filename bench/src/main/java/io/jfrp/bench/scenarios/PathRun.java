package io.jfrp.bench.scenarios;

import io.jfrp.bench.BenchContext;
import io.jfrp.bench.Results;
import io.jfrp.bench.paths.PathFactory;
import io.jfrp.bench.paths.PublicEndpoint;
import io.jfrp.bench.paths.PublishedPaths;
import io.jfrp.bench.paths.TunnelPath;

import java.net.InetSocketAddress;
import java.util.List;

/**
 * Runs one measurement through a fresh path: creates it, publishes the service, hands the endpoint
 * to the measurement and closes the path afterwards. A path that cannot start fails the run (see
 * {@link PublishedPaths}); a measurement that fails is a note, and the other paths and rounds still run.
 */
final class PathRun {
    interface Measurement {
        void measure(TunnelPath path, PublicEndpoint endpoint) throws Exception;
    }

    /** A measurement of one round through a published path, adding its values to {@code figures}. */
    interface RoundMeasurement {
        void measure(PathFactory factory, TunnelPath path, PublicEndpoint endpoint, RoundFigures figures)
                throws Exception;
    }

    private PathRun() {
    }

    /**
     * The shape of most scenarios: {@code rounds} times, each of {@code paths} in turn on a fresh path
     * with {@code service} published, measured by {@code m}; then each value's median over the rounds.
     */
    static void rounds(String scenario, BenchContext ctx, int rounds, List<PathFactory> paths,
                       InetSocketAddress service, Results results, RoundMeasurement m) throws InterruptedException {
        RoundFigures figures = new RoundFigures(scenario);
        for (int round = 1; round <= rounds; round++) {
            for (PathFactory factory : paths) {
                run(scenario, ctx, factory, service, results, "round " + round,
                        (path, endpoint) -> m.measure(factory, path, endpoint, figures));
            }
        }
        figures.flush(results);
    }

    static void run(String scenario, BenchContext ctx, PathFactory factory, InetSocketAddress service,
                    Results results, String what, Measurement m) throws InterruptedException {
        PublishedPaths.Published p = PublishedPaths.publish(ctx, factory, service, scenario, results);
        if (p == null) {
            return;
        }
        try (TunnelPath path = p.path()) {
            m.measure(path, p.endpoint());
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            results.note(scenario + ": " + factory.name() + " (" + what + ") failed: " + e);
        }
    }

    /** The paths that carry any TCP service; the HTTP-only ones are noted as skipped. */
    static List<PathFactory> tcpPaths(String scenario, List<PathFactory> paths, Results results) {
        paths.stream().filter(PathFactory::httpOnly).forEach(f -> results.note(scenario + ": " + f.name()
                + " skipped (HTTP only)"));
        return paths.stream().filter(f -> !f.httpOnly()).toList();
    }

    /** The URL of {@code path} at {@code endpoint} (its address; the Host header is sent separately). */
    static String url(PublicEndpoint endpoint, String path) {
        return "http://" + endpoint.address().getHostString() + ":" + endpoint.address().getPort() + path;
    }
}
