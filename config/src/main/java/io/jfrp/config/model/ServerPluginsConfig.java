package io.jfrp.config.model;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * frps' server plugins: {@code httpPlugins}, called in this order, and how long each call may take
 * ({@code jfrp.httpPluginTimeout}; stock frps waits without a limit).
 *
 * @param plugins the plugins in configuration order
 * @param timeout the most one call may take, connection included
 */
public record ServerPluginsConfig(List<HttpPluginConfig> plugins, Duration timeout) {
    /** No plugins. */
    public static final ServerPluginsConfig NONE = new ServerPluginsConfig(List.of(), Duration.ofSeconds(5));

    public ServerPluginsConfig {
        plugins = Fields.list(plugins);
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("jfrp.httpPluginTimeout must be positive, got " + timeout);
        }
    }

    public ServerPluginsConfig withPlugins(List<HttpPluginConfig> v) {
        return new ServerPluginsConfig(v, timeout);
    }
}
