package io.jfrp.bench.scenarios;

import io.jfrp.bench.harness.BenchContext;
import io.jfrp.bench.harness.PathFactory;
import io.jfrp.bench.harness.PublicEndpoint;
import io.jfrp.bench.harness.Results;
import io.jfrp.bench.harness.TunnelPath;

import java.net.InetSocketAddress;

/**
 * Runs one measurement through a fresh path: creates it, publishes the service, hands the endpoint
 * to the measurement and closes the path afterwards. A failure of one path is turned into a note,
 * so the other paths (and rounds) still run.
 */
final class PathRun {
    /** A measurement through a published path. */
    interface Measurement {
        void measure(TunnelPath path, PublicEndpoint endpoint) throws Exception;
    }

    private PathRun() {
    }

    /** Returns false (and notes why) when the measurement failed. */
    static boolean run(String scenario, BenchContext ctx, PathFactory factory, InetSocketAddress service,
                       Results results, String what, Measurement m) {
        try (TunnelPath path = factory.create(ctx)) {
            PublicEndpoint endpoint = path.publish(service);
            m.measure(path, endpoint);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            results.note(scenario + ": " + factory.name() + " (" + what + ") interrupted");
            return false;
        } catch (Exception e) {
            results.note(scenario + ": " + factory.name() + " (" + what + ") failed: " + e);
            return false;
        }
    }

    /** The URL of {@code path} at {@code endpoint} (its address; the Host header is sent separately). */
    static String url(PublicEndpoint endpoint, String path) {
        return "http://" + endpoint.address().getHostString() + ":" + endpoint.address().getPort() + path;
    }
}
