package io.jfrp.config.model.proxy;

import io.jfrp.config.model.Fields;

import java.util.List;

/**
 * An https proxy: TLS connections on the server's vhostHTTPSPort routed by the ClientHello's server
 * name, without terminating TLS.
 *
 * @param customDomains domains routed here
 * @param subdomain     served as {@code subdomain.<subDomainHost>}
 */
public record HttpsProxyConfig(ProxyBase base, List<String> customDomains, String subdomain)
        implements ProxyConfig, DomainRouted {
    public HttpsProxyConfig {
        base = base.requireType(ProxyType.HTTPS);
        customDomains = Fields.list(customDomains);
        subdomain = Fields.text(subdomain);
    }
}
