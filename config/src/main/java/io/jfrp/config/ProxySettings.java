package io.jfrp.config;

import com.typesafe.config.Config;

import java.util.Objects;

/**
 * One {@code [[proxies]]} entry of a type jfrp implements (tcp). Immutable.
 *
 * @param name           the name as written (the wire name is {@link #wireName(String)})
 * @param type           the proxy type, "tcp"
 * @param localIP        the local service's address (default 127.0.0.1)
 * @param localPort      the local service's port
 * @param remotePort     the public port asked of frps; 0 lets frps choose
 * @param useEncryption  encrypt work connections
 * @param useCompression compress work connections
 */
public record ProxySettings(String name, String type, String localIP, int localPort, int remotePort,
                            boolean useEncryption, boolean useCompression) {

    public ProxySettings {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(localIP, "localIP");
        if (localPort < 1 || localPort > 65535 || remotePort < 0 || remotePort > 65535) {
            throw new IllegalArgumentException("proxy " + name + ": bad ports " + localPort + " / " + remotePort);
        }
    }

    /** Reads one validated proxy table, over the proxy defaults. */
    static ProxySettings from(Config proxy, Config defaults) {
        Config c = proxy.withFallback(defaults);
        return new ProxySettings(c.getString("name"), c.getString("type"), c.getString("localIP"),
                c.getInt("localPort"), c.getInt("remotePort"), c.getBoolean("transport.useEncryption"),
                c.getBoolean("transport.useCompression"));
    }

    /** The name on the wire: {@code user.name} when the client sets {@code user}, as frp does. */
    public String wireName(String user) {
        return user == null || user.isEmpty() ? name : user + "." + name;
    }
}
