package io.jfrp.config.model.proxy;

import io.jfrp.config.model.Fields;

/**
 * A tcp proxy: a public port on the server whose every connection reaches the local service.
 *
 * @param remotePort the public port asked of the server; 0 lets it choose
 */
public record TcpProxyConfig(ProxyBase base, int remotePort) implements ProxyConfig {
    public TcpProxyConfig {
        base = base.requireType(ProxyType.TCP);
        Fields.port(remotePort, "proxy " + base.name() + ": remotePort");
    }
}
