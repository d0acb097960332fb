package io.jfrp.config.model;

import io.jfrp.config.model.proxy.ProxyConfig;
import io.jfrp.config.model.visitor.VisitorConfig;
import io.jfrp.mux.YamuxConfig;
import io.soabase.recordbuilder.core.RecordBuilder;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What jfrpc runs with: frpc's settings as jfrp implements them, typed, with frp's defaults and
 * derived values applied (heartbeats off with tcpMux, else 30 s / 90 s; the TLS server name is
 * serverAddr unless set). Made from a validated configuration file ({@code LoadedConfig.clientConfig()}),
 * or by tests from {@link #loopback} and the withers. A {@code withX} for every component, {@code with(b -> ...)}
 * for several at once and {@link ClientConfigBuilder} are generated from the record (record-builder); the
 * withers written here are those that change more than one component or keep a rule.
 *
 * @param serverAddr        the server's host or address
 * @param serverPort        its bindPort
 * @param user              prefixes proxy names on the wire ({@code user.name}); empty = none
 * @param auth              auth.token and auth.additionalScopes
 * @param loginFailExit     stop when the first login fails, else keep retrying
 * @param tcpMux            transport.tcpMux
 * @param mux               the yamux settings (jfrp.mux, with transport.tcpMuxKeepaliveInterval)
 * @param poolCount         transport.poolCount: work connections opened ahead of need
 * @param heartbeatInterval transport.heartbeatInterval (off by default with tcpMux); zero = off
 * @param heartbeatTimeout  transport.heartbeatTimeout; zero = off
 * @param dialServerTimeout transport.dialServerTimeout, also used toward the local services
 * @param tls               transport.tls
 * @param log               log.to, log.level, log.maxDays, log.disablePrintColor
 * @param proxies           the proxies to start, in file order (enabled, and named by {@code start} if
 *                          it is set)
 * @param visitors          the visitors to start, likewise
 * @param webServer         webServer.*: the admin API ({@link WebServerSettings#DISABLED}: none)
 * @param storePath         store.path: the file of proxies and visitors made through the admin API;
 *                          empty = no store
 * @param udpPacketSize     udpPacketSize: bytes read of each datagram from a udp/sudp proxy's local
 *                          service or an sudp visitor's users (longer ones are cut, as frp does)
 * @param udpIdleTimeout    jfrp.udpIdleTimeout: a udp/sudp proxy's socket to its service for one user
 *                          closes after this long without traffic (frpc: 30 s)
 * @param transport         transport.protocol, wireProtocol, proxyURL and quic
 * @param metadatas         metadatas: sent in Login (server plugins read them)
 * @param natHoleStunServer natHoleStunServer: the STUN server xtcp discovers its NAT with ({@code host:port})
 * @param servers           the servers to connect to, each with every proxy: jfrp.servers, else the
 *                          one {@code serverAddr:serverPort} (docs/multi-server.md); never empty
 * @param clientId          clientID: this frpc's stable identity, sent in Login ({@code client_id}); the
 *                          server's dashboard lists clients by it; empty = none (frps then uses the run id)
 */
@RecordBuilder
public record ClientConfig(String serverAddr, int serverPort, String user, AuthConfig auth, boolean loginFailExit,
                           boolean tcpMux, YamuxConfig mux, int poolCount, Duration heartbeatInterval,
                           Duration heartbeatTimeout, Duration dialServerTimeout, ClientTlsConfig tls, LogSettings log,
                           List<ProxyConfig> proxies, List<VisitorConfig> visitors, WebServerSettings webServer,
                           String storePath, int udpPacketSize, Duration udpIdleTimeout, ClientTransportConfig transport,
                           Map<String, String> metadatas,
                           String natHoleStunServer, List<ServerAddress> servers, String clientId)
        implements ClientConfigBuilder.With {
    /** frp's natHoleStunServer default. */
    public static final String DEFAULT_STUN_SERVER = "stun.easyvoip.com:3478";

    public ClientConfig {
        Objects.requireNonNull(serverAddr, "serverAddr");
        Fields.port(serverPort, "serverPort");
        user = Fields.text(user);
        auth = auth == null ? AuthConfig.token("") : auth;
        Objects.requireNonNull(mux, "mux");
        heartbeatInterval = heartbeatInterval == null || heartbeatInterval.isNegative() ? Duration.ZERO : heartbeatInterval;
        heartbeatTimeout = heartbeatTimeout == null || heartbeatTimeout.isNegative() ? Duration.ZERO : heartbeatTimeout;
        Objects.requireNonNull(dialServerTimeout, "dialServerTimeout");
        tls = tls == null ? ClientTlsConfig.DEFAULT : tls;
        log = log == null ? LogSettings.DEFAULT : log;
        proxies = Fields.list(proxies);
        visitors = Fields.list(visitors);
        udpPacketSize = Fields.udpPacketSize(udpPacketSize);
        udpIdleTimeout = udpIdleTimeout == null || udpIdleTimeout.compareTo(Duration.ofSeconds(1)) < 0
                ? Duration.ofSeconds(30) : udpIdleTimeout;
        webServer = webServer == null ? WebServerSettings.DISABLED : webServer;
        storePath = Fields.text(storePath);
        transport = transport == null ? ClientTransportConfig.DEFAULT : transport;
        metadatas = Fields.map(metadatas);
        natHoleStunServer = natHoleStunServer == null || natHoleStunServer.isEmpty() ? DEFAULT_STUN_SERVER
                : natHoleStunServer;
        servers = servers == null || servers.isEmpty()
                ? List.of(new ServerAddress(serverAddr, serverPort, tls.serverName())) : List.copyOf(servers);
        clientId = Fields.text(clientId);
    }

    /** One server, {@code serverAddr:serverPort}, as stock frpc has it. */
    public ClientConfig(String serverAddr, int serverPort, String user, AuthConfig auth, boolean loginFailExit,
                        boolean tcpMux, YamuxConfig mux, int poolCount, Duration heartbeatInterval,
                        Duration heartbeatTimeout, Duration dialServerTimeout, ClientTlsConfig tls, LogSettings log,
                        List<ProxyConfig> proxies, List<VisitorConfig> visitors, WebServerSettings webServer,
                        String storePath, int udpPacketSize, Duration udpIdleTimeout, ClientTransportConfig transport,
                        Map<String, String> metadatas, String natHoleStunServer) {
        this(serverAddr, serverPort, user, auth, loginFailExit, tcpMux, mux, poolCount, heartbeatInterval,
                heartbeatTimeout, dialServerTimeout, tls, log, proxies, visitors, webServer, storePath, udpPacketSize,
                udpIdleTimeout, transport, metadatas, natHoleStunServer, List.of(), "");
    }

    /** log.level. */
    public String logLevel() {
        return log.level();
    }

    /** frp's defaults toward a server on loopback, with a token and proxies. */
    public static ClientConfig loopback(int serverPort, String token, List<? extends ProxyConfig> proxies) {
        return new ClientConfig("127.0.0.1", serverPort, "", AuthConfig.token(token), true, true, YamuxConfig.defaults(),
                1, Duration.ofSeconds(30), Duration.ofSeconds(90), Duration.ofSeconds(10), ClientTlsConfig.DEFAULT,
                LogSettings.DEFAULT, List.copyOf(proxies), List.of(), WebServerSettings.DISABLED, "",
                Fields.DEFAULT_UDP_PACKET_SIZE, Duration.ofSeconds(30), ClientTransportConfig.DEFAULT, Map.of(),
                DEFAULT_STUN_SERVER);
    }

    /** The name of a proxy on the wire: {@code user.name} when a user is set. */
    public String wireName(String proxyName) {
        return user.isEmpty() ? proxyName : user + "." + proxyName;
    }

    /** transport.tls.enable, certFile, keyFile, trustedCaFile and serverName (0x17 byte setting unchanged). */
    public ClientConfig withTls(boolean enable, Path certFile, Path keyFile, Path trustedCaFile, String serverName) {
        return withTls(new ClientTlsConfig(enable, certFile, keyFile, trustedCaFile, serverName,
                tls.disableCustomTLSFirstByte()));
    }

    /** transport.tls.disableCustomTLSFirstByte = !send (the rest of transport.tls unchanged). */
    public ClientConfig withCustomTlsFirstByte(boolean send) {
        return withTls(new ClientTlsConfig(tls.enable(), tls.certFile(), tls.keyFile(), tls.trustedCaFile(),
                tls.serverName(), !send));
    }

    /** auth.token (the additional scopes unchanged). */
    public ClientConfig withToken(String v) {
        return withAuth(new AuthConfig(v, auth.additionalScopes()));
    }

    /** Several servers at once (jfrp.servers); serverAddr and serverPort become the first one's. */
    @Override
    public ClientConfig withServers(List<ServerAddress> v) {
        return with(b -> b.servers(List.copyOf(v)).serverAddr(v.get(0).host()).serverPort(v.get(0).port()));
    }

    /**
     * This configuration toward {@code server} alone: serverAddr, serverPort and the TLS server name
     * are the server's; what one connection of a several-server client runs with.
     */
    public ClientConfig forServer(ServerAddress server) {
        return with(b -> b.serverAddr(server.host()).serverPort(server.port())
                .tls(new ClientTlsConfig(tls.enable(), tls.certFile(), tls.keyFile(), tls.trustedCaFile(),
                        server.tlsServerName(), tls.disableCustomTLSFirstByte()))
                .servers(List.of(server)));
    }

    /** transport.heartbeatInterval and heartbeatTimeout (zero = off). */
    public ClientConfig withHeartbeat(Duration interval, Duration timeout) {
        return with(b -> b.heartbeatInterval(interval).heartbeatTimeout(timeout));
    }
}
