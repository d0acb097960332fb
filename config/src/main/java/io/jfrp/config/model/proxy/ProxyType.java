package io.jfrp.config.model.proxy;

import io.jfrp.config.model.FrpType;
import io.jfrp.config.model.RecordBinding;

import java.lang.invoke.MethodHandles;
import java.util.Optional;

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
 * A record implementing {@link ProxyConfig} whose first component is {@code base} and whose others
 * are named as {@link ProxyBuilder}'s fields (a {@link RecordBinding} maps them both ways), its
 * constant here, and its keys in {@code ProxyKeys}; then a package per program and one registry line
 * each.
 */
public enum ProxyType implements FrpType {
    TCP("tcp", true, TcpProxyConfig.class),
    UDP("udp", true, UdpProxyConfig.class),
    HTTP("http", true, HttpProxyConfig.class),
    HTTPS("https", true, HttpsProxyConfig.class),
    TCPMUX("tcpmux", true, TcpMuxProxyConfig.class),
    STCP("stcp", true, StcpProxyConfig.class),
    XTCP("xtcp", true, XtcpProxyConfig.class),
    SUDP("sudp", true, SudpProxyConfig.class);

    private final Spec spec;

    <R extends Record & ProxyConfig> ProxyType(String frpName, boolean implemented, Class<R> record) {
        this.spec = new Spec(frpName, implemented, RecordBinding.of(MethodHandles.lookup(), record, ProxyBuilder.class));
    }

    @Override
    public Spec spec() {
        return spec;
    }

    /** The record of this type, from a builder's fields (those of other types are left out). */
    ProxyConfig create(ProxyBuilder<?> builder) {
        return (ProxyConfig) spec.record().create(builder.base(), builder);
    }

    /**
     * Whether the server reaches proxies of this type by name on a shared port (its record is
     * {@link DomainRouted}: http, https, tcpmux), so that such a proxy needs customDomains or subdomain.
     */
    public boolean domainRouted() {
        return DomainRouted.class.isAssignableFrom(spec.record().recordType());
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
