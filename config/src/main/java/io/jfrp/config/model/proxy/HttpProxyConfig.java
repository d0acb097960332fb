package io.jfrp.config.model.proxy;

import io.jfrp.config.model.Fields;

import java.util.List;
import java.util.Map;

/**
 * An http proxy: requests on the server's vhostHTTPPort routed by Host, path and basic-auth user.
 *
 * @param customDomains     domains routed here
 * @param subdomain         served as {@code subdomain.<subDomainHost>}
 * @param locations         URL path prefixes routed here; empty = every path
 * @param httpUser          basic-auth user asked of visitors; empty = none
 * @param httpPassword      basic-auth password
 * @param hostHeaderRewrite Host header sent to the local service; empty = unchanged
 * @param requestHeaders    {@code requestHeaders.set}: headers set on requests
 * @param responseHeaders   {@code responseHeaders.set}: headers set on responses
 * @param routeByHTTPUser   route only requests of this basic-auth user here
 */
public record HttpProxyConfig(ProxyBase base, List<String> customDomains, String subdomain, List<String> locations,
                              String httpUser, String httpPassword, String hostHeaderRewrite,
                              Map<String, String> requestHeaders, Map<String, String> responseHeaders,
                              String routeByHTTPUser) implements ProxyConfig, DomainRouted {
    public HttpProxyConfig {
        base = base.requireType(ProxyType.HTTP);
        customDomains = Fields.list(customDomains);
        subdomain = Fields.text(subdomain);
        locations = Fields.list(locations);
        httpUser = Fields.text(httpUser);
        httpPassword = Fields.text(httpPassword);
        hostHeaderRewrite = Fields.text(hostHeaderRewrite);
        requestHeaders = Fields.map(requestHeaders);
        responseHeaders = Fields.map(responseHeaders);
        routeByHTTPUser = Fields.text(routeByHTTPUser);
    }
}
