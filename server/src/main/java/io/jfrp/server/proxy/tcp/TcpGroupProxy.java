package io.jfrp.server.proxy.tcp;

import io.jfrp.config.model.proxy.TcpProxyConfig;
import io.jfrp.server.proxy.Proxy;
import io.jfrp.server.proxy.ProxyContext;
import io.netty.channel.Channel;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;

/**
 * A tcp proxy in a load-balancing group ({@code loadBalancer.group}): instead of its own listener it
 * joins the group's shared one ({@link TcpGroups}) and serves the public connections the group
 * hands it in turn, through its client.
 */
final class TcpGroupProxy implements Proxy, TcpGroupMember {
    private final TcpProxyConfig config;
    private final ProxyContext context;
    private final TcpGroups groups;

    TcpGroupProxy(TcpProxyConfig config, ProxyContext context, TcpGroups groups) {
        this.config = config;
        this.context = context;
        this.groups = groups;
    }

    @Override
    public String name() {
        return config.name();
    }

    @Override
    public Future<String> start() {
        Promise<String> started = context.executor().newPromise();
        groups.join(config.base().loadBalancer().group(), config.base().loadBalancer().groupKey(), config.remotePort(),
                this, context.executor()).addListener(f -> {
                    if (f.isSuccess()) {
                        started.trySuccess(":" + f.getNow());
                    } else {
                        started.tryFailure(f.cause());
                    }
                });
        return started;
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
