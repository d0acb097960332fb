package io.jfrp.client.proxy;

import io.jfrp.config.model.proxy.ProxyConfig;
import io.jfrp.config.model.proxy.ProxyType;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;

/**
 * The proxy types jfrpc runs, each with its {@link ClientProxyFactory}: the one place on the client
 * that says which types it serves (frp's {@code RegisterProxyFactory} in {@code client/proxy}).
 * Immutable and thread-safe.
 */
public final class ClientProxyRegistry {
    private final Map<ProxyType, ClientProxyFactory> factories;

    private ClientProxyRegistry(Map<ProxyType, ClientProxyFactory> factories) {
        this.factories = Collections.unmodifiableMap(new EnumMap<>(factories));
    }

    public static Builder builder() {
        return new Builder();
    }

    public boolean supports(ProxyType type) {
        return factories.containsKey(type);
    }

    /** The types served. */
    public Set<ProxyType> types() {
        return factories.keySet();
    }

    /**
     * jfrpc's side of {@code config}.
     *
     * @throws IllegalArgumentException for a type not registered (the configuration refuses those)
     */
    public ClientProxy create(ProxyConfig config, LocalDialer dialer) {
        ClientProxyFactory factory = factories.get(config.type());
        if (factory == null) {
            throw new IllegalArgumentException("proxy [" + config.name() + "]: type " + config.type().frpName()
                    + " is not run by jfrpc");
        }
        return factory.create(config, dialer);
    }

    /** Collects one factory per type. */
    public static final class Builder {
        private final Map<ProxyType, ClientProxyFactory> factories = new EnumMap<>(ProxyType.class);

        private Builder() {
        }

        public Builder add(ProxyType type, ClientProxyFactory factory) {
            if (factories.putIfAbsent(type, factory) != null) {
                throw new IllegalArgumentException("proxy type " + type.frpName() + " registered twice");
            }
            return this;
        }

        public ClientProxyRegistry build() {
            return new ClientProxyRegistry(factories);
        }
    }
}
