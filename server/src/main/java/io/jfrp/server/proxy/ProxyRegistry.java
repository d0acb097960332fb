package io.jfrp.server.proxy;

import io.jfrp.config.model.proxy.ProxyConfig;
import io.jfrp.config.model.proxy.ProxyType;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;

/**
 * The proxy types jfrps serves, each with its {@link ProxyFactory}: the one place that says which
 * types the server runs (frp's {@code RegisterProxyFactory}). Built once by the server; a type not
 * registered is refused in NewProxyResp. Immutable and thread-safe.
 */
public final class ProxyRegistry {
    private final Map<ProxyType, ProxyFactory> factories;

    private ProxyRegistry(Map<ProxyType, ProxyFactory> factories) {
        this.factories = Collections.unmodifiableMap(new EnumMap<>(factories));
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Whether proxies of {@code type} are served. */
    public boolean supports(ProxyType type) {
        return factories.containsKey(type);
    }

    /** The types served. */
    public Set<ProxyType> types() {
        return factories.keySet();
    }

    /** The proxy for {@code config}, whose type is {@link #supports supported}; not started. */
    public Proxy create(ProxyConfig config, ProxyContext context) {
        ProxyFactory factory = factories.get(config.type());
        if (factory == null) {
            throw new IllegalArgumentException("proxy type [" + config.type().frpName() + "] is not served");
        }
        return factory.create(config, context);
    }

    /** Collects one factory per type. */
    public static final class Builder {
        private final Map<ProxyType, ProxyFactory> factories = new EnumMap<>(ProxyType.class);

        private Builder() {
        }

        public Builder add(ProxyType type, ProxyFactory factory) {
            if (factories.putIfAbsent(type, factory) != null) {
                throw new IllegalArgumentException("proxy type " + type.frpName() + " registered twice");
            }
            return this;
        }

        public ProxyRegistry build() {
            return new ProxyRegistry(factories);
        }
    }
}
