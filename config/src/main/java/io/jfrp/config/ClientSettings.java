package io.jfrp.config;

import com.typesafe.config.Config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What jfrpc needs from its configuration, typed, with frp's defaults and derived values applied
 * (heartbeats off with tcpMux, else 30 s / 90 s; the TLS server name defaults to serverAddr). The
 * proxies are those jfrp implements, without the ones {@code enabled = false} or left out of a
 * non-empty {@code start} list. Read from a validated, merged config
 * ({@link LoadedConfig#clientSettings()}). Immutable.
 */
public final class ClientSettings {
    private final String serverAddr;
    private final int serverPort;
    private final String user;
    private final boolean loginFailExit;
    private final String token;
    private final Set<AuthScope> additionalScopes;
    private final int poolCount;
    private final boolean tcpMux;
    private final Duration tcpMuxKeepaliveInterval;
    private final Optional<Duration> heartbeatInterval;
    private final Optional<Duration> heartbeatTimeout;
    private final Duration dialServerTimeout;
    private final boolean tlsEnable;
    private final Optional<Path> tlsCertFile;
    private final Optional<Path> tlsKeyFile;
    private final Optional<Path> tlsTrustedCaFile;
    private final String tlsServerName;
    private final boolean disableCustomTLSFirstByte;
    private final String logLevel;
    private final List<ProxySettings> proxies;
    private final Config jfrp;
    private final Config config;

    private ClientSettings(Config c) {
        this.config = c;
        this.serverAddr = c.getString("serverAddr");
        this.serverPort = c.getInt("serverPort");
        this.user = c.getString("user");
        this.loginFailExit = c.getBoolean("loginFailExit");
        this.token = c.getString("auth.token");
        this.additionalScopes = Set.copyOf(Settings.scopes(c, "auth.additionalScopes"));
        this.poolCount = c.getInt("transport.poolCount");
        this.tcpMux = c.getBoolean("transport.tcpMux");
        this.tcpMuxKeepaliveInterval = Values.seconds(c, "transport.tcpMuxKeepaliveInterval");
        this.heartbeatInterval = c.hasPath("transport.heartbeatInterval")
                ? Values.secondsOrDisabled(c, "transport.heartbeatInterval")
                : tcpMux ? Optional.empty() : Optional.of(Duration.ofSeconds(30));
        this.heartbeatTimeout = c.hasPath("transport.heartbeatTimeout")
                ? Values.secondsOrDisabled(c, "transport.heartbeatTimeout")
                : tcpMux ? Optional.empty() : Optional.of(Duration.ofSeconds(90));
        this.dialServerTimeout = Values.seconds(c, "transport.dialServerTimeout");
        this.tlsEnable = c.getBoolean("transport.tls.enable");
        this.tlsCertFile = Settings.path(c, "transport.tls.certFile");
        this.tlsKeyFile = Settings.path(c, "transport.tls.keyFile");
        this.tlsTrustedCaFile = Settings.path(c, "transport.tls.trustedCaFile");
        String sn = Settings.string(c, "transport.tls.serverName", "");
        this.tlsServerName = sn.isEmpty() ? serverAddr : sn;
        this.disableCustomTLSFirstByte = c.getBoolean("transport.tls.disableCustomTLSFirstByte");
        this.logLevel = c.getString("log.level");
        this.jfrp = Settings.subtree(c, "jfrp");
        List<String> start = c.hasPath("start") ? c.getStringList("start") : List.of();
        Config proxyDefaults = c.getConfig("proxyDefaults");
        List<ProxySettings> ps = new ArrayList<>();
        if (c.hasPath("proxies")) {
            for (Config p : c.getConfigList("proxies")) {
                boolean enabled = !p.hasPath("enabled") || p.getBoolean("enabled");
                if (enabled && (start.isEmpty() || start.contains(p.getString("name")))) {
                    ps.add(ProxySettings.from(p, proxyDefaults));
                }
            }
        }
        this.proxies = List.copyOf(ps);
    }

    /** Reads a validated config whose keys are rooted as in frpc.toml, over the jfrpc defaults. */
    public static ClientSettings from(Config merged) {
        return new ClientSettings(merged);
    }

    /** frps host or address (frp: serverAddr, default 0.0.0.0). */
    public String serverAddr() {
        return serverAddr;
    }

    /** frps bindPort (frp: serverPort, default 7000). */
    public int serverPort() {
        return serverPort;
    }

    /** Prefix of proxy names on the wire; empty for none. */
    public String user() {
        return user;
    }

    /** Exit when the first login fails (default true), else keep retrying. */
    public boolean loginFailExit() {
        return loginFailExit;
    }

    /** The shared token; empty when not set. */
    public String token() {
        return token;
    }

    public Set<AuthScope> additionalScopes() {
        return additionalScopes;
    }

    /** Work connections made in advance and asked for in Login (frp v1 default 1). */
    public int poolCount() {
        return poolCount;
    }

    public boolean tcpMux() {
        return tcpMux;
    }

    public Duration tcpMuxKeepaliveInterval() {
        return tcpMuxKeepaliveInterval;
    }

    /** Ping interval; empty = off (the default with tcpMux). */
    public Optional<Duration> heartbeatInterval() {
        return heartbeatInterval;
    }

    /** No Pong for this long closes the session; empty = off (the default with tcpMux). */
    public Optional<Duration> heartbeatTimeout() {
        return heartbeatTimeout;
    }

    public Duration dialServerTimeout() {
        return dialServerTimeout;
    }

    public boolean tlsEnable() {
        return tlsEnable;
    }

    public Optional<Path> tlsCertFile() {
        return tlsCertFile;
    }

    public Optional<Path> tlsKeyFile() {
        return tlsKeyFile;
    }

    /** CA the server certificate must chain to; empty = the server is not verified (frp's behaviour). */
    public Optional<Path> tlsTrustedCaFile() {
        return tlsTrustedCaFile;
    }

    /** Name checked in the server certificate: transport.tls.serverName, else serverAddr. */
    public String tlsServerName() {
        return tlsServerName;
    }

    /** False = send the 0x17 byte before the ClientHello, as frp before 0.50 did. */
    public boolean disableCustomTLSFirstByte() {
        return disableCustomTLSFirstByte;
    }

    public String logLevel() {
        return logLevel;
    }

    /** The proxies to start, in file order. */
    public List<ProxySettings> proxies() {
        return proxies;
    }

    /** The yamux settings block ({@code jfrp.mux}) for the mux module's {@code YamuxConfig.fromConfig}. */
    public Config mux() {
        return Settings.subtree(config, "jfrp.mux");
    }

    /** Every jfrp-only setting ({@code jfrp.*}). */
    public Config jfrp() {
        return jfrp;
    }

    /** The whole merged configuration. */
    public Config config() {
        return config;
    }

    @Override
    public String toString() {
        return "ClientSettings(server " + serverAddr + ":" + serverPort + ", user '" + user + "', tls " + tlsEnable
                + ", tcpMux " + tcpMux + ", " + proxies.size() + " proxies)";
    }
}
