package io.jfrp.config.model;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Consumer;

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
        return edit(e -> e.httpPort = port);
    }

    public VhostConfig withHttpsPort(int port) {
        return edit(e -> e.httpsPort = port);
    }

    public VhostConfig withTcpmuxHttpConnectPort(int port, boolean passthrough) {
        return edit(e -> {
            e.tcpmuxHttpConnectPort = port;
            e.tcpmuxPassthrough = passthrough;
        });
    }

    public VhostConfig withSubDomainHost(String host) {
        return edit(e -> e.subDomainHost = host);
    }

    public VhostConfig withHttpTimeout(Duration timeout) {
        return edit(e -> e.httpTimeout = timeout);
    }

    public VhostConfig withCustom404Page(Path page) {
        return edit(e -> e.custom404Page = page);
    }

    private VhostConfig edit(Consumer<Edit> change) {
        Edit e = new Edit(this);
        change.accept(e);
        return new VhostConfig(e.httpPort, e.httpsPort, e.tcpmuxHttpConnectPort, e.tcpmuxPassthrough, e.subDomainHost,
                e.httpTimeout, e.custom404Page);
    }

    /** The fields of a copy being changed. */
    private static final class Edit {
        int httpPort;
        int httpsPort;
        int tcpmuxHttpConnectPort;
        boolean tcpmuxPassthrough;
        String subDomainHost;
        Duration httpTimeout;
        Path custom404Page;

        Edit(VhostConfig c) {
            httpPort = c.httpPort;
            httpsPort = c.httpsPort;
            tcpmuxHttpConnectPort = c.tcpmuxHttpConnectPort;
            tcpmuxPassthrough = c.tcpmuxPassthrough;
            subDomainHost = c.subDomainHost;
            httpTimeout = c.httpTimeout;
            custom404Page = c.custom404Page;
        }
    }
}
