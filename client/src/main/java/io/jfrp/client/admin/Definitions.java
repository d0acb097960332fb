package io.jfrp.client.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jfrp.config.json.ConfigJson;
import io.jfrp.config.json.ProxyJson;
import io.jfrp.config.json.VisitorJson;
import io.jfrp.config.model.proxy.ProxyConfig;
import io.jfrp.config.model.proxy.ProxyType;
import io.jfrp.config.model.visitor.VisitorConfig;
import io.jfrp.config.model.visitor.VisitorType;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * frpc's definitions of proxies and visitors in the admin API: {@code {"name", "type", "<type>":
 * {…}}}, exactly one block, the one named by {@code type}, holding the proxy or visitor in frp's JSON
 * form. Read for the store routes (with frp's checks and texts), written for them and for
 * {@code /api/proxy/{name}/config} and {@code /api/visitor/{name}/config}.
 */
final class Definitions {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final List<String> PROXY_TYPES = Arrays.stream(ProxyType.values()).map(ProxyType::frpName).toList();
    private static final List<String> VISITOR_TYPES = Arrays.stream(VisitorType.values()).map(VisitorType::frpName)
            .toList();

    private Definitions() {
    }

    /** {@code {name, type, <type>: …}} of a proxy. */
    static ObjectNode of(ProxyConfig p) {
        return of(p, ProxyJson.full(p));
    }

    /** {@code {name, type, <type>: block}}. */
    static ObjectNode of(ProxyConfig p, ObjectNode block) {
        ObjectNode o = F.objectNode();
        o.put("name", p.name());
        o.put("type", p.type().frpName());
        o.set(p.type().frpName(), block);
        return o;
    }

    /** A proxy of the store: the model and its JSON as written ({@link ProxyJson#asWritten}). */
    record StoredProxy(ProxyConfig config, ObjectNode written) {
        ObjectNode definition() {
            return of(config, written);
        }
    }

    /** {@code {name, type, <type>: …}} of a visitor. */
    static ObjectNode of(VisitorConfig v) {
        ObjectNode o = F.objectNode();
        o.put("name", v.name());
        o.put("type", v.type().frpName());
        o.set(v.type().frpName(), VisitorJson.full(v));
        return o;
    }

    /**
     * The proxy a definition describes.
     *
     * @param pathName the name in the URL of an update, which must equal the body's; null on create
     */
    static StoredProxy proxy(JsonNode body, String pathName) throws StoreException {
        return proxyBlock(block(body, pathName, "proxy", PROXY_TYPES));
    }

    /** The proxy {@code block} (frp's JSON with name and type) describes. */
    static StoredProxy proxyBlock(ObjectNode block) throws StoreException {
        try {
            ProxyConfig config = ConfigJson.readProxy(block);
            return new StoredProxy(config, ProxyJson.asWritten(config, block));
        } catch (IllegalArgumentException e) {
            throw new StoreException(StoreException.Kind.INVALID, "validation error: " + e.getMessage());
        }
    }

    /** The visitor a definition describes (as {@link #proxy}). */
    static VisitorConfig visitor(JsonNode body, String pathName) throws StoreException {
        ObjectNode block = block(body, pathName, "visitor", VISITOR_TYPES);
        try {
            return ConfigJson.readVisitor(block);
        } catch (IllegalArgumentException e) {
            throw new StoreException(StoreException.Kind.INVALID, "validation error: " + e.getMessage());
        }
    }

    /** frp's ProxyDefinition.Validate, then the block with the definition's name and type. */
    private static ObjectNode block(JsonNode body, String pathName, String kind, List<String> types)
            throws StoreException {
        if (!(body instanceof ObjectNode def)) {
            throw new StoreException(StoreException.Kind.INVALID, "a " + kind + " definition is a JSON object");
        }
        String name = def.path("name").asText("").trim();
        String type = def.path("type").asText("");
        if (name.isEmpty()) {
            throw new StoreException(StoreException.Kind.INVALID, kind + " name is required");
        }
        if (!types.contains(type)) {
            throw new StoreException(StoreException.Kind.INVALID, "invalid " + kind + " type: " + type);
        }
        if (pathName != null && !pathName.equals(def.path("name").asText(""))) {
            throw new StoreException(StoreException.Kind.INVALID, kind + " name in URL must match name in body");
        }
        List<String> blocks = new ArrayList<>();
        for (String t : types) {
            if (def.hasNonNull(t)) {
                blocks.add(t);
            }
        }
        if (blocks.size() != 1) {
            throw new StoreException(StoreException.Kind.INVALID, "exactly one " + kind + " type block is required");
        }
        if (!blocks.get(0).equals(type)) {
            throw new StoreException(StoreException.Kind.INVALID, kind + " type block \"" + blocks.get(0)
                    + "\" does not match type \"" + type + "\"");
        }
        if (!(def.get(type) instanceof ObjectNode inner)) {
            throw new StoreException(StoreException.Kind.INVALID, "the \"" + type + "\" block is a JSON object");
        }
        ObjectNode out = inner.deepCopy();
        out.put("name", def.path("name").asText());
        out.put("type", type);
        return out;
    }
}
