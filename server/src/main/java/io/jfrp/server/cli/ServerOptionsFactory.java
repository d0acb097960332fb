package io.jfrp.server.cli;

import com.typesafe.config.Config;
import io.jfrp.config.AuthScope;
import io.jfrp.config.ServerSettings;
import io.jfrp.mux.YamuxConfig;
import io.jfrp.server.ServerOptions;
import io.jfrp.server.VhostOptions;

import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;

/**
 * Makes the {@link ServerOptions} jfrps runs with from its validated {@link ServerSettings}.
 *
 * <h3>Mapping</h3>
 * <ul>
 *   <li>{@code allowPorts} becomes {@link io.jfrp.config.PortRanges#allows} (every port when not set);</li>
 *   <li>the yamux settings are {@code jfrp.mux} ({@link YamuxConfig#fromConfig}) with frp's
 *       {@code transport.tcpMuxKeepaliveInterval} as the keepalive interval (a negative value turns
 *       keepalive off) and {@code jfrp.mux.keepalive-timeout} as the ping timeout;</li>
 *   <li>{@code transport.heartbeatTimeout} off becomes {@link Duration#ZERO}, which the server reads
 *       as off;</li>
 *   <li>{@code maxPortsPerClient} of zero or less is no limit, as in frp;</li>
 *   <li>the vhost keys ({@code vhostHTTPPort}, {@code vhostHTTPSPort}, {@code tcpmuxHTTPConnectPort},
 *       {@code subDomainHost}, {@code vhostHTTPTimeout}, {@code custom404Page}) become {@link VhostOptions};</li>
 *   <li>the self-signed certificate directory is {@code jfrp.selfSignedDir}, or {@code .jfrps-tls}
 *       next to the configuration file; a relative directory is taken from the file's directory.</li>
 * </ul>
 * TLS file paths stay as written: relative ones are relative to the working directory, as in frp.
 */
public final class ServerOptionsFactory {
    /** Directory of the self-signed certificate, next to the configuration file, when not configured. */
    public static final String DEFAULT_SELF_SIGNED_DIR = ".jfrps-tls";

    private ServerOptionsFactory() {
    }

    /**
     * @param configFile the file the settings came from; places the self-signed certificate directory
     * @throws IllegalArgumentException when a {@code jfrp.mux} value is out of its range
     */
    public static ServerOptions create(ServerSettings s, Path configFile) {
        return new ServerOptions(
                s.bindAddr(),
                s.bindPort(),
                s.proxyBindAddr(),
                s.token(),
                scopes(s.additionalScopes()),
                s.loginMaxSkew(),
                s.tlsForce(),
                s.tlsCertFile().orElse(null),
                s.tlsKeyFile().orElse(null),
                s.tlsTrustedCaFile().orElse(null),
                selfSignedDir(s.jfrp(), configFile),
                s.tcpMux(),
                mux(s.mux(), s.tcpMuxKeepaliveInterval()),
                s.maxPoolCount(),
                s.allowPorts()::allows,
                (int) Math.min(Math.max(s.maxPortsPerClient(), 0), Integer.MAX_VALUE),
                s.userConnTimeout(),
                s.heartbeatTimeout().orElse(Duration.ZERO),
                vhost(s));
    }

    /** vhostHTTPPort, vhostHTTPSPort, tcpmuxHTTPConnectPort and their settings. */
    static VhostOptions vhost(ServerSettings s) {
        return new VhostOptions(s.vhostHTTPPort(), s.vhostHTTPSPort(), s.tcpmuxHTTPConnectPort(),
                s.tcpmuxPassthrough(), s.subDomainHost(), s.vhostHTTPTimeout(), s.custom404Page().orElse(null));
    }

    /** {@code jfrp.mux} with frp's keepalive interval in place of {@code jfrp.mux.keepalive-interval}. */
    static YamuxConfig mux(Config block, Duration tcpMuxKeepaliveInterval) {
        YamuxConfig mux = io.jfrp.config.MuxConfigReader.read(block);
        Duration interval = tcpMuxKeepaliveInterval.isNegative() ? Duration.ZERO : tcpMuxKeepaliveInterval;
        return mux.withKeepalive(interval, mux.keepaliveTimeout());
    }

    static Path selfSignedDir(Config jfrp, Path configFile) {
        String configured = jfrp.hasPath("selfSignedDir") ? jfrp.getString("selfSignedDir").trim() : "";
        Path base = configFile.toAbsolutePath().normalize().getParent();
        return base.resolve(configured.isEmpty() ? DEFAULT_SELF_SIGNED_DIR : configured).normalize();
    }

    static Set<io.jfrp.protocol.auth.AuthScope> scopes(Set<AuthScope> scopes) {
        Set<io.jfrp.protocol.auth.AuthScope> out = EnumSet.noneOf(io.jfrp.protocol.auth.AuthScope.class);
        for (AuthScope s : scopes) {
            out.add(io.jfrp.protocol.auth.AuthScope.fromConfigName(s.frpName()));
        }
        return out;
    }
}
