package io.jfrp.bench.harness;

import io.jfrp.bench.harness.paths.PathUnavailableException;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * The paths of one scenario, all publishing the same service at once so that rounds can visit them
 * in turn. A path that cannot start is left out with a note (and closed); {@link #close()} stops
 * every path that started.
 */
public final class PublishedPaths implements AutoCloseable {
    /** A started path and where its clients connect. */
    public record Published(TunnelPath path, PublicEndpoint endpoint) {
        public String name() {
            return path.name();
        }
    }

    private final List<Published> published = new ArrayList<>();

    private PublishedPaths() {
    }

    /**
     * Creates and publishes {@code service} through every factory ({@code httpOnly} ones only when
     * {@code includeHttpOnly}), in order.
     */
    public static PublishedPaths publish(BenchContext ctx, List<PathFactory> factories, InetSocketAddress service,
                                         boolean includeHttpOnly, String scenario, Results results) {
        PublishedPaths set = new PublishedPaths();
        for (PathFactory f : factories) {
            if (f.httpOnly() && !includeHttpOnly) {
                continue;
            }
            TunnelPath p = f.create(ctx);
            try {
                set.published.add(new Published(p, p.publish(service)));
                BenchLog.log(scenario + ": " + p.name() + " up");
            } catch (PathUnavailableException e) {
                p.close();
                results.note(scenario + ": " + f.name() + " unavailable: " + e.getMessage());
            } catch (InterruptedException e) {
                p.close();
                Thread.currentThread().interrupt();
                break;
            } catch (Exception e) {
                p.close();
                results.note(scenario + ": " + f.name() + " could not start: " + e.getMessage());
                BenchLog.log(scenario + ": " + f.name() + " could not start: " + e);
            }
        }
        return set;
    }

    public List<Published> published() {
        return List.copyOf(published);
    }

    @Override
    public void close() {
        for (Published p : published) {
            p.path().close();
        }
        published.clear();
    }
}
