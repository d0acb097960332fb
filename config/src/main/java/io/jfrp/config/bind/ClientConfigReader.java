package io.jfrp.config.bind;

import io.jfrp.config.schema.Values;
import com.typesafe.config.Config;
import io.jfrp.config.model.ClientConfig;
import io.jfrp.config.model.ClientTlsConfig;
import io.jfrp.config.model.proxy.ProxyConfig;
import io.jfrp.config.model.visitor.VisitorConfig;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static io.jfrp.config.bind.SettingReads.path;
import static io.jfrp.config.bind.SettingReads.string;
import static io.jfrp.config.bind.SettingReads.strings;

/**
 * Makes the {@link ClientConfig} of a validated, merged frpc configuration (keys rooted as in
 * frpc.toml, over the jfrpc defaults).
 *
 * <h3>Derived values (as frp)</h3>
 * heartbeatInterval / heartbeatTimeout are off with tcpMux, else 30 s / 90 s (negative = off); the TLS
 * server name is transport.tls.serverName, else serverAddr. Proxies and visitors with
 * {@code enabled = false}, or left out of a non-empty {@code start} list, are not in the result.
 */
public final class ClientConfigReader {
    private ClientConfigReader() {
    }

    /** @throws IllegalArgumentException when a {@code jfrp.mux} value is out of its range */
    public static ClientConfig read(Config c) {
        String serverAddr = c.getString("serverAddr");
        boolean tcpMux = c.getBoolean("transport.tcpMux");
        String serverName = string(c, "transport.tls.serverName");
        ClientTlsConfig tls = new ClientTlsConfig(c.getBoolean("transport.tls.enable"),
                path(c, "transport.tls.certFile"), path(c, "transport.tls.keyFile"),
                path(c, "transport.tls.trustedCaFile"), serverName.isEmpty() ? serverAddr : serverName,
                c.getBoolean("transport.tls.disableCustomTLSFirstByte"));
        List<String> start = strings(c, "start");
        Config proxyDefaults = c.getConfig("proxyDefaults");
        List<ProxyConfig> proxies = new ArrayList<>();
        for (Config p : tables(c, "proxies")) {
            ProxyConfig proxy = ProxyConfigReader.read(p, proxyDefaults);
            if (proxy.base().enabled() && (start.isEmpty() || start.contains(proxy.name()))) {
                proxies.add(proxy);
            }
        }
        List<VisitorConfig> visitors = new ArrayList<>();
        for (Config v : tables(c, "visitors")) {
            VisitorConfig visitor = ProxyConfigReader.readVisitor(v);
            if (visitor.base().enabled() && (start.isEmpty() || start.contains(visitor.name()))) {
                visitors.add(visitor);
            }
        }
        return new ClientConfig(serverAddr, c.getInt("serverPort"), c.getString("user"), SettingReads.auth(c),
                c.getBoolean("loginFailExit"), tcpMux, SettingReads.mux(c), c.getInt("transport.poolCount"),
                SettingReads.heartbeat(c, "transport.heartbeatInterval", tcpMux, Duration.ofSeconds(30)),
                SettingReads.heartbeat(c, "transport.heartbeatTimeout", tcpMux, Duration.ofSeconds(90)),
                Values.seconds(c, "transport.dialServerTimeout"), tls, c.getString("log.level"), proxies, visitors,
                c.getInt("udpPacketSize"), Values.seconds(c, "jfrp.udpIdleTimeout"),
                c.getString("natHoleStunServer"));
    }

    private static List<? extends Config> tables(Config c, String key) {
        return c.hasPath(key) ? c.getConfigList(key) : List.of();
    }
}
