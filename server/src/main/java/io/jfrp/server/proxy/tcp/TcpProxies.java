package io.jfrp.server.proxy.tcp;

import io.jfrp.config.model.proxy.ProxyConfig;
import io.jfrp.config.model.proxy.TcpProxyConfig;
import io.jfrp.server.proxy.Proxy;
import io.jfrp.server.proxy.ProxyContext;
import io.jfrp.server.proxy.ProxyFactory;
import io.jfrp.server.proxy.PublicPorts;
import io.netty.util.concurrent.EventExecutor;

/**
 * The {@link ProxyFactory} of tcp proxies: a {@link TcpProxy} with its own public port, or, with
 * {@code loadBalancer.group}, a {@link TcpGroupProxy} in the server's {@link TcpGroups}.
 */
public final class TcpProxies implements ProxyFactory {
    private final PublicPorts ports;
    private final TcpGroups groups;

    /**
     * @param ports         the server's public ports
     * @param groupExecutor where the groups' listener futures complete
     */
    public TcpProxies(PublicPorts ports, EventExecutor groupExecutor) {
        this.ports = ports;
        this.groups = new TcpGroups(new GroupPorts(ports, groupExecutor));
    }

    @Override
    public Proxy create(ProxyConfig config, ProxyContext context) {
        TcpProxyConfig tcp = (TcpProxyConfig) config;
        return tcp.base().loadBalancer().group().isEmpty() ? new TcpProxy(tcp, context, ports)
                : new TcpGroupProxy(tcp, context, groups);
    }
}
