package io.jfrp.config.model.proxy;

import io.jfrp.config.model.Fields;

/**
 * A udp proxy: a public UDP port on the server whose datagrams reach the local service.
 *
 * @param remotePort the public port asked of the server; 0 lets it choose
 */
public record UdpProxyConfig(ProxyBase base, int remotePort) implements ProxyConfig {
    public UdpProxyConfig {
        base = base.requireType(ProxyType.UDP);
        Fields.port(remotePort, "proxy " + base.name() + ": remotePort");
    }
}
