package io.jfrp.server.proxy.http;

import io.jfrp.config.model.proxy.HttpProxyConfig;
import io.jfrp.server.proxy.ProxyContext;
import io.jfrp.server.proxy.ProxyFactory;
import io.jfrp.server.proxy.ProxyRefusal;
import io.jfrp.server.proxy.RoutedProxy;
import io.jfrp.server.proxy.WorkConnBridge;
import io.jfrp.server.vhost.ProxyDomains;
import io.jfrp.server.vhost.http.HttpRouteTarget;
import io.jfrp.server.vhost.http.HttpRouter;
import io.jfrp.server.vhost.http.HttpVhost;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;

/**
 * An http proxy: routes on the server's vhostHTTPPort for each of its domains (customDomains, and
 * {@code subdomain.subDomainHost}) times each of its locations (none = every path), optionally
 * only for requests of its routeByHTTPUser. Requests routed here reach the client's local service
 * through work connections ({@link #bridge()}); how they are forwarded, with this proxy's basic
 * auth and header rules, is the vhost's job ({@code HttpExchangeHandler}).
 *
 * <p>{@link #start()} takes every route or none: a conflict on one gives back those already taken,
 * and the NewProxyResp error names the route and who holds it. Confined to the control's event loop.
 */
public final class HttpProxy extends RoutedProxy implements HttpRouteTarget {
    private static final Logger log = LoggerFactory.getLogger(HttpProxy.class);

    private final HttpVhost vhost;
    private final HttpProxyConfig config;
    private final WorkConnBridge bridge;
    private final List<HttpRouter.Route> routes = new ArrayList<>();

    /**
     * @param vhost the server's http vhost, or null when vhostHTTPPort is off (start then fails)
     */
    private HttpProxy(HttpVhost vhost, HttpProxyConfig config, ProxyContext context) {
        super(context);
        this.vhost = vhost;
        this.config = config;
        this.bridge = context.bridge();
    }

    /** The factory of http proxies on {@code vhost} (null when vhostHTTPPort is off). */
    public static ProxyFactory factory(HttpVhost vhost) {
        return (config, context) -> new HttpProxy(vhost, (HttpProxyConfig) config, context);
    }

    @Override
    public HttpProxyConfig config() {
        return config;
    }

    @Override
    public WorkConnBridge bridge() {
        return bridge;
    }

    @Override
    protected String register() {
        if (vhost == null) {
            throw new ProxyRefusal("type [http] not supported when vhost http port is not set",
                    "type [http] is not supported: vhostHTTPPort is not set on the server");
        }
        List<String> locations = config.locations().isEmpty() ? List.of("") : config.locations();
        String group = config.base().loadBalancer().group();
        List<String> addrs = new ArrayList<>();
        // As frps: no domain registers nothing; a domain given twice conflicts with itself; remote_addr
        // names the domain once per location.
        for (String domain : ProxyDomains.of(config.customDomains(), config.subdomain().trim(),
                vhost.options().subDomainHost())) {
            for (String location : locations) {
                routes.add(vhost.router().add(domain, location, config.routeByHTTPUser(), this));
                log.info("http proxy [{}] serves host [{}] location [{}]{}{}", name(), domain, location,
                        group.isEmpty() ? "" : " in group [" + group + "]",
                        config.routeByHTTPUser().isEmpty() ? "" : " for user [" + config.routeByHTTPUser() + "]");
                addrs.add(ProxyDomains.canonicalAddr(domain, vhost.options().httpPort()));
            }
        }
        return String.join(",", addrs);
    }

    @Override
    public void close() {
        for (HttpRouter.Route r : routes) {
            vhost.router().remove(r, this);
        }
        routes.clear();
    }

    @Override
    public String toString() {
        return "http proxy [" + name() + "]";
    }
}
