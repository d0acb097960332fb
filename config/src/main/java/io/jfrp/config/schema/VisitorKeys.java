package io.jfrp.config.schema;

import io.jfrp.config.model.FrpType;
import io.jfrp.config.model.visitor.VisitorType;

import static io.jfrp.config.schema.KeyType.BOOL;
import static io.jfrp.config.schema.KeyType.INT;
import static io.jfrp.config.schema.KeyType.STRING;
import static io.jfrp.config.schema.KeyType.TABLE;

/** The keys of one {@code [[visitors]]} table (frp's {@code visitor.go}) and of its {@code plugin} table. */
final class VisitorKeys {
    /** Visitor types of frp v1, from the model's one list. */
    static final String[] VISITOR_TYPES = FrpType.names(VisitorType.values(), false);

    /** A visitor's {@code plugin} table. */
    static final ConfigScope VISITOR_PLUGIN = visitorPlugin();
    /** One element of {@code visitors}, keyed by visitor {@code type}. */
    static final ConfigScope VISITOR = visitor();

    private VisitorKeys() {
    }

    private static ConfigScope visitor() {
        ConfigScope.Builder b = ConfigScope.builder("visitor").discriminator("type", VISITOR_TYPES);
        b.key("name", STRING).impl().doc("visitor name");
        b.key("type", STRING).values(VISITOR_TYPES).impl().doc("visitor type");
        b.key("enabled", BOOL).dflt("true").impl().doc("false = do not start this visitor");
        b.key("transport.useEncryption", BOOL).dflt("false").impl().doc("encrypt");
        b.key("transport.useCompression", BOOL).dflt("false").impl().doc("compress");
        b.key("secretKey", STRING).impl().doc("must match the proxy's secretKey");
        b.key("serverUser", STRING).impl().doc("user of the client that owns the proxy");
        b.key("serverName", STRING).impl().doc("name of the proxy visited");
        b.key("bindAddr", STRING).dflt("127.0.0.1").zeroDefault().impl().doc("local listen address");
        b.key("bindPort", INT).range(Integer.MIN_VALUE, 65535).impl()
                .doc("local listen port; negative = do not listen (only redirected connections)");
        b.key("plugin", TABLE).element(VISITOR_PLUGIN).doc("visitor plugin");
        b.key("protocol", STRING).dflt("quic").zeroDefault().values("kcp", "quic").types("xtcp")
                .doc("xtcp tunnel protocol");
        b.key("keepTunnelOpen", BOOL).dflt("false").types("xtcp").doc("keep the p2p tunnel open");
        b.key("maxRetriesAnHour", INT).dflt("8").zeroDefault().types("xtcp").doc("hole-punch attempts per hour");
        b.key("minRetryInterval", INT).dflt("90").zeroDefault().types("xtcp").doc("seconds between attempts");
        b.key("fallbackTo", STRING).types("xtcp").doc("visitor used when punching fails");
        b.key("fallbackTimeoutMs", INT).dflt("1000").zeroDefault().types("xtcp").doc("fallback after this many ms");
        b.key("natTraversal.disableAssistedAddrs", BOOL).dflt("false").types("xtcp")
                .doc("xtcp: only STUN-discovered addresses");
        return b.build();
    }

    private static ConfigScope visitorPlugin() {
        ConfigScope.Builder b = ConfigScope.builder("visitor plugin").discriminator("type", "virtual_net");
        b.key("type", STRING).values("virtual_net").doc("plugin type");
        b.key("destinationIP", STRING).types("virtual_net").doc("virtual network destination");
        return b.build();
    }
}
