package io.jfrp.config.model.proxy;

import io.jfrp.config.model.FrpType;

import java.util.Optional;
import java.util.function.Function;

/**
 * The proxy types of frp v1, with their names in frp's files and messages: THE list of proxy types.
 * The schema, the validation, the wire mapping and the registries of jfrps and jfrpc all take it
 * from here.
 *
 * <p>{@link #implemented()} says whether jfrps and jfrpc run proxies of the type. A type that is not
 * implemented is still complete data (its record, its keys, its wire mapping), but a configuration
 * file asking for it is refused with an error naming it, and jfrps refuses its NewProxy.
 *
 * <h3>Adding a type</h3>
 * A record implementing {@link ProxyConfig} (with a {@code from(ProxyBuilder)} factory and
 * {@link ProxyConfig#copyTo}), its constant here, and its keys in {@code ProxyKeys}; then a package
 * per program and one registry line each.
 */
public enum ProxyType implements FrpType {
    TCP("tcp", true, TcpProxyConfig::from),
    UDP("udp", true, UdpProxyConfig::from),
    HTTP("http", true, HttpProxyConfig::from),
    HTTPS("https", true, HttpsProxyConfig::from),
    TCPMUX("tcpmux", true, TcpMuxProxyConfig::from),
    STCP("stcp", true, StcpProxyConfig::from),
    XTCP("xtcp", false, XtcpProxyConfig::from),
    SUDP("sudp", true, SudpProxyConfig::from);

    private final String frpName;
    private final boolean implemented;
    private final Function<ProxyBuilder<?>, ProxyConfig> factory;

    ProxyType(String frpName, boolean implemented, Function<ProxyBuilder<?>, ProxyConfig> factory) {
        this.frpName = frpName;
        this.implemented = implemented;
        this.factory = factory;
    }

    @Override
    public String frpName() {
        return frpName;
    }

    @Override
    public boolean implemented() {
        return implemented;
    }

    /** The record of this type, from a builder's fields (those of other types are left out). */
    ProxyConfig create(ProxyBuilder<?> builder) {
        return factory.apply(builder);
    }

    /** The type named {@code frpName} (exactly, as frp compares it), if any. */
    public static Optional<ProxyType> fromFrpName(String frpName) {
        return FrpType.named(values(), frpName);
    }

    /** Every type's frp name, in frp's documentation order. */
    public static String[] frpNames() {
        return FrpType.names(values(), false);
    }

    /** The frp names of the implemented types. */
    public static String[] implementedFrpNames() {
        return FrpType.names(values(), true);
    }
}
