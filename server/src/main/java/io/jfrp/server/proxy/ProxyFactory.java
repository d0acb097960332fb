package io.jfrp.server.proxy;

import io.jfrp.config.model.proxy.ProxyConfig;

/**
 * Makes the {@link Proxy} of one type, not started yet. Registered in the server's
 * {@link io.jfrp.config.model.proxy.ProxyTypeRegistry} against its {@code ProxyType}, so {@code config} is always that type's record.
 */
@FunctionalInterface
public interface ProxyFactory {
    Proxy create(ProxyConfig config, ProxyContext context);
}
