package io.jfrp.config.model.proxy;

import io.jfrp.config.model.TypedConfig;

/**
 * One proxy, as jfrp knows it from the configuration file to the runtime (frp's
 * {@code ProxyConfigurer}): a record per {@link ProxyType}, each holding the {@link ProxyBase} all
 * types share plus the fields of its own type. jfrpc reads them from its file and maps each to the
 * NewProxy it sends ({@link ProxyMessages}); jfrps maps a NewProxy back to one, so both sides speak
 * of the same objects.
 *
 * <p>Immutable. To change a field, {@link #toBuilder()} and build again.
 */
public sealed interface ProxyConfig extends TypedConfig<ProxyType> permits TcpProxyConfig, UdpProxyConfig,
        HttpProxyConfig, HttpsProxyConfig, TcpMuxProxyConfig, StcpProxyConfig, XtcpProxyConfig, SudpProxyConfig {

    /** What every proxy has. */
    @Override
    ProxyBase base();

    /** A builder holding every field of this proxy. */
    default ProxyBuilder<ProxyConfig> toBuilder() {
        return ProxyBuilder.from(this);
    }

    /** The name on the wire: {@code user.name} when the client sets {@code user}, as frp does. */
    default String wireName(String user) {
        return user == null || user.isEmpty() ? name() : user + "." + name();
    }
}
