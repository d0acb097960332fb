package io.jfrp.config.schema;

/**
 * Every configuration key of frp's v1 format (frp 0.52 to 0.70, TOML/YAML/JSON, camelCase), with its
 * type, frp's default and whether jfrp implements it. Users coming from frp keep their frps.toml and
 * frpc.toml unchanged; our HOCON files use the same names.
 *
 * <p>The facts come from frp's own sources (fatedier/frp: {@code pkg/config/v1/server.go},
 * {@code client.go}, {@code common.go}, {@code proxy.go}, {@code visitor.go}, {@code proxy_plugin.go},
 * {@code visitor_plugin.go}, {@code value_source.go}, {@code store.go}, {@code types/types.go}, the
 * {@code Complete()} methods for defaults, {@code validation/*.go} for allowed values, and
 * {@code conf/frps_full_example.toml}, {@code conf/frpc_full_example.toml}). Keys added after 0.52 are
 * included (a file written for a newer frp loads too); the one key renamed since ({@code tlsVerify},
 * 0.52's {@code tls_verify}) is recognised in both spellings.
 *
 * <p>Defaults: frp applies them in {@code Complete()} with {@code util.EmptyOr}, so zero or "" means
 * "the default" ({@link ConfigKey#zeroMeansDefault()}). jfrp's own defaults for the keys it implements
 * are in {@code reference.conf} (roots {@code jfrps} and {@code jfrpc}); a test checks that they agree
 * with the {@code frpDefault} column here. Keys under {@code jfrp.*} are not listed here except
 * {@code jfrp.loginMaxSkew}: they are defined by the defaults themselves (see the validator).
 *
 * <p>One class per scope holds the keys: {@link ServerKeys}, {@link ClientKeys}, {@link ProxyKeys},
 * {@link VisitorKeys}, with the groups both programs share in {@link SharedKeys}. The type lists come
 * from the model ({@code ProxyType}, {@code VisitorType}).
 */
public final class FrpSchema {
    /** Proxy types of frp v1 ({@code [[proxies]] type = ...}), in frp's order. */
    public static final String[] PROXY_TYPES = ProxyKeys.PROXY_TYPES;
    /** Visitor types of frp v1. */
    public static final String[] VISITOR_TYPES = VisitorKeys.VISITOR_TYPES;
    /** Client plugin types of frp v1 ({@code [proxies.plugin] type = ...}). */
    public static final String[] CLIENT_PLUGIN_TYPES = ProxyKeys.CLIENT_PLUGIN_TYPES;

    /** One element of frps {@code httpPlugins}. */
    public static final ConfigScope HTTP_PLUGIN = ServerKeys.HTTP_PLUGIN;
    /** A proxy's {@code plugin} table, keyed by plugin {@code type}. */
    public static final ConfigScope CLIENT_PLUGIN = ProxyKeys.CLIENT_PLUGIN;
    /** A visitor's {@code plugin} table. */
    public static final ConfigScope VISITOR_PLUGIN = VisitorKeys.VISITOR_PLUGIN;
    /** One element of frpc {@code proxies}, keyed by proxy {@code type}. */
    public static final ConfigScope PROXY = ProxyKeys.PROXY;
    /** One element of frpc {@code visitors}, keyed by visitor {@code type}. */
    public static final ConfigScope VISITOR = VisitorKeys.VISITOR;
    /** The root of frps.toml. */
    public static final ConfigScope SERVER = ServerKeys.ROOT;
    /** The root of frpc.toml. */
    public static final ConfigScope CLIENT = ClientKeys.ROOT;
    /**
     * jfrp-only keys of frps under {@code jfrp}, declared here because their type is not what HOCON would
     * infer from the default (a plain number means seconds, as in frp's own keys). Every other
     * {@code jfrp.*} key is known from the defaults (reference.conf).
     */
    public static final ConfigScope SERVER_JFRP = ServerKeys.JFRP;
    /** jfrp-only keys of frpc declared with an explicit type: jfrp.servers. */
    public static final ConfigScope CLIENT_JFRP = ClientKeys.JFRP;

    private FrpSchema() {
    }
}
