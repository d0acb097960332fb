package io.jfrp.config.model.proxy;

import io.jfrp.config.model.Fields;
import io.jfrp.config.model.TypedConfig;

import java.util.Map;
import java.util.Objects;

/**
 * What every proxy has, whatever its type (frp's {@code ProxyBaseConfig}).
 *
 * @param name         the name in the file (on the wire it is {@code user.name} when the client has a
 *                     user; a proxy made from a NewProxy has the wire name)
 * @param type         the proxy type
 * @param enabled      false = jfrpc does not start it
 * @param localIP      the local service's address (frp's default 127.0.0.1 is applied by the reader);
 *                     empty for a proxy made from a NewProxy, which does not carry it
 * @param localPort    the local service's port; 0 when unknown (a proxy made from a NewProxy) or when
 *                     a plugin serves the connections
 * @param transport    encryption, compression, bandwidth limit, PROXY protocol
 * @param loadBalancer load-balancing group
 * @param healthCheck  health check of the local service
 * @param plugin       built-in plugin, or {@link ProxyPlugin#NONE}
 * @param metadatas    sent to server plugins
 * @param annotations  shown on the server's dashboard
 */
public record ProxyBase(String name, ProxyType type, boolean enabled, String localIP, int localPort,
                        ProxyTransport transport, LoadBalancer loadBalancer, HealthCheck healthCheck,
                        ProxyPlugin plugin, Map<String, String> metadatas, Map<String, String> annotations)
        implements TypedConfig.Base<ProxyType> {
    public ProxyBase {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        localIP = Fields.text(localIP);
        Fields.port(localPort, "proxy " + name + ": localPort");
        transport = transport == null ? ProxyTransport.DEFAULT : transport;
        loadBalancer = loadBalancer == null ? LoadBalancer.NONE : loadBalancer;
        healthCheck = healthCheck == null ? HealthCheck.NONE : healthCheck;
        plugin = plugin == null ? ProxyPlugin.NONE : plugin;
        metadatas = Fields.map(metadatas);
        annotations = Fields.map(annotations);
    }

    /** Checks that a record of {@code expected} type was given a base of that type. */
    ProxyBase requireType(ProxyType expected) {
        if (type != expected) {
            throw new IllegalArgumentException("proxy " + name + ": a " + expected.frpName() + " proxy with a base of type "
                    + type.frpName());
        }
        return this;
    }
}
