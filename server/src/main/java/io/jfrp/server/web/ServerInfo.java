package io.jfrp.server.web;

import io.jfrp.config.model.ServerConfig;
import io.jfrp.protocol.FrpVersion;

import java.util.Objects;

/**
 * The configuration half of frps' {@code /api/serverinfo} (and of the v2 system info), filled by
 * the server from its configuration; the statistics half comes from
 * {@link io.jfrp.server.monitor.ServerStatistics}. Ports are 0 when unset.
 *
 * @param version               the version string reported to clients and the dashboard
 * @param bindPort              {@code bindPort}
 * @param vhostHTTPPort         {@code vhostHTTPPort}
 * @param vhostHTTPSPort        {@code vhostHTTPSPort}
 * @param tcpmuxHTTPConnectPort {@code tcpmuxHTTPConnectPort}
 * @param kcpBindPort           {@code kcpBindPort}
 * @param quicBindPort          {@code quicBindPort}
 * @param subdomainHost         {@code subDomainHost}
 * @param maxPoolCount          {@code transport.maxPoolCount}
 * @param maxPortsPerClient     {@code maxPortsPerClient}
 * @param heartbeatTimeout      {@code transport.heartbeatTimeout} in seconds
 * @param allowPortsStr         {@code allowPorts} written as frp writes ranges ({@code "1000-2000,3000"}), "" for any
 * @param tlsForce              {@code transport.tls.force}
 */
public record ServerInfo(String version, int bindPort, int vhostHTTPPort, int vhostHTTPSPort, int tcpmuxHTTPConnectPort,
                         int kcpBindPort, int quicBindPort, String subdomainHost, long maxPoolCount,
                         long maxPortsPerClient, long heartbeatTimeout, String allowPortsStr, boolean tlsForce) {
    public ServerInfo {
        Objects.requireNonNull(version, "version");
        subdomainHost = Objects.requireNonNullElse(subdomainHost, "");
        allowPortsStr = Objects.requireNonNullElse(allowPortsStr, "");
    }

    /**
     * The server info of jfrps running {@code config} with bindPort bound to {@code bindPort}: the
     * frp version it speaks, the ports as configured, heartbeatTimeout in seconds as frp shows it
     * (-1 when off, frp's value with tcpMux).
     */
    public static ServerInfo of(ServerConfig config, int bindPort) {
        long heartbeat = config.heartbeatTimeout().isZero() ? -1 : config.heartbeatTimeout().toSeconds();
        return new ServerInfo(FrpVersion.SPOKEN, bindPort, config.vhost().httpPort(), config.vhost().httpsPort(),
                config.vhost().tcpmuxHttpConnectPort(), 0, 0, config.vhost().subDomainHost(), config.maxPoolCount(),
                config.maxPortsPerClient(), heartbeat, config.allowPorts().toString(), config.tls().force());
    }
}
