package io.jfrp.server;

import io.jfrp.config.model.VhostConfig;
import io.jfrp.protocol.msg.NewProxy;
import io.jfrp.server.routing.NameRoutes;
import io.jfrp.server.routing.ProxyDomains;
import io.netty.util.concurrent.Future;

import java.util.ArrayList;
import java.util.List;

/**
 * An https or tcpmux proxy: routes on the server's shared https or tcpmux port for each of its
 * domains (customDomains, and subdomain under subDomainHost), leading to this proxy's client. The
 * connections themselves are routed and relayed by {@link TunnelVhosts}.
 *
 * <p>https routes by server name only; tcpmux (multiplexer {@code httpconnect}, the only one frp
 * has) also by {@code routeByHTTPUser}, and asks clients for {@code httpUser}/{@code httpPassword}
 * when set. Proxies in the same {@code loadBalancer.group} with the same {@code groupKey} share
 * their routes, which then take turns. A route another proxy holds is refused with an error naming
 * the domain and that proxy.
 *
 * <p>Confined to the control's event loop, as every {@link Proxy}.
 */
final class NameRoutedProxy implements Proxy {
    /** The tcpmux multiplexer jfrp serves (stock frps has no other). */
    static final String HTTP_CONNECT = "httpconnect";

    private final ServerControl control;
    private final NewProxy req;
    private final boolean https;
    private final TunnelTarget target;
    private final List<String> added = new ArrayList<>();

    private NameRoutedProxy(ServerControl control, NewProxy req, boolean https) {
        this.control = control;
        this.req = req;
        this.https = https;
        this.target = https ? new TunnelTarget(control.bridge(req), "", "")
                : new TunnelTarget(control.bridge(req), req.httpUser(), req.httpPwd());
    }

    static NameRoutedProxy https(ServerControl control, NewProxy req) {
        return new NameRoutedProxy(control, req, true);
    }

    static NameRoutedProxy tcpmux(ServerControl control, NewProxy req) {
        return new NameRoutedProxy(control, req, false);
    }

    @Override
    public String name() {
        return req.proxyName();
    }

    @Override
    public Future<String> start() {
        try {
            return control.executor().newSucceededFuture(register());
        } catch (IllegalArgumentException e) {
            close();
            return control.executor().newFailedFuture(e);
        }
    }

    /** Adds the routes; the remote_addr for NewProxyResp, or the reason in an exception. */
    private String register() {
        VhostConfig vhost = control.server().options.vhost();
        int port;
        if (https) {
            port = vhost.httpsPort();
            if (port == 0) {
                throw new IllegalArgumentException("type [https] not supported when vhostHTTPSPort is not set on the server");
            }
        } else {
            if (!HTTP_CONNECT.equals(req.multiplexer())) {
                throw new IllegalArgumentException("unknown multiplexer [" + req.multiplexer()
                        + "]: tcpmux proxies take multiplexer = \"" + HTTP_CONNECT + "\"");
            }
            port = vhost.tcpmuxHttpConnectPort();
            if (port == 0) {
                throw new IllegalArgumentException("tcpmux with multiplexer [" + HTTP_CONNECT
                        + "] not supported when tcpmuxHTTPConnectPort is not set on the server");
            }
        }
        List<String> domains = ProxyDomains.of(req.customDomains(), req.subdomain(), vhost.subDomainHost());
        List<String> addrs = new ArrayList<>();
        for (String domain : domains) {
            String error = routes().add(domain, routeUser(), req.group(), req.groupKey(), req.proxyName(), target);
            if (error != null) {
                throw new IllegalArgumentException((https ? "https " : "tcpmux ") + error);
            }
            added.add(domain);
            addrs.add(ProxyDomains.canonicalAddr(domain, port));
        }
        return String.join(",", addrs);
    }

    private NameRoutes<TunnelTarget> routes() {
        TunnelVhosts vhosts = control.server().tunnelVhosts;
        return https ? vhosts.https : vhosts.tcpmux;
    }

    private String routeUser() {
        return https ? "" : req.routeByHttpUser();
    }

    @Override
    public void close() {
        for (String domain : added) {
            routes().remove(domain, routeUser(), target);
        }
        added.clear();
    }
}
