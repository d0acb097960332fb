package io.jfrp.bench.paths;

import java.net.InetSocketAddress;
import java.util.Map;

/**
 * A way of reaching a local TCP service from a "public" address: direct, jfrp in one of its modes,
 * {@code ssh -R}, stock frp. Scenarios publish their service through each path in turn so that the
 * same measurement compares the paths side by side.
 */
public interface TunnelPath extends AutoCloseable {
    /** For example "direct", "jfrp-mux-tls", "jfrp-mux-plain", "jfrp-pool-tls", "jfrp-vhost-http", "ssh-R", "frp-mux-tls", "frp-pool". */
    String name();

    /** Publishes the TCP service listening at {@code service}; returns where clients connect. Called once per instance. */
    PublicEndpoint publish(InetSocketAddress service) throws Exception;

    /** Processes whose memory belongs to this path, by role ("server", "client", "sshd", "ssh"); none by default. */
    default Map<String, ProcessHandle> processes() {
        return Map.of();
    }

    /** Stops everything it started (by default nothing); idempotent; never throws. */
    @Override
    default void close() {
    }
}
