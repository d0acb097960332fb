package io.jfrp.config.bind;

import io.jfrp.config.schema.Values;
import com.typesafe.config.Config;
import io.jfrp.config.model.ClientConfig;
import io.jfrp.config.model.ClientTlsConfig;
import io.jfrp.config.model.ServerAddress;
import io.jfrp.config.model.ClientTransportConfig;
import io.jfrp.config.model.ProxyUrl;
import io.jfrp.config.model.TransportProtocol;
import io.jfrp.protocol.wire.WireProtocol;
import io.jfrp.config.model.proxy.ProxyConfig;
import io.jfrp.config.model.visitor.VisitorConfig;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

import static io.jfrp.config.bind.SettingReads.path;
import static io.jfrp.config.bind.SettingReads.string;
import static io.jfrp.config.bind.SettingReads.strings;

/**
 * Makes the {@link ClientConfig} of a validated, merged frpc configuration (keys rooted as in
 * frpc.toml, over the jfrpc defaults).
 *
 * <h3>Derived values (as frp)</h3>
 * heartbeatInterval / heartbeatTimeout are off with tcpMux, else 30 s / 90 s (negative = off); the TLS
 * server name is transport.tls.serverName, else serverAddr; jfrp.servers, when set, gives the servers
 * (serverAddr and serverPort are then its first one's). Proxies and visitors with
 * {@code enabled = false}, or left out of a non-empty {@code start} list, are not in the result.
 * transport.proxyURL, when not set, is the {@code http_proxy} environment variable (as frp), used
 * only by the transports that run over TCP (frp ignores it for quic).
 */
public final class ClientConfigReader {
    private ClientConfigReader() {
    }

    /** The environment variable frp takes transport.proxyURL from when it is not set. */
    public static final String PROXY_ENVIRONMENT_VARIABLE = "http_proxy";

    /**
     * @throws IllegalArgumentException when a {@code jfrp.mux} value is out of its range, or the
     *                                  http_proxy environment variable holds no proxy jfrpc can use
     */
    public static ClientConfig read(Config c) {
        return read(c, System::getenv);
    }

    /** As {@link #read(Config)}, with the environment variables from {@code environment}. */
    public static ClientConfig read(Config c, UnaryOperator<String> environment) {
        String serverName = string(c, "transport.tls.serverName");
        List<ServerAddress> servers = servers(c, serverName);
        String serverAddr = servers.isEmpty() ? c.getString("serverAddr") : servers.get(0).host();
        int serverPort = servers.isEmpty() ? c.getInt("serverPort") : servers.get(0).port();
        boolean tcpMux = c.getBoolean("transport.tcpMux");
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
        return new ClientConfig(serverAddr, serverPort, c.getString("user"), SettingReads.auth(c),
                c.getBoolean("loginFailExit"), tcpMux, SettingReads.mux(c), c.getInt("transport.poolCount"),
                SettingReads.heartbeat(c, "transport.heartbeatInterval", tcpMux, Duration.ofSeconds(30)),
                SettingReads.heartbeat(c, "transport.heartbeatTimeout", tcpMux, Duration.ofSeconds(90)),
                Values.seconds(c, "transport.dialServerTimeout"), tls, SettingReads.log(c), proxies, visitors,
                SettingReads.webServer(c), string(c, "store.path"), c.getInt("udpPacketSize"),
                Values.seconds(c, "jfrp.udpIdleTimeout"), transport(c, environment),
                SettingReads.stringMap(c, "metadatas"), c.getString("natHoleStunServer"), servers,
                c.getString("clientID"));
    }

    /** jfrp.servers, each with the TLS name to check (serverName if set, else its host); empty = serverAddr's. */
    private static List<ServerAddress> servers(Config c, String serverName) {
        List<ServerAddress> servers = new ArrayList<>();
        for (String s : strings(c, "jfrp.servers")) {
            servers.add(ServerAddress.parse(s, serverName));
        }
        return servers;
    }

    /** transport.protocol, wireProtocol, proxyURL (or $http_proxy) and quic. */
    static ClientTransportConfig transport(Config c, UnaryOperator<String> environment) {
        TransportProtocol protocol = TransportProtocol.fromFrpName(string(c, "transport.protocol"));
        String url = string(c, "transport.proxyURL").trim();
        ProxyUrl proxy = null;
        if (!url.isEmpty()) {
            proxy = ProxyUrl.parse(url); // validated with the file: cannot fail here
        } else if (protocol.overTcp()) {
            String env = environment.apply(PROXY_ENVIRONMENT_VARIABLE);
            if (env != null && !env.isBlank()) {
                try {
                    proxy = ProxyUrl.parse(env);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("the " + PROXY_ENVIRONMENT_VARIABLE + " environment variable"
                            + " (used as transport.proxyURL, which is not set): " + e.getMessage(), e);
                }
            }
        }
        return new ClientTransportConfig(protocol, WireProtocol.fromConfigName(string(c, "transport.wireProtocol")),
                proxy, SettingReads.quic(c));
    }

    private static List<? extends Config> tables(Config c, String key) {
        return c.hasPath(key) ? c.getConfigList(key) : List.of();
    }
}
