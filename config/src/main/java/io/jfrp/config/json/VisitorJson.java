package io.jfrp.config.json;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jfrp.config.model.visitor.VisitorBase;
import io.jfrp.config.model.visitor.VisitorConfig;

import static io.jfrp.config.json.ProxyJson.F;
import static io.jfrp.config.json.ProxyJson.flag;
import static io.jfrp.config.json.ProxyJson.positive;
import static io.jfrp.config.json.ProxyJson.text;

/**
 * A visitor of the model as frp writes it in JSON ({@code v1.XxxVisitorConfig}): {@code name, type,
 * enabled?, transport{useEncryption?, useCompression?}, secretKey?, serverUser?, serverName?,
 * bindAddr?, bindPort?, plugin}, then for xtcp {@code protocol?, keepTunnelOpen?, maxRetriesAnHour?,
 * minRetryInterval?, fallbackTo?, fallbackTimeoutMs?, natTraversal?}. jfrpc's admin API answers it
 * ({@code /api/visitor/{name}/config}, the store routes); {@link ConfigJson#readVisitor} reads it.
 */
public final class VisitorJson {
    private VisitorJson() {
    }

    /** frpc's JSON of {@code visitor}. */
    public static ObjectNode full(VisitorConfig visitor) {
        VisitorBase b = visitor.base();
        ObjectNode o = F.objectNode();
        o.put("name", b.name());
        o.put("type", b.type().frpName());
        if (!b.enabled()) {
            o.put("enabled", false);
        }
        ObjectNode t = o.putObject("transport");
        flag(t, "useEncryption", b.transport().useEncryption());
        flag(t, "useCompression", b.transport().useCompression());
        text(o, "secretKey", b.secretKey());
        text(o, "serverUser", b.serverUser());
        text(o, "serverName", b.serverName());
        text(o, "bindAddr", b.bindAddr());
        positive(o, "bindPort", b.bindPort());
        if (b.plugin().type().isEmpty()) {
            o.putNull("plugin");
        } else {
            ObjectNode p = o.putObject("plugin");
            p.put("type", b.plugin().type());
            text(p, "destinationIP", b.plugin().destinationIP());
        }
        ProxyJson.ownFields(o, (Record) visitor);
        return o;
    }
}
