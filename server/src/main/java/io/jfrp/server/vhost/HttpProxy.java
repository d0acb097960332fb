package io.jfrp.server.vhost;

import io.jfrp.protocol.msg.NewProxy;
import io.jfrp.server.Proxy;
import io.jfrp.server.WorkConnBridge;
import io.jfrp.server.routing.ProxyDomains;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.ImmediateEventExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * An http proxy: routes on the server's vhostHTTPPort for each of its domains (customDomains, and
 * {@code subdomain.subDomainHost}) times each of its locations (none = every path), optionally
 * only for requests of its routeByHTTPUser. Requests routed here reach the client's local service
 * through work connections ({@link #bridge()}); how they are forwarded, with this proxy's basic
 * auth and header rules, is {@link HttpExchangeHandler}'s job.
 *
 * <p>{@link #start()} takes every route or none: a conflict on one gives back those already taken,
 * and the NewProxyResp error names the route and who holds it.
 */
public final class HttpProxy implements Proxy {
    private static final Logger log = LoggerFactory.getLogger(HttpProxy.class);

    private final HttpVhost vhost;
    private final WorkConnBridge bridge;
    private final NewProxy req;
    private final List<HttpRouter.Route> routes = new ArrayList<>();

    /**
     * @param vhost  the server's http vhost, or null when vhostHTTPPort is off (start then fails)
     * @param bridge how this proxy reaches its client
     */
    public HttpProxy(HttpVhost vhost, WorkConnBridge bridge) {
        this.vhost = vhost;
        this.bridge = bridge;
        this.req = bridge.proxy();
    }

    @Override
    public String name() {
        return req.proxyName();
    }

    NewProxy request() {
        return req;
    }

    WorkConnBridge bridge() {
        return bridge;
    }

    @Override
    public Future<String> start() {
        try {
            return ImmediateEventExecutor.INSTANCE.newSucceededFuture(register());
        } catch (IllegalArgumentException | HttpRouter.RouteConflictException e) {
            close();
            return ImmediateEventExecutor.INSTANCE.newFailedFuture(e);
        }
    }

    private String register() throws HttpRouter.RouteConflictException {
        if (vhost == null) {
            throw new IllegalArgumentException("type [http] is not supported: vhostHTTPPort is not set on the server");
        }
        Set<String> domains = domains();
        List<String> locations = req.locations().isEmpty() ? List.of("") : req.locations();
        List<String> addrs = new ArrayList<>();
        for (String domain : domains) {
            for (String location : locations) {
                routes.add(vhost.router().add(domain, location, req.routeByHttpUser(), this));
                log.info("http proxy [{}] serves host [{}] location [{}]{}{}", name(), domain, location,
                        req.group().isEmpty() ? "" : " in group [" + req.group() + "]",
                        req.routeByHttpUser().isEmpty() ? "" : " for user [" + req.routeByHttpUser() + "]");
            }
            int port = vhost.options().httpPort();
            addrs.add(port == 80 ? domain : domain + ":" + port);
        }
        return String.join(",", addrs);
    }

    /** customDomains and subdomain.subDomainHost, lower case, checked as frp checks them. */
    private Set<String> domains() {
        return new LinkedHashSet<>(ProxyDomains.of(req.customDomains(), req.subdomain().trim(),
                vhost.options().subDomainHost()));
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
