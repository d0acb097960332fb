package io.jfrp.config.model.proxy;

import java.util.List;

/**
 * A proxy the server reaches by name on a shared port (http by Host, https by SNI, tcpmux by the
 * CONNECT target): frp's {@code DomainConfig}.
 */
public interface DomainRouted {
    /** Domains routed to the proxy. */
    List<String> customDomains();

    /** Served as {@code subdomain.<server's subDomainHost>}; empty = none. */
    String subdomain();
}
