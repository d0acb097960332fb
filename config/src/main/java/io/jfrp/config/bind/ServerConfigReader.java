package io.jfrp.config.bind;

import io.jfrp.config.schema.PortRangesReader;
import io.jfrp.config.schema.Values;
import com.typesafe.config.Config;
import io.jfrp.config.model.HttpPluginConfig;
import io.jfrp.config.model.PortRanges;
import io.jfrp.config.model.ServerConfig;
import io.jfrp.config.model.ServerPluginsConfig;
import io.jfrp.config.model.ServerTlsConfig;
import io.jfrp.config.model.ServerTransportConfig;
import io.jfrp.config.model.SshTunnelGatewayConfig;
import io.jfrp.config.model.VhostConfig;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static io.jfrp.config.bind.SettingReads.path;
import static io.jfrp.config.bind.SettingReads.string;

/**
 * Makes the {@link ServerConfig} of a validated, merged frps configuration (keys rooted as in
 * frps.toml, over the jfrps defaults).
 *
 * <h3>Derived values (as frp)</h3>
 * proxyBindAddr defaults to bindAddr; trustedCaFile implies tls.force; heartbeatTimeout is off with
 * tcpMux, else 90 s; maxPortsPerClient of zero or less is no limit. The self-signed certificate's
 * directory is {@code jfrp.selfSignedDir}, or {@code .jfrps-tls} next to the configuration file; a
 * relative one is taken from the file's directory. Without a file (frps's flags alone) there is none:
 * the certificate is made at start and kept in memory only, as frps keeps its own, rather than
 * written into whatever directory jfrps was started from. TLS file paths stay as written (relative
 * to the working directory, as in frp).
 */
public final class ServerConfigReader {
    /** Directory of the self-signed certificate, next to the configuration file, when not configured. */
    public static final String DEFAULT_SELF_SIGNED_DIR = ".jfrps-tls";

    private ServerConfigReader() {
    }

    /**
     * @param c          the validated configuration over the defaults
     * @param configFile the file it came from (places the self-signed certificate's directory), or null
     *                   for settings from the command line alone
     * @throws IllegalArgumentException when a {@code jfrp.mux} value is out of its range
     */
    public static ServerConfig read(Config c, Path configFile) {
        String bindAddr = c.getString("bindAddr");
        boolean tcpMux = c.getBoolean("transport.tcpMux");
        ServerTlsConfig tls = new ServerTlsConfig(c.getBoolean("transport.tls.force"),
                path(c, "transport.tls.certFile"), path(c, "transport.tls.keyFile"),
                path(c, "transport.tls.trustedCaFile"), selfSignedDir(c, configFile));
        PortRanges allowPorts = c.hasPath("allowPorts") ? PortRangesReader.fromConfig(c.getValue("allowPorts"))
                : PortRanges.UNRESTRICTED;
        long maxPorts = c.getLong("maxPortsPerClient");
        return new ServerConfig(bindAddr, c.getInt("bindPort"), string(c, "proxyBindAddr"), SettingReads.auth(c),
                Values.seconds(c, "jfrp.loginMaxSkew"), tls, tcpMux, SettingReads.mux(c),
                c.getInt("transport.maxPoolCount"),
                SettingReads.heartbeat(c, "transport.heartbeatTimeout", tcpMux, Duration.ofSeconds(90)), allowPorts,
                (int) Math.min(Math.max(maxPorts, 0), Integer.MAX_VALUE), Values.seconds(c, "userConnTimeout"),
                vhost(c), SettingReads.log(c), SettingReads.webServer(c),
                SettingReads.bool(c, "enablePrometheus", false), c.getInt("udpPacketSize"),
                new ServerTransportConfig(c.getInt("kcpBindPort"), c.getInt("quicBindPort"), SettingReads.quic(c)),
                SecurityConfigReader.read(c), httpPlugins(c), sshTunnelGateway(c),
                c.getInt("natholeAnalysisDataReserveHours"));
    }

    /** httpPlugins, in file order, and jfrp.httpPluginTimeout. */
    private static ServerPluginsConfig httpPlugins(Config c) {
        List<HttpPluginConfig> plugins = new ArrayList<>();
        if (c.hasPath("httpPlugins")) {
            for (Config p : c.getConfigList("httpPlugins")) {
                boolean verify = p.hasPath("tlsVerify") ? p.getBoolean("tlsVerify")
                        : p.hasPath("tls_verify") && p.getBoolean("tls_verify");
                plugins.add(new HttpPluginConfig(string(p, "name"), string(p, "addr"), string(p, "path"),
                        p.hasPath("ops") ? p.getStringList("ops") : List.of(), verify));
            }
        }
        return new ServerPluginsConfig(plugins, Values.seconds(c, "jfrp.httpPluginTimeout"));
    }

    /** sshTunnelGateway. */
    private static SshTunnelGatewayConfig sshTunnelGateway(Config c) {
        return new SshTunnelGatewayConfig(c.getInt("sshTunnelGateway.bindPort"), path(c, "sshTunnelGateway.privateKeyFile"),
                path(c, "sshTunnelGateway.autoGenPrivateKeyPath"), path(c, "sshTunnelGateway.authorizedKeysFile"));
    }

    /** vhostHTTPPort, vhostHTTPSPort, tcpmuxHTTPConnectPort and their settings. */
    private static VhostConfig vhost(Config c) {
        return new VhostConfig(c.getInt("vhostHTTPPort"), c.getInt("vhostHTTPSPort"), c.getInt("tcpmuxHTTPConnectPort"),
                c.getBoolean("tcpmuxPassthrough"), c.getString("subDomainHost"), Values.seconds(c, "vhostHTTPTimeout"),
                path(c, "custom404Page"));
    }

    static Path selfSignedDir(Config c, Path configFile) {
        String configured = string(c, "jfrp.selfSignedDir").trim();
        if (configFile == null) { // no file to keep it next to: made at start, in memory only, as frps does
            return configured.isEmpty() ? null : Path.of(configured).toAbsolutePath().normalize();
        }
        Path base = configFile.toAbsolutePath().normalize().getParent();
        return base.resolve(configured.isEmpty() ? DEFAULT_SELF_SIGNED_DIR : configured).normalize();
    }
}
