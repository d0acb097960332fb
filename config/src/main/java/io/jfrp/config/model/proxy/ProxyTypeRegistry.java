package io.jfrp.config.model.proxy;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;

/**
 * The proxy types a program runs, each with its factory: jfrps's {@code ProxyFactory} or jfrpc's
 * {@code ClientProxyFactory} (frp's {@code RegisterProxyFactory}, on each side). Each program builds
 * one, a line per type, and it is the one place on that side that says which types run. Immutable and
 * thread-safe.
 *
 * @param <F> the factory of one type's proxies on that side
 */
public final class ProxyTypeRegistry<F> {
    private final Map<ProxyType, F> factories;

    private ProxyTypeRegistry(Map<ProxyType, F> factories) {
        this.factories = Collections.unmodifiableMap(new EnumMap<>(factories));
    }

    public static <F> Builder<F> builder() {
        return new Builder<>();
    }

    /** Whether proxies of {@code type} run. */
    public boolean supports(ProxyType type) {
        return factories.containsKey(type);
    }

    /** The types that run. */
    public Set<ProxyType> types() {
        return factories.keySet();
    }

    /**
     * The factory of {@code config}'s type.
     *
     * @throws IllegalArgumentException for a type not registered (configuration refuses those on the
     *                                  client; the server answers NewProxyResp with an error first)
     */
    public F factory(ProxyConfig config) {
        F factory = factories.get(config.type());
        if (factory == null) {
            throw new IllegalArgumentException("proxy [" + config.name() + "]: type " + config.type().frpName()
                    + " is not registered");
        }
        return factory;
    }

    /** Collects one factory per type. Not thread-safe. */
    public static final class Builder<F> {
        private final Map<ProxyType, F> factories = new EnumMap<>(ProxyType.class);

        private Builder() {
        }

        public Builder<F> add(ProxyType type, F factory) {
            if (factories.putIfAbsent(type, factory) != null) {
                throw new IllegalArgumentException("proxy type " + type.frpName() + " registered twice");
            }
            return this;
        }

        public ProxyTypeRegistry<F> build() {
            return new ProxyTypeRegistry<>(factories);
        }
    }
}
