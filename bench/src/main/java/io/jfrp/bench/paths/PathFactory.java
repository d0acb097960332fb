package io.jfrp.bench.paths;

import io.jfrp.bench.BenchContext;

import java.util.List;

/**
 * Makes fresh, unstarted {@link TunnelPath} instances of one kind. Scenarios create a new instance per
 * measurement so that no state (pooled connections, JIT warmth aside) leaks from one scenario into
 * the next.
 */
public interface PathFactory {
    /** The name of the paths it makes (same as {@link TunnelPath#name()}). */
    String name();

    /** Whether the paths it makes carry only HTTP routed by Host. */
    boolean httpOnly();

    /**
     * Whether the path is measured only when asked for: named in {@code --paths}, or by an opt-in
     * scenario ({@code transports} measures the transport variants such as jfrp-quic).
     */
    default boolean optIn() {
        return false;
    }

    /** Executables (or other prerequisites) that are absent; empty when the path is available. */
    List<String> missingTools();

    /** A new, unstarted path; the caller publishes a service through it and closes it. */
    TunnelPath create(BenchContext ctx);
}
