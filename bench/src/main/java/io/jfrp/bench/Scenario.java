package io.jfrp.bench;

import io.jfrp.bench.paths.PathFactory;
import io.jfrp.bench.paths.PublicEndpoint;
import io.jfrp.bench.paths.TunnelPath;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * A benchmark scenario: the one plug-in type of the harness (the registry is {@link ScenarioRegistry}).
 * A scenario over tunnels runs against every available path, interleaved round by round, because only
 * ratios taken side by side hold on a noisy machine; one of the multiplexer alone reports its own cases
 * as paths ({@code direct} being raw TCP there). {@link #rounds} is the shape most share, a fresh path
 * per measurement; {@link #publishAll} the other, every path up at once. A path that cannot start fails
 * the run, whose report would otherwise silently lack it.
 */
public abstract class Scenario {
    /** A measurement through a published path, adding its figures to the results. */
    protected interface Measurement {
        void measure(TunnelPath path, PublicEndpoint endpoint) throws Exception;
    }

    /** A started path and where its clients connect. */
    protected record Published(TunnelPath path, PublicEndpoint endpoint) {
        public String name() {
            return path.name();
        }
    }

    /** Paths publishing one service, all stopped on {@link #close()}. */
    protected record PublishedSet(List<Published> published) implements AutoCloseable {
        @Override
        public void close() {
            published.forEach(p -> p.path().close());
        }
    }

    /** Its name on the command line and in reports, e.g. "throughput". */
    public final String name;
    /** Whether it runs only when named in {@code --scenarios} (see the constructor). */
    public final boolean optIn;
    /** What it measures, one line (for {@code --list}). */
    public final String description;
    /** Executables the scenario needs, e.g. List.of("nginx", "wrk"). */
    public final List<String> requiredTools;

    protected Scenario(String name, String description, String... tools) {
        this(name, false, description, tools);
    }

    /**
     * {@code optIn}: runs only when named in {@code --scenarios}, then (without {@code --paths}) with the
     * opt-in paths too; for what a default run should not bring in, such as HAProxy and a server killed
     * on purpose ({@code failover}) or every transport variant ({@code transports}).
     */
    protected Scenario(String name, boolean optIn, String description, String... tools) {
        this.name = name;
        this.optIn = optIn;
        this.description = description;
        this.requiredTools = List.of(tools);
    }

    /** Why it cannot run on this machine at all (for example: not root), or null. */
    public String unavailableReason(BenchContext ctx) {
        return null;
    }

    /** Measures through the given available paths and adds figures and notes to {@code results}. */
    public abstract void run(BenchContext ctx, List<PathFactory> paths, Results results) throws Exception;

    /** {@code rounds} times, each of {@code paths} in turn on a fresh path publishing {@code service}. */
    protected final void rounds(BenchContext ctx, int rounds, List<PathFactory> paths, InetSocketAddress service,
                                Results results, Measurement m) throws InterruptedException {
        for (int round = 1; round <= rounds; round++) {
            for (PathFactory factory : paths) {
                measure(ctx, factory, service, results, "round " + round, m);
            }
        }
    }

    /**
     * One measurement through a fresh path from {@code factory} publishing {@code service}, closed after.
     * A measurement that fails is a note saying {@code what} failed; the other paths and rounds still run.
     */
    protected final void measure(BenchContext ctx, PathFactory factory, InetSocketAddress service, Results results,
                                 String what, Measurement m) throws InterruptedException {
        Published p = publish(ctx, factory, service, results);
        if (p == null) {
            return;
        }
        try (TunnelPath path = p.path()) {
            m.measure(path, p.endpoint());
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            results.note(name + ": " + factory.name() + " (" + what + ") failed: " + e);
        }
    }

    /** A fresh path from {@code factory} publishing {@code service}, or null (a failure) when it could not start. */
    private Published publish(BenchContext ctx, PathFactory factory, InetSocketAddress service, Results results)
            throws InterruptedException {
        TunnelPath p = factory.create(ctx);
        try {
            Published up = new Published(p, p.publish(service));
            BenchLog.log(name + ": " + p.name() + " up");
            return up;
        } catch (InterruptedException e) {
            p.close();
            throw e;
        } catch (Exception e) {
            p.close();
            results.fail(name + ": " + factory.name() + " could not start: " + e.getMessage());
        }
        return null;
    }

    /** Publishes {@code service} through every factory but the HTTP-only ones; those that started. */
    protected final PublishedSet publishAll(BenchContext ctx, List<PathFactory> factories, InetSocketAddress service,
                                            Results results) throws InterruptedException {
        List<Published> up = new ArrayList<>();
        for (PathFactory f : factories) {
            Published p = f.httpOnly() ? null : publish(ctx, f, service, results);
            if (p != null) {
                up.add(p);
            }
        }
        return new PublishedSet(up);
    }

    /** The paths that carry any TCP service; the HTTP-only ones are noted as skipped. */
    protected final List<PathFactory> tcpPaths(List<PathFactory> paths, Results results) {
        paths.stream().filter(PathFactory::httpOnly).forEach(f -> results.note(name + ": " + f.name()
                + " skipped (HTTP only)"));
        return paths.stream().filter(f -> !f.httpOnly()).toList();
    }

    /** Thrown by {@link #run} when the machine turned out unable to host the scenario: a skip, not a failure. */
    public static final class Skipped extends Exception {
        public Skipped(String reason) {
            super(reason);
        }
    }
}
