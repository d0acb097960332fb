package io.jfrp.bench.paths;

import io.jfrp.bench.BenchContext;
import io.jfrp.bench.BenchLog;
import io.jfrp.bench.Results;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * Paths publishing one service: {@link #publish} starts one, {@link #publishAll} every path at once
 * so that rounds can visit them in turn. A path that cannot start is closed and fails the run, which
 * would otherwise silently lack it. {@link #close()} stops every path that started.
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

    /** A fresh path from {@code factory} publishing {@code service}, or null (noted) when it could not start. */
    public static Published publish(BenchContext ctx, PathFactory factory, InetSocketAddress service, String scenario,
                                    Results results) throws InterruptedException {
        TunnelPath p = factory.create(ctx);
        try {
            Published up = new Published(p, p.publish(service));
            BenchLog.log(scenario + ": " + p.name() + " up");
            return up;
        } catch (InterruptedException e) {
            p.close();
            throw e;
        } catch (Exception e) {
            p.close();
            results.fail(scenario + ": " + factory.name() + " could not start: " + e.getMessage());
        }
        return null;
    }

    /** Publishes {@code service} through every factory ({@code httpOnly} ones only when {@code includeHttpOnly}). */
    public static PublishedPaths publishAll(BenchContext ctx, List<PathFactory> factories, InetSocketAddress service,
                                            boolean includeHttpOnly, String scenario, Results results)
            throws InterruptedException {
        PublishedPaths set = new PublishedPaths();
        for (PathFactory f : factories) {
            if (includeHttpOnly || !f.httpOnly()) {
                Published p = publish(ctx, f, service, scenario, results);
                if (p != null) {
                    set.published.add(p);
                }
            }
        }
        return set;
    }

    public List<Published> published() {
        return List.copyOf(published);
    }

    @Override
    public void close() {
        published.forEach(p -> p.path().close());
        published.clear();
    }
}
