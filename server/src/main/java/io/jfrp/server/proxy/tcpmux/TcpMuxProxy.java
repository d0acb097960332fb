package io.jfrp.server.proxy.tcpmux;

import io.jfrp.config.model.proxy.TcpMuxProxyConfig;
import io.jfrp.server.proxy.ProxyContext;
import io.jfrp.server.proxy.ProxyFactory;
import io.jfrp.server.proxy.ProxyRefusal;
import io.jfrp.server.vhost.TunnelRouteSet;
import io.jfrp.server.vhost.TunnelTarget;
import io.jfrp.server.vhost.TunnelVhostProxy;
import io.jfrp.server.vhost.TunnelVhosts;

/**
 * A tcpmux proxy (multiplexer {@code httpconnect}, the only one frp has): a route on the server's
 * tcpmuxHTTPConnectPort for each of its domains and its {@code routeByHTTPUser}, by the target of an
 * HTTP CONNECT request; clients are asked for {@code httpUser}/{@code httpPassword} when set. Groups
 * and conflicts as for https. The connections are routed and relayed by {@link TunnelVhosts}.
 *
 * <p>Confined to the control's event loop.
 */
public final class TcpMuxProxy extends TunnelVhostProxy {
    private final TcpMuxProxyConfig config;

    private TcpMuxProxy(TcpMuxProxyConfig config, ProxyContext context, TunnelVhosts vhosts) {
        super(context, vhosts, new TunnelRouteSet(vhosts.tcpmux(), "tcpmux", new TunnelRouteSet.Claim(config.routeByHTTPUser(),
                config.base().loadBalancer(), config.name(),
                new TunnelTarget(context.bridge(), config.httpUser(), config.httpPassword()))));
        this.config = config;
    }

    /** The factory of tcpmux proxies on the server's tcpmuxHTTPConnectPort. */
    public static ProxyFactory factory(TunnelVhosts vhosts) {
        return (config, context) -> new TcpMuxProxy((TcpMuxProxyConfig) config, context, vhosts);
    }

    @Override
    protected String register() {
        String multiplexer = TcpMuxProxyConfig.HTTP_CONNECT;
        if (!multiplexer.equals(config.multiplexer())) {
            throw new ProxyRefusal("unknown multiplexer [" + config.multiplexer() + "]", "unknown multiplexer ["
                    + config.multiplexer() + "]: tcpmux proxies take multiplexer = \"" + multiplexer + "\"");
        }
        int port = vhostConfig().tcpmuxHttpConnectPort();
        if (port == 0) {
            throw new ProxyRefusal("tcpmux with multiplexer " + multiplexer
                    + " not supported because this feature is not enabled in server", "tcpmux with multiplexer ["
                    + multiplexer + "] not supported when tcpmuxHTTPConnectPort is not set on the server");
        }
        return addRoutes(config.customDomains(), config.subdomain(), port);
    }
}
