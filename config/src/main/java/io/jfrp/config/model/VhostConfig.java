package io.jfrp.config.model;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * The server's name-routed listeners (frps' vhost keys): one port each for http, https and tcpmux
 * HTTP CONNECT proxies, shared by every client's proxies of that type. A port of 0 leaves that
 * listener off, as in frp.
 *
 * @param httpPort              vhostHTTPPort: http proxies, routed by Host and path
 * @param httpsPort             vhostHTTPSPort: https proxies, routed by the TLS ClientHello's SNI
 * @param tcpmuxHttpConnectPort tcpmuxHTTPConnectPort: tcpmux proxies with multiplexer httpconnect
 * @param tcpmuxPassthrough     tcpmuxPassthrough: pass the CONNECT request on instead of answering it
 * @param subDomainHost         subDomainHost: a proxy's {@code subdomain} is served as
 *                              {@code subdomain.subDomainHost}; empty = subdomains refused
 * @param httpTimeout           vhostHTTPTimeout: how long an http backend may take to send its
 *                              response header
 * @param custom404Page         custom404Page: the file served for unknown hosts, or null for ours
 */
public record VhostConfig(int httpPort, int httpsPort, int tcpmuxHttpConnectPort, boolean tcpmuxPassthrough,
                          String subDomainHost, Duration httpTimeout, Path custom404Page) {
    /** Every vhost listener off; frp's defaults for the rest. */
    public static final VhostConfig OFF = new VhostConfig(0, 0, 0, false, "", Duration.ofSeconds(60), null);

    public VhostConfig {
        Fields.port(httpPort, "vhostHTTPPort");
        Fields.port(httpsPort, "vhostHTTPSPort");
        Fields.port(tcpmuxHttpConnectPort, "tcpmuxHTTPConnectPort");
        subDomainHost = subDomainHost == null ? "" : subDomainHost.trim().toLowerCase(Locale.ROOT);
        Objects.requireNonNull(httpTimeout, "httpTimeout");
        if (httpTimeout.isNegative() || httpTimeout.isZero()) {
            throw new IllegalArgumentException("vhostHTTPTimeout must be positive, got " + httpTimeout);
        }
    }

    public VhostConfig withHttpPort(int port) {
        return new VhostConfig(port, httpsPort, tcpmuxHttpConnectPort, tcpmuxPassthrough, subDomainHost, httpTimeout,
                custom404Page);
    }

    public VhostConfig withHttpsPort(int port) {
        return new VhostConfig(httpPort, port, tcpmuxHttpConnectPort, tcpmuxPassthrough, subDomainHost, httpTimeout,
                custom404Page);
    }

    public VhostConfig withTcpmuxHttpConnectPort(int port, boolean passthrough) {
        return new VhostConfig(httpPort, httpsPort, port, passthrough, subDomainHost, httpTimeout, custom404Page);
    }

    public VhostConfig withSubDomainHost(String host) {
        return new VhostConfig(httpPort, httpsPort, tcpmuxHttpConnectPort, tcpmuxPassthrough, host, httpTimeout,
                custom404Page);
    }

    public VhostConfig withHttpTimeout(Duration timeout) {
        return new VhostConfig(httpPort, httpsPort, tcpmuxHttpConnectPort, tcpmuxPassthrough, subDomainHost, timeout,
                custom404Page);
    }

    public VhostConfig withCustom404Page(Path page) {
        return new VhostConfig(httpPort, httpsPort, tcpmuxHttpConnectPort, tcpmuxPassthrough, subDomainHost,
                httpTimeout, page);
    }
}
