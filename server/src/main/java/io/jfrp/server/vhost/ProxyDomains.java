package io.jfrp.server.vhost;

import io.jfrp.server.proxy.ProxyRefusal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The domains a name-routed proxy (http, https, tcpmux) is served under: its {@code customDomains}
 * and, with a {@code subdomain}, {@code subdomain.subDomainHost}; checked as stock frps checks them.
 * None at all is no error on the server (frpc refuses it, frps does not): such a proxy is created
 * with no route and an empty remote_addr.
 */
public final class ProxyDomains {
    private ProxyDomains() {
    }

    /**
     * The domains as given (trimmed), in order: custom domains first, then the subdomain's. Their case
     * stays, as frps keeps it: routes ignore it, a load-balancing group compares it, remote_addr shows
     * it. A custom domain is refused under subDomainHost whatever its case (frps compares it as given,
     * which lets {@code X.SUB.example} take a route of {@code x.sub.example}'s subdomain proxy).
     *
     * @throws ProxyRefusal with frps's error for NewProxyResp (frp's domain validation): a custom
     *         domain under subDomainHost, a subdomain when the server has no subDomainHost, a
     *         subdomain with {@code .} or {@code *}
     */
    public static List<String> of(List<String> customDomains, String subdomain, String subDomainHost) {
        List<String> domains = new ArrayList<>();
        for (String d : customDomains) {
            String domain = d.trim();
            if (domain.isEmpty()) {
                continue;
            }
            if (!subDomainHost.isEmpty() && domain.toLowerCase(Locale.ROOT).endsWith("." + subDomainHost)) {
                throw new ProxyRefusal("custom domain [" + domain + "] should not belong to subdomain host ["
                        + subDomainHost + "]", "custom domain [" + domain + "] should not belong to subdomain host ["
                        + subDomainHost + "]: use subdomain instead");
            }
            domains.add(domain);
        }
        if (!subdomain.isEmpty()) {
            if (subDomainHost.isEmpty()) {
                throw new ProxyRefusal("subdomain is not supported because this feature is not enabled in server",
                        "subdomain is not supported because this feature is not enabled in server (subDomainHost)");
            }
            if (subdomain.contains(".") || subdomain.contains("*")) {
                throw new ProxyRefusal("'.' and '*' are not supported in subdomain",
                        "'.' and '*' are not supported in subdomain [" + subdomain + "]");
            }
            domains.add(subdomain + "." + subDomainHost);
        }
        return domains;
    }

    /** {@code host:port} as stock frps reports it in remote_addr: the port left out when 80 or 443. */
    public static String canonicalAddr(String host, int port) {
        return port == 80 || port == 443 ? host : host + ":" + port;
    }
}
