package io.jfrp.server.proxy.tcp;

import io.jfrp.config.model.proxy.LoadBalancer;
import io.jfrp.config.model.proxy.TcpProxyConfig;
import io.jfrp.server.proxy.PortProxy;
import io.jfrp.server.proxy.ProxyContext;
import io.netty.channel.Channel;
import io.netty.util.concurrent.Future;

/**
 * A tcp proxy in a load-balancing group ({@code loadBalancer.group}): instead of its own listener it
 * joins the group's shared one ({@link TcpGroups}) and serves the public connections the group
 * hands it in turn, through its client.
 */
final class TcpGroupProxy extends PortProxy<Integer> implements TcpGroupMember {
    private final TcpProxyConfig config;
    private final TcpGroups groups;

    TcpGroupProxy(TcpProxyConfig config, ProxyContext context, TcpGroups groups) {
        super(context);
        this.config = config;
        this.groups = groups;
    }

    @Override
    protected Future<Integer> bind() {
        LoadBalancer group = config.base().loadBalancer();
        return groups.join(group.group(), group.groupKey(), config.remotePort(), this, context.executor());
    }

    @Override
    protected int bound(Integer groupPort) {
        return groupPort;
    }

    @Override
    public void serve(Channel connection) {
        TcpProxy.relay(context.bridge(), connection);
    }

    @Override
    public void close() {
        groups.leave(config.base().loadBalancer().group(), this);
    }
}
