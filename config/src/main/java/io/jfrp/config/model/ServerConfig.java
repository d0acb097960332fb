package io.jfrp.config.model;

import io.jfrp.mux.YamuxConfig;
import io.soabase.recordbuilder.core.RecordBuilder;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * What jfrps runs with: frps' settings as jfrp implements them, typed, with frp's defaults and
 * derived values applied (proxyBindAddr defaults to bindAddr, trustedCaFile implies tls.force,
 * heartbeatTimeout is off with tcpMux). Made from a validated configuration file
 * ({@code LoadedConfig.serverConfig()}), or by tests from {@link #loopback} and the withers. A {@code withX}
 * for every component, {@code with(b -> ...)} for several at once and {@link ServerConfigBuilder} are
 * generated from the record (record-builder); the withers written here change more than one component.
 *
 * @param bindAddr          address of the client-facing listener
 * @param bindPort          port of the client-facing listener (0 picks a free one)
 * @param proxyBindAddr     address public proxy listeners bind to
 * @param auth              auth.token and auth.additionalScopes
 * @param loginMaxSkew      jfrp.loginMaxSkew: how far a Login's timestamp may be from our clock (replay
 *                          defence); zero = no check (stock frps)
 * @param tls               transport.tls and the self-signed certificate's directory
 * @param tcpMux            transport.tcpMux: every client connection carries a yamux session
 * @param mux               the yamux settings (jfrp.mux, with transport.tcpMuxKeepaliveInterval)
 * @param maxPoolCount      transport.maxPoolCount: most work connections a client keeps ready
 * @param heartbeatTimeout  transport.heartbeatTimeout for clients without tcpMux; zero = off
 * @param allowPorts        allowPorts ({@link PortRanges#UNRESTRICTED} when not set)
 * @param maxPortsPerClient maxPortsPerClient; 0 = no limit
 * @param userConnTimeout   userConnTimeout: how long a public connection waits for a work connection
 * @param vhost             the http / https / tcpmux listeners ({@link VhostConfig#OFF}: none)
 * @param log               log.to, log.level, log.maxDays, log.disablePrintColor
 * @param webServer         webServer.*: the dashboard API, /metrics and the dashboard ({@link
 *                          WebServerSettings#DISABLED}: none, and no statistics)
 * @param enablePrometheus  enablePrometheus: serve /metrics on the web server
 * @param udpPacketSize     udpPacketSize: bytes read of each datagram on a udp proxy's public port
 *                          (longer ones are cut, as frp does)
 * @param transport         kcpBindPort, quicBindPort and transport.quic
 * @param security          jfrp.security and jfrp.users: the defences against hostile peers
 * @param httpPlugins       httpPlugins and jfrp.httpPluginTimeout
 * @param sshTunnelGateway  sshTunnelGateway ({@link SshTunnelGatewayConfig#OFF}: off)
 * @param natholeAnalysisDataReserveHours natholeAnalysisDataReserveHours: how long xtcp's punch scores
 *                          per NAT pair are kept (frp: 168)
 */
@RecordBuilder
public record ServerConfig(String bindAddr, int bindPort, String proxyBindAddr, AuthConfig auth,
                           Duration loginMaxSkew, ServerTlsConfig tls, boolean tcpMux, YamuxConfig mux,
                           int maxPoolCount, Duration heartbeatTimeout, PortRanges allowPorts,
                           int maxPortsPerClient, Duration userConnTimeout, VhostConfig vhost, LogSettings log,
                           WebServerSettings webServer, boolean enablePrometheus, int udpPacketSize,
                           ServerTransportConfig transport, SecurityConfig security,
                           ServerPluginsConfig httpPlugins, SshTunnelGatewayConfig sshTunnelGateway,
                           int natholeAnalysisDataReserveHours) implements ServerConfigBuilder.With {
    public ServerConfig {
        Objects.requireNonNull(bindAddr, "bindAddr");
        Fields.port(bindPort, "bindPort");
        proxyBindAddr = proxyBindAddr == null || proxyBindAddr.isEmpty() ? bindAddr : proxyBindAddr;
        auth = auth == null ? AuthConfig.token("") : auth;
        Objects.requireNonNull(loginMaxSkew, "loginMaxSkew");
        Objects.requireNonNull(tls, "tls");
        Objects.requireNonNull(mux, "mux");
        heartbeatTimeout = heartbeatTimeout == null || heartbeatTimeout.isNegative() ? Duration.ZERO : heartbeatTimeout;
        allowPorts = allowPorts == null ? PortRanges.UNRESTRICTED : allowPorts;
        maxPortsPerClient = Math.max(maxPortsPerClient, 0);
        Objects.requireNonNull(userConnTimeout, "userConnTimeout");
        vhost = vhost == null ? VhostConfig.OFF : vhost;
        log = log == null ? LogSettings.DEFAULT : log;
        webServer = webServer == null ? WebServerSettings.DISABLED : webServer;
        transport = transport == null ? ServerTransportConfig.DEFAULT : transport;
        udpPacketSize = Fields.udpPacketSize(udpPacketSize);
        security = security == null ? SecurityConfig.DEFAULTS : security;
        httpPlugins = httpPlugins == null ? ServerPluginsConfig.NONE : httpPlugins;
        sshTunnelGateway = sshTunnelGateway == null ? SshTunnelGatewayConfig.OFF : sshTunnelGateway;
        natholeAnalysisDataReserveHours = natholeAnalysisDataReserveHours <= 0 ? 168 : natholeAnalysisDataReserveHours;
    }

    /** log.level. */
    public String logLevel() {
        return log.level();
    }

    /** frp's defaults on loopback with a token, a free bindPort, and the self-signed certificate in a directory. */
    public static ServerConfig loopback(String token, Path selfSignedDir) {
        return new ServerConfig("127.0.0.1", 0, "127.0.0.1", AuthConfig.token(token), Duration.ofMinutes(15),
                new ServerTlsConfig(false, null, null, null, selfSignedDir), true, YamuxConfig.defaults(), 5,
                Duration.ofSeconds(90), PortRanges.UNRESTRICTED, 0, Duration.ofSeconds(10), VhostConfig.OFF,
                LogSettings.DEFAULT, WebServerSettings.DISABLED, false, Fields.DEFAULT_UDP_PACKET_SIZE,
                ServerTransportConfig.DEFAULT, SecurityConfig.DEFAULTS, ServerPluginsConfig.NONE,
                SshTunnelGatewayConfig.OFF, 168);
    }

    /** transport.tls.force, certFile, keyFile and trustedCaFile (the self-signed directory unchanged). */
    public ServerConfig withTls(boolean force, Path certFile, Path keyFile, Path trustedCaFile) {
        return withTls(new ServerTlsConfig(force, certFile, keyFile, trustedCaFile, tls.selfSignedDir()));
    }

    /** allowPorts and maxPortsPerClient. */
    public ServerConfig withPorts(PortRanges allow, int maxPerClient) {
        return with(b -> b.allowPorts(allow).maxPortsPerClient(maxPerClient));
    }

    /** The security settings changed by {@code change} (tests: {@code c.withSecurity(s -> s.withPreAuth(...))}). */
    public ServerConfig withSecurity(UnaryOperator<SecurityConfig> change) {
        return withSecurity(change.apply(security));
    }

    /** webServer.* and enablePrometheus. */
    public ServerConfig withWebServer(WebServerSettings v, boolean prometheus) {
        return with(b -> b.webServer(v).enablePrometheus(prometheus));
    }
}
