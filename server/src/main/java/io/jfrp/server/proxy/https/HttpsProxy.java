package io.jfrp.server.proxy.https;

import io.jfrp.config.model.proxy.HttpsProxyConfig;
import io.jfrp.server.proxy.ProxyContext;
import io.jfrp.server.proxy.ProxyFactory;
import io.jfrp.server.proxy.ProxyRefusal;
import io.jfrp.server.vhost.TunnelRouteSet;
import io.jfrp.server.vhost.TunnelTarget;
import io.jfrp.server.vhost.TunnelVhostProxy;
import io.jfrp.server.vhost.TunnelVhosts;

/**
 * An https proxy: a route on the server's vhostHTTPSPort for each of its domains (customDomains, and
 * subdomain under subDomainHost), by the TLS ClientHello's server name, leading to this proxy's
 * client; TLS is not terminated. Proxies of one load-balancing group (same groupKey) share their
 * routes, which then take turns; a route another proxy holds is refused with an error naming the
 * domain and that proxy. The connections themselves are routed and relayed by {@link TunnelVhosts}.
 *
 * <p>Confined to the control's event loop.
 */
public final class HttpsProxy extends TunnelVhostProxy {
    private final HttpsProxyConfig config;

    private HttpsProxy(HttpsProxyConfig config, ProxyContext context, TunnelVhosts vhosts) {
        super(context, vhosts, new TunnelRouteSet(vhosts.https(), "https", new TunnelRouteSet.Claim("",
                config.base().loadBalancer(), config.name(), new TunnelTarget(context.bridge(), "", ""))));
        this.config = config;
    }

    /** The factory of https proxies on the server's vhostHTTPSPort. */
    public static ProxyFactory factory(TunnelVhosts vhosts) {
        return (config, context) -> new HttpsProxy((HttpsProxyConfig) config, context, vhosts);
    }

    @Override
    protected String register() {
        int port = vhostConfig().httpsPort();
        if (port == 0) {
            throw new ProxyRefusal("type [https] not supported when vhost https port is not set",
                    "type [https] not supported when vhostHTTPSPort is not set on the server");
        }
        return addRoutes(config.customDomains(), config.subdomain(), port);
    }
}
