package io.jfrp.client.cli;

import com.typesafe.config.Config;
import io.jfrp.client.ClientOptions;
import io.jfrp.client.ProxyOptions;
import io.jfrp.config.AuthScope;
import io.jfrp.config.ClientSettings;
import io.jfrp.config.ProxySettings;
import io.jfrp.mux.YamuxConfig;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Makes the {@link ClientOptions} jfrpc runs with from its validated {@link ClientSettings}.
 *
 * <h3>Mapping</h3>
 * <ul>
 *   <li>each {@link ProxySettings} (those to start, in file order) becomes a {@link ProxyOptions}, with
 *       every field the server routes by (domains, locations, basic auth, headers, groups);</li>
 *   <li>{@code transport.heartbeatInterval} / {@code heartbeatTimeout} off (the default with tcpMux)
 *       become {@link Duration#ZERO}, which the client reads as off;</li>
 *   <li>the yamux settings are {@code jfrp.mux} ({@link YamuxConfig#fromConfig}) with frp's
 *       {@code transport.tcpMuxKeepaliveInterval} as the keepalive interval (a negative value turns
 *       keepalive off) and {@code jfrp.mux.keepalive-timeout} as the ping timeout;</li>
 *   <li>{@code transport.dialServerTimeout} is the dial timeout (toward frps and the local services);</li>
 *   <li>the TLS server name is {@code transport.tls.serverName}, else serverAddr, as in frp.</li>
 * </ul>
 * TLS file paths stay as written: relative ones are relative to the working directory, as in frp.
 */
public final class ClientOptionsFactory {
    private ClientOptionsFactory() {
    }

    /** @throws IllegalArgumentException when a {@code jfrp.mux} value is out of its range */
    public static ClientOptions create(ClientSettings s) {
        return new ClientOptions(
                s.serverAddr(),
                s.serverPort(),
                s.user(),
                s.token(),
                scopes(s.additionalScopes()),
                s.loginFailExit(),
                s.tcpMux(),
                mux(s.mux(), s.tcpMuxKeepaliveInterval()),
                s.poolCount(),
                s.heartbeatInterval().orElse(Duration.ZERO),
                s.heartbeatTimeout().orElse(Duration.ZERO),
                s.dialServerTimeout(),
                s.tlsEnable(),
                s.tlsCertFile().orElse(null),
                s.tlsKeyFile().orElse(null),
                s.tlsTrustedCaFile().orElse(null),
                s.tlsServerName(),
                s.disableCustomTLSFirstByte(),
                proxies(s.proxies()));
    }

    static List<ProxyOptions> proxies(List<ProxySettings> proxies) {
        return proxies.stream()
                .map(p -> new ProxyOptions(p.name(), p.type(), p.localIP(), p.localPort(), p.remotePort(),
                        p.useEncryption(), p.useCompression(), p.customDomains(), p.subdomain(), p.locations(),
                        p.httpUser(), p.httpPassword(), p.hostHeaderRewrite(), p.requestHeaders(),
                        p.responseHeaders(), p.routeByHTTPUser(), p.multiplexer(), p.group(), p.groupKey()))
                .toList();
    }

    /** {@code jfrp.mux} with frp's keepalive interval in place of {@code jfrp.mux.keepalive-interval}. */
    static YamuxConfig mux(Config block, Duration tcpMuxKeepaliveInterval) {
        YamuxConfig mux = io.jfrp.config.MuxConfigReader.read(block);
        Duration interval = tcpMuxKeepaliveInterval.isNegative() ? Duration.ZERO : tcpMuxKeepaliveInterval;
        return mux.withKeepalive(interval, mux.keepaliveTimeout());
    }

    static Set<io.jfrp.protocol.auth.AuthScope> scopes(Set<AuthScope> scopes) {
        Set<io.jfrp.protocol.auth.AuthScope> out = EnumSet.noneOf(io.jfrp.protocol.auth.AuthScope.class);
        for (AuthScope s : scopes) {
            out.add(io.jfrp.protocol.auth.AuthScope.fromConfigName(s.frpName()));
        }
        return out;
    }
}
