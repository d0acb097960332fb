package io.jfrp.config.model.proxy;

import io.jfrp.config.model.Fields;

import java.util.List;

/**
 * A tcpmux proxy: connections on the server's tcpmuxHTTPConnectPort routed by their HTTP CONNECT
 * target, then tunnelled unchanged.
 *
 * @param customDomains   domains routed here
 * @param subdomain       served as {@code subdomain.<subDomainHost>}
 * @param httpUser        credentials asked in Proxy-Authorization; empty = none
 * @param httpPassword    the password
 * @param routeByHTTPUser route only this Proxy-Authorization user here
 * @param multiplexer     {@code httpconnect}, the only multiplexer frp has
 */
public record TcpMuxProxyConfig(ProxyBase base, List<String> customDomains, String subdomain, String httpUser,
                                String httpPassword, String routeByHTTPUser, String multiplexer)
        implements ProxyConfig, DomainRouted {
    /** frp's one multiplexer. */
    public static final String HTTP_CONNECT = "httpconnect";

    public TcpMuxProxyConfig {
        base = base.requireType(ProxyType.TCPMUX);
        customDomains = Fields.list(customDomains);
        subdomain = Fields.text(subdomain);
        httpUser = Fields.text(httpUser);
        httpPassword = Fields.text(httpPassword);
        routeByHTTPUser = Fields.text(routeByHTTPUser);
        multiplexer = Fields.text(multiplexer);
    }
}
