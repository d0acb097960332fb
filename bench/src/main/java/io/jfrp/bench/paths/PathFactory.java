package io.jfrp.bench.paths;

import io.jfrp.bench.BenchContext;
import io.jfrp.bench.Selectable;

import java.util.List;

/**
 * Makes fresh, unstarted {@link TunnelPath} instances of one kind. Scenarios create a new instance per
 * measurement so that no state (pooled connections, JIT warmth aside) leaks from one scenario into
 * the next.
 */
public interface PathFactory extends Selectable {
    /** Whether the paths it makes carry only HTTP routed by Host. */
    boolean httpOnly();

    /** Executables (or other prerequisites) that are absent; empty when the path is available. */
    List<String> missingTools();

    /** A new, unstarted path; the caller publishes a service through it and closes it. */
    TunnelPath create(BenchContext ctx);
}
