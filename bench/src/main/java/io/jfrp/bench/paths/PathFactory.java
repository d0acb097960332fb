package io.jfrp.bench.paths;

import io.jfrp.bench.BenchContext;

import java.util.List;
import java.util.function.Function;

/**
 * Makes fresh, unstarted {@link TunnelPath}s of one kind, so that scenarios can take a new one per
 * measurement and no state (pooled connections, JIT warmth aside) leaks from one into the next.
 *
 * @param name         its name on the command line and in reports, e.g. "jfrp-mux-tls"
 * @param httpOnly     whether the paths it makes carry only HTTP routed by Host
 * @param missingTools what is absent (fixed when the catalog is made); empty when the path is available
 * @param maker        a new, unstarted path; the caller publishes a service through it and closes it
 * @param optIn        measured only when named in {@code --paths} or by an opt-in scenario (jfrp-quic)
 */
public record PathFactory(String name, boolean httpOnly, List<String> missingTools,
                          Function<BenchContext, TunnelPath> maker, boolean optIn) {
    /** A TCP path with nothing missing, measured by default. */
    public PathFactory(String name, Function<BenchContext, TunnelPath> maker) {
        this(name, false, List.of(), maker, false);
    }

    public TunnelPath create(BenchContext ctx) {
        return maker.apply(ctx);
    }
}
