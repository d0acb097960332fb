package io.jfrp.config.model.visitor;

import io.jfrp.config.model.Fields;
import io.jfrp.config.model.TypedConfig;

import java.util.Objects;

/**
 * What every visitor has (frp's {@code VisitorBaseConfig}).
 *
 * @param name       the visitor's name
 * @param type       the visitor type
 * @param enabled    false = jfrpc does not start it
 * @param transport  encryption and compression
 * @param secretKey  must match the proxy's secretKey
 * @param serverUser user of the client that owns the proxy; empty = this client's user
 * @param serverName name of the proxy visited
 * @param bindAddr   local listen address (frp: 127.0.0.1)
 * @param bindPort   local listen port; negative = do not listen (only connections handed over by
 *                   other visitors)
 * @param plugin     visitor plugin, or {@link VisitorPlugin#NONE}
 */
public record VisitorBase(String name, VisitorType type, boolean enabled, VisitorTransport transport, String secretKey,
                          String serverUser, String serverName, String bindAddr, int bindPort, VisitorPlugin plugin)
        implements TypedConfig.Base<VisitorType> {
    public VisitorBase {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        transport = transport == null ? VisitorTransport.DEFAULT : transport;
        secretKey = Fields.text(secretKey);
        serverUser = Fields.text(serverUser);
        serverName = Fields.text(serverName);
        bindAddr = bindAddr == null || bindAddr.isEmpty() ? "127.0.0.1" : bindAddr;
        if (bindPort > 65535) {
            throw new IllegalArgumentException("visitor " + name + ": bindPort must be at most 65535, got " + bindPort);
        }
        plugin = plugin == null ? VisitorPlugin.NONE : plugin;
    }

    VisitorBase requireType(VisitorType expected) {
        if (type != expected) {
            throw new IllegalArgumentException("visitor " + name + ": a " + expected.frpName()
                    + " visitor with a base of type " + type.frpName());
        }
        return this;
    }
}
