package io.jfrp.client.proxy;

import io.jfrp.config.model.proxy.ProxyConfig;

/**
 * Makes jfrpc's side of proxies of one type; registered in jfrpc's
 * {@link io.jfrp.config.model.proxy.ProxyTypeRegistry} against its {@code ProxyType}, so
 * {@code config} is always that type's record.
 */
@FunctionalInterface
public interface ClientProxyFactory {
    ClientProxy create(ProxyConfig config, LocalDialer dialer);
}
