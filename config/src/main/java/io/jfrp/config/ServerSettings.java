package io.jfrp.config;

import com.typesafe.config.Config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * What jfrps needs from its configuration, typed, with frp's defaults and frp's derived values applied
 * ({@code proxyBindAddr} defaults to {@code bindAddr}; {@code transport.tls.trustedCaFile} implies
 * {@code transport.tls.force}; {@code transport.heartbeatTimeout} is off with tcpMux, else 90 s).
 * Read from a validated, merged config ({@link LoadedConfig#serverSettings()}). Immutable.
 */
public final class ServerSettings {
    private final String bindAddr;
    private final int bindPort;
    private final String proxyBindAddr;
    private final PortRanges allowPorts;
    private final long maxPortsPerClient;
    private final Duration userConnTimeout;
    private final String token;
    private final Set<AuthScope> additionalScopes;
    private final boolean tlsForce;
    private final Optional<Path> tlsCertFile;
    private final Optional<Path> tlsKeyFile;
    private final Optional<Path> tlsTrustedCaFile;
    private final int maxPoolCount;
    private final boolean tcpMux;
    private final Duration tcpMuxKeepaliveInterval;
    private final Optional<Duration> heartbeatTimeout;
    private final String logLevel;
    private final Duration loginMaxSkew;
    private final int vhostHTTPPort;
    private final int vhostHTTPSPort;
    private final int tcpmuxHTTPConnectPort;
    private final boolean tcpmuxPassthrough;
    private final Duration vhostHTTPTimeout;
    private final String subDomainHost;
    private final Optional<Path> custom404Page;
    private final Config jfrp;
    private final Config config;

    private ServerSettings(Config c) {
        this.config = c;
        this.bindAddr = c.getString("bindAddr");
        this.bindPort = c.getInt("bindPort");
        this.proxyBindAddr = Settings.string(c, "proxyBindAddr", bindAddr);
        this.allowPorts = c.hasPath("allowPorts") ? PortRanges.fromConfig(c.getValue("allowPorts")) : PortRanges.UNRESTRICTED;
        this.maxPortsPerClient = c.getLong("maxPortsPerClient");
        this.userConnTimeout = Values.seconds(c, "userConnTimeout");
        this.token = c.getString("auth.token");
        this.additionalScopes = Set.copyOf(Settings.scopes(c, "auth.additionalScopes"));
        this.tlsCertFile = Settings.path(c, "transport.tls.certFile");
        this.tlsKeyFile = Settings.path(c, "transport.tls.keyFile");
        this.tlsTrustedCaFile = Settings.path(c, "transport.tls.trustedCaFile");
        this.tlsForce = c.getBoolean("transport.tls.force") || tlsTrustedCaFile.isPresent();
        this.maxPoolCount = c.getInt("transport.maxPoolCount");
        this.tcpMux = c.getBoolean("transport.tcpMux");
        this.tcpMuxKeepaliveInterval = Values.seconds(c, "transport.tcpMuxKeepaliveInterval");
        this.heartbeatTimeout = c.hasPath("transport.heartbeatTimeout")
                ? Values.secondsOrDisabled(c, "transport.heartbeatTimeout")
                : tcpMux ? Optional.empty() : Optional.of(Duration.ofSeconds(90));
        this.logLevel = c.getString("log.level");
        this.loginMaxSkew = Values.seconds(c, "jfrp.loginMaxSkew");
        this.vhostHTTPPort = c.getInt("vhostHTTPPort");
        this.vhostHTTPSPort = c.getInt("vhostHTTPSPort");
        this.tcpmuxHTTPConnectPort = c.getInt("tcpmuxHTTPConnectPort");
        this.tcpmuxPassthrough = c.getBoolean("tcpmuxPassthrough");
        this.vhostHTTPTimeout = Values.seconds(c, "vhostHTTPTimeout");
        this.subDomainHost = c.getString("subDomainHost");
        this.custom404Page = Settings.path(c, "custom404Page");
        this.jfrp = Settings.subtree(c, "jfrp");
    }

    /** Reads a validated config whose keys are rooted as in frps.toml, over the jfrps defaults. */
    public static ServerSettings from(Config merged) {
        return new ServerSettings(merged);
    }

    /** Address frpc connects to (frp: bindAddr, default 0.0.0.0). */
    public String bindAddr() {
        return bindAddr;
    }

    /** Port frpc connects to (frp: bindPort, default 7000). */
    public int bindPort() {
        return bindPort;
    }

    /** Address the public proxy ports listen on (frp: proxyBindAddr, default bindAddr). */
    public String proxyBindAddr() {
        return proxyBindAddr;
    }

    /** Ports clients may ask for; {@link PortRanges#isUnrestricted()} when allowPorts is not set. */
    public PortRanges allowPorts() {
        return allowPorts;
    }

    /** Ports one client may hold; 0 = no limit. */
    public long maxPortsPerClient() {
        return maxPortsPerClient;
    }

    /** How long a public connection waits for a work connection (frp: userConnTimeout, 10 s). */
    public Duration userConnTimeout() {
        return userConnTimeout;
    }

    /** The shared token (auth.method is always "token" in jfrp); empty when not set. */
    public String token() {
        return token;
    }

    /** Messages besides Login that must carry the auth key. */
    public Set<AuthScope> additionalScopes() {
        return additionalScopes;
    }

    /** Only TLS connections are accepted (tls.force, or implied by trustedCaFile as in frp). */
    public boolean tlsForce() {
        return tlsForce;
    }

    public Optional<Path> tlsCertFile() {
        return tlsCertFile;
    }

    public Optional<Path> tlsKeyFile() {
        return tlsKeyFile;
    }

    /** CA that client certificates must chain to; when present, clients must present one. */
    public Optional<Path> tlsTrustedCaFile() {
        return tlsTrustedCaFile;
    }

    /** Upper bound on each client's pool of ready work connections (frp: transport.maxPoolCount, 5). */
    public int maxPoolCount() {
        return maxPoolCount;
    }

    public boolean tcpMux() {
        return tcpMux;
    }

    /** frp's yamux keepalive interval (transport.tcpMuxKeepaliveInterval, 30 s). */
    public Duration tcpMuxKeepaliveInterval() {
        return tcpMuxKeepaliveInterval;
    }

    /** Control connection without a Ping for this long is closed; empty = off (the default with tcpMux). */
    public Optional<Duration> heartbeatTimeout() {
        return heartbeatTimeout;
    }

    /** trace, debug, info, warn or error. */
    public String logLevel() {
        return logLevel;
    }

    /** Largest accepted distance between a Login's timestamp and our clock; zero = no check. */
    public Duration loginMaxSkew() {
        return loginMaxSkew;
    }

    /** Port of the http vhost listener (frp: vhostHTTPPort); 0 = off. */
    public int vhostHTTPPort() {
        return vhostHTTPPort;
    }

    /** Port of the https (SNI) vhost listener (frp: vhostHTTPSPort); 0 = off. */
    public int vhostHTTPSPort() {
        return vhostHTTPSPort;
    }

    /** Port of the tcpmux HTTP CONNECT listener (frp: tcpmuxHTTPConnectPort); 0 = off. */
    public int tcpmuxHTTPConnectPort() {
        return tcpmuxHTTPConnectPort;
    }

    /** tcpmux: pass the CONNECT request on to the service (frp: tcpmuxPassthrough, false). */
    public boolean tcpmuxPassthrough() {
        return tcpmuxPassthrough;
    }

    /** How long an http backend may take to send its response header (frp: vhostHTTPTimeout, 60 s). */
    public Duration vhostHTTPTimeout() {
        return vhostHTTPTimeout;
    }

    /** Domain under which proxies' {@code subdomain}s are served (frp: subDomainHost); empty = none. */
    public String subDomainHost() {
        return subDomainHost;
    }

    /** HTML file served for unknown vhosts (frp: custom404Page); empty = the built-in page. */
    public Optional<Path> custom404Page() {
        return custom404Page;
    }

    /** The yamux settings block ({@code jfrp.mux}) for the mux module's {@code YamuxConfig.fromConfig}. */
    public Config mux() {
        return Settings.subtree(config, "jfrp.mux");
    }

    /** Every jfrp-only setting ({@code jfrp.*}), for the program's own keys. */
    public Config jfrp() {
        return jfrp;
    }

    /** The whole merged configuration. */
    public Config config() {
        return config;
    }

    @Override
    public String toString() {
        return "ServerSettings(bind " + bindAddr + ":" + bindPort + ", proxyBindAddr " + proxyBindAddr
                + ", allowPorts " + (allowPorts.isUnrestricted() ? "any" : allowPorts) + ", tcpMux " + tcpMux
                + ", tlsForce " + tlsForce + ", token " + (token.isEmpty() ? "unset" : "set") + ")";
    }
}
