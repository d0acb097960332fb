package io.jfrp.server.security;

import java.util.Map;

/**
 * What jfrps' defences have done, for metrics and the dashboard (read by the operations code):
 * closes by reason since start, and the state of the admission limits now. Thread-safe; every read
 * is a snapshot.
 */
public interface SecurityMetrics {
    /** How many connections or streams were closed or refused for {@code reason} since start. */
    long closes(CloseReason reason);

    /** {@link #closes} for every reason, in the enum's order (zeros included). */
    Map<CloseReason, Long> closesByReason();

    /** Connections accepted and not authenticated yet. */
    int unauthenticatedConnections();

    /** Addresses refused now after repeated failed logins. */
    int backedOffAddresses();
}
