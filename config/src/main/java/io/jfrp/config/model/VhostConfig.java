package io.jfrp.config.model;

import io.soabase.recordbuilder.core.RecordBuilder;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * The server's name-routed listeners (frps' vhost keys): one port each for http, https and tcpmux
 * HTTP CONNECT proxies, shared by every client's proxies of that type. A port of 0 leaves that
 * listener off, as in frp. The withers of single components ({@code withHttpPort(...)}, ...) are
 * generated from the record ({@link VhostConfigBuilder}).
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
@RecordBuilder
public record VhostConfig(int httpPort, int httpsPort, int tcpmuxHttpConnectPort, boolean tcpmuxPassthrough,
                          String subDomainHost, Duration httpTimeout, Path custom404Page)
        implements VhostConfigBuilder.With {
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

    /** tcpmuxHTTPConnectPort and tcpmuxPassthrough. */
    public VhostConfig withTcpmuxHttpConnectPort(int port, boolean passthrough) {
        return with(b -> b.tcpmuxHttpConnectPort(port).tcpmuxPassthrough(passthrough));
    }
}
