package io.jfrp.server;

import io.jfrp.mux.YamuxConfig;
import io.jfrp.protocol.auth.AuthScope;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.function.IntPredicate;

/**
 * What a {@link FrpServer} runs with: the validated settings of jfrps in the form the server uses
 * (made from a configuration file by the CLI, or directly by tests).
 *
 * @param bindAddr            address of the client-facing listener (bindAddr)
 * @param bindPort            port of the client-facing listener (bindPort; 0 picks a free one)
 * @param proxyBindAddr       address public proxy listeners bind to (proxyBindAddr)
 * @param token               auth.token
 * @param additionalScopes    auth.additionalScopes: also check keys on Ping / NewWorkConn
 * @param loginMaxSkew        how far a Login's timestamp may be from our clock (replay defence)
 * @param tlsForce            transport.tls.force: refuse plain connections
 * @param tlsCertFile         transport.tls.certFile, or null to use a self-signed certificate
 * @param tlsKeyFile          transport.tls.keyFile
 * @param tlsTrustedCaFile    transport.tls.trustedCaFile: require client certificates from this CA
 * @param selfSignedDir       where the self-signed certificate is kept between starts
 * @param tcpMux              transport.tcpMux: every connection carries a yamux session
 * @param mux                 the yamux settings
 * @param maxPoolCount        transport.maxPoolCount
 * @param allowPorts          allowPorts as a predicate (always true when unrestricted)
 * @param maxPortsPerClient   maxPortsPerClient (0 = no limit)
 * @param userConnTimeout     userConnTimeout: how long a public connection waits for a work connection
 * @param heartbeatTimeout    transport.heartbeatTimeout for clients without tcpMux (zero or less: off)
 * @param vhost               the http / https / tcpmux listeners ({@link VhostOptions#OFF}: none)
 */
public record ServerOptions(
        String bindAddr,
        int bindPort,
        String proxyBindAddr,
        String token,
        Set<AuthScope> additionalScopes,
        Duration loginMaxSkew,
        boolean tlsForce,
        Path tlsCertFile,
        Path tlsKeyFile,
        Path tlsTrustedCaFile,
        Path selfSignedDir,
        boolean tcpMux,
        YamuxConfig mux,
        int maxPoolCount,
        IntPredicate allowPorts,
        int maxPortsPerClient,
        Duration userConnTimeout,
        Duration heartbeatTimeout,
        VhostOptions vhost) {

    public ServerOptions {
        Objects.requireNonNull(bindAddr, "bindAddr");
        Objects.requireNonNull(proxyBindAddr, "proxyBindAddr");
        token = token == null ? "" : token;
        additionalScopes = Set.copyOf(additionalScopes);
        Objects.requireNonNull(loginMaxSkew, "loginMaxSkew");
        Objects.requireNonNull(mux, "mux");
        Objects.requireNonNull(allowPorts, "allowPorts");
        Objects.requireNonNull(userConnTimeout, "userConnTimeout");
        Objects.requireNonNull(heartbeatTimeout, "heartbeatTimeout");
        vhost = vhost == null ? VhostOptions.OFF : vhost;
    }

    /** Without vhost listeners (the form from before they existed). */
    public ServerOptions(String bindAddr, int bindPort, String proxyBindAddr, String token,
                         Set<AuthScope> additionalScopes, Duration loginMaxSkew, boolean tlsForce, Path tlsCertFile,
                         Path tlsKeyFile, Path tlsTrustedCaFile, Path selfSignedDir, boolean tcpMux, YamuxConfig mux,
                         int maxPoolCount, IntPredicate allowPorts, int maxPortsPerClient, Duration userConnTimeout,
                         Duration heartbeatTimeout) {
        this(bindAddr, bindPort, proxyBindAddr, token, additionalScopes, loginMaxSkew, tlsForce, tlsCertFile,
                tlsKeyFile, tlsTrustedCaFile, selfSignedDir, tcpMux, mux, maxPoolCount, allowPorts, maxPortsPerClient,
                userConnTimeout, heartbeatTimeout, VhostOptions.OFF);
    }

    /** frp's defaults on loopback with a token: what tests start from. */
    public static ServerOptions loopback(String token, Path selfSignedDir) {
        return new ServerOptions("127.0.0.1", 0, "127.0.0.1", token, Set.of(), Duration.ofMinutes(15), false,
                null, null, null, selfSignedDir, true, YamuxConfig.defaults(), 5, p -> true, 0,
                Duration.ofSeconds(10), Duration.ofSeconds(90));
    }

    public ServerOptions withTcpMux(boolean v) {
        return new ServerOptions(bindAddr, bindPort, proxyBindAddr, token, additionalScopes, loginMaxSkew, tlsForce,
                tlsCertFile, tlsKeyFile, tlsTrustedCaFile, selfSignedDir, v, mux, maxPoolCount, allowPorts,
                maxPortsPerClient, userConnTimeout, heartbeatTimeout, vhost);
    }

    public ServerOptions withTls(boolean force, Path certFile, Path keyFile, Path trustedCaFile) {
        return new ServerOptions(bindAddr, bindPort, proxyBindAddr, token, additionalScopes, loginMaxSkew, force,
                certFile, keyFile, trustedCaFile, selfSignedDir, tcpMux, mux, maxPoolCount, allowPorts,
                maxPortsPerClient, userConnTimeout, heartbeatTimeout, vhost);
    }

    public ServerOptions withPorts(IntPredicate allow, int maxPerClient) {
        return new ServerOptions(bindAddr, bindPort, proxyBindAddr, token, additionalScopes, loginMaxSkew, tlsForce,
                tlsCertFile, tlsKeyFile, tlsTrustedCaFile, selfSignedDir, tcpMux, mux, maxPoolCount, allow,
                maxPerClient, userConnTimeout, heartbeatTimeout, vhost);
    }

    public ServerOptions withBindPort(int port) {
        return new ServerOptions(bindAddr, port, proxyBindAddr, token, additionalScopes, loginMaxSkew, tlsForce,
                tlsCertFile, tlsKeyFile, tlsTrustedCaFile, selfSignedDir, tcpMux, mux, maxPoolCount, allowPorts,
                maxPortsPerClient, userConnTimeout, heartbeatTimeout, vhost);
    }

    public ServerOptions withVhost(VhostOptions v) {
        return new ServerOptions(bindAddr, bindPort, proxyBindAddr, token, additionalScopes, loginMaxSkew, tlsForce,
                tlsCertFile, tlsKeyFile, tlsTrustedCaFile, selfSignedDir, tcpMux, mux, maxPoolCount, allowPorts,
                maxPortsPerClient, userConnTimeout, heartbeatTimeout, v);
    }

    public ServerOptions withUserConnTimeout(Duration timeout) {
        return new ServerOptions(bindAddr, bindPort, proxyBindAddr, token, additionalScopes, loginMaxSkew, tlsForce,
                tlsCertFile, tlsKeyFile, tlsTrustedCaFile, selfSignedDir, tcpMux, mux, maxPoolCount, allowPorts,
                maxPortsPerClient, timeout, heartbeatTimeout, vhost);
    }
}
