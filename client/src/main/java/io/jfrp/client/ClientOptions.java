package io.jfrp.client;

import io.jfrp.mux.YamuxConfig;
import io.jfrp.protocol.auth.AuthScope;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What a {@link FrpClient} runs with: jfrpc's validated settings in the form the client uses (made
 * from a configuration file by the CLI, or directly by tests).
 *
 * @param serverAddr                serverAddr
 * @param serverPort                serverPort
 * @param user                      user: prefixes proxy names on the wire ({@code user.name})
 * @param token                     auth.token
 * @param additionalScopes          auth.additionalScopes: also sign Ping / NewWorkConn
 * @param loginFailExit             loginFailExit: stop when the first login fails
 * @param tcpMux                    transport.tcpMux
 * @param mux                       yamux settings
 * @param poolCount                 transport.poolCount: work connections opened ahead of need
 * @param heartbeatInterval         transport.heartbeatInterval (without tcpMux; zero or less: off)
 * @param heartbeatTimeout          transport.heartbeatTimeout
 * @param dialTimeout               transport.dialServerTimeout, also used for local services
 * @param tls                       transport.tls.enable
 * @param tlsCertFile               transport.tls.certFile (mutual TLS), or null
 * @param tlsKeyFile                transport.tls.keyFile, or null
 * @param tlsTrustedCaFile          transport.tls.trustedCaFile: verify the server, or null (no check)
 * @param tlsServerName             transport.tls.serverName, or null for serverAddr
 * @param disableCustomTlsFirstByte transport.tls.disableCustomTLSFirstByte: false sends 0x17 first
 * @param proxies                   the proxies to start
 */
public record ClientOptions(
        String serverAddr,
        int serverPort,
        String user,
        String token,
        Set<AuthScope> additionalScopes,
        boolean loginFailExit,
        boolean tcpMux,
        YamuxConfig mux,
        int poolCount,
        Duration heartbeatInterval,
        Duration heartbeatTimeout,
        Duration dialTimeout,
        boolean tls,
        Path tlsCertFile,
        Path tlsKeyFile,
        Path tlsTrustedCaFile,
        String tlsServerName,
        boolean disableCustomTlsFirstByte,
        List<ProxyOptions> proxies) {

    public ClientOptions {
        Objects.requireNonNull(serverAddr, "serverAddr");
        user = user == null ? "" : user;
        token = token == null ? "" : token;
        additionalScopes = Set.copyOf(additionalScopes);
        Objects.requireNonNull(mux, "mux");
        Objects.requireNonNull(heartbeatInterval, "heartbeatInterval");
        Objects.requireNonNull(heartbeatTimeout, "heartbeatTimeout");
        Objects.requireNonNull(dialTimeout, "dialTimeout");
        proxies = List.copyOf(proxies);
    }

    /** frp's defaults toward a server on loopback: what tests start from. */
    public static ClientOptions loopback(int serverPort, String token, List<ProxyOptions> proxies) {
        return new ClientOptions("127.0.0.1", serverPort, "", token, Set.of(), true, true, YamuxConfig.defaults(), 1,
                Duration.ofSeconds(30), Duration.ofSeconds(90), Duration.ofSeconds(10), true, null, null, null, null,
                true, proxies);
    }

    public ClientOptions withTcpMux(boolean v) {
        return new ClientOptions(serverAddr, serverPort, user, token, additionalScopes, loginFailExit, v, mux,
                poolCount, heartbeatInterval, heartbeatTimeout, dialTimeout, tls, tlsCertFile, tlsKeyFile,
                tlsTrustedCaFile, tlsServerName, disableCustomTlsFirstByte, proxies);
    }

    public ClientOptions withTls(boolean enable, Path certFile, Path keyFile, Path trustedCaFile, String serverName) {
        return new ClientOptions(serverAddr, serverPort, user, token, additionalScopes, loginFailExit, tcpMux, mux,
                poolCount, heartbeatInterval, heartbeatTimeout, dialTimeout, enable, certFile, keyFile,
                trustedCaFile, serverName, disableCustomTlsFirstByte, proxies);
    }

    public ClientOptions withLoginFailExit(boolean v) {
        return new ClientOptions(serverAddr, serverPort, user, token, additionalScopes, v, tcpMux, mux,
                poolCount, heartbeatInterval, heartbeatTimeout, dialTimeout, tls, tlsCertFile, tlsKeyFile,
                tlsTrustedCaFile, tlsServerName, disableCustomTlsFirstByte, proxies);
    }

    public ClientOptions withPoolCount(int v) {
        return new ClientOptions(serverAddr, serverPort, user, token, additionalScopes, loginFailExit, tcpMux, mux,
                v, heartbeatInterval, heartbeatTimeout, dialTimeout, tls, tlsCertFile, tlsKeyFile,
                tlsTrustedCaFile, tlsServerName, disableCustomTlsFirstByte, proxies);
    }

    public ClientOptions withToken(String v) {
        return new ClientOptions(serverAddr, serverPort, user, v, additionalScopes, loginFailExit, tcpMux, mux,
                poolCount, heartbeatInterval, heartbeatTimeout, dialTimeout, tls, tlsCertFile, tlsKeyFile,
                tlsTrustedCaFile, tlsServerName, disableCustomTlsFirstByte, proxies);
    }

    /** The name a proxy has on the wire: {@code user.name} when a user is set. */
    public String wireName(String proxyName) {
        return user.isEmpty() ? proxyName : user + "." + proxyName;
    }
}
