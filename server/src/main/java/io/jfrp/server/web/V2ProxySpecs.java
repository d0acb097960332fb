package io.jfrp.server.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jfrp.web.Json;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Builds the {@code spec} of a v2 proxy from its configuration, as frp's {@code buildV2ProxySpec}:
 * {@code {"type":t, t:{...}}} where the block holds annotations and metadatas (when not empty),
 * transport (useEncryption, useCompression, bandwidthLimit, bandwidthLimitMode) and loadBalancer
 * (group), then the type's own fields: remotePort (tcp, udp; always present), customDomains,
 * subdomain, locations, hostHeaderRewrite (http), customDomains, subdomain (https),
 * customDomains, subdomain, multiplexer, routeByHTTPUser (tcpmux), each left out when empty. An
 * offline proxy (no configuration) has an empty block.
 *
 * <p>The configuration is whatever the server registered (a map or the config model's object); it
 * is read through Jackson in frpc's camelCase keys, so any model that serialises to those keys
 * plugs in. Map keys are sorted, as Go writes maps.
 */
final class V2ProxySpecs {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private V2ProxySpecs() {
    }

    static ObjectNode spec(String type, Object conf) {
        ObjectNode spec = NODES.objectNode();
        spec.put("type", type);
        ObjectNode block = NODES.objectNode();
        if (DashboardApiV2.PROXY_TYPES.contains(type)) {
            spec.set(type, block);
        }
        if (conf == null) {
            return spec;
        }
        JsonNode c = Json.MAPPER.valueToTree(conf);
        putMap(block, "annotations", c.path("annotations"));
        putMap(block, "metadatas", c.path("metadatas"));
        JsonNode t = c.path("transport");
        ObjectNode transport = block.putObject("transport");
        transport.put("useEncryption", t.path("useEncryption").asBoolean(false));
        transport.put("useCompression", t.path("useCompression").asBoolean(false));
        transport.put("bandwidthLimit", t.path("bandwidthLimit").asText(""));
        transport.put("bandwidthLimitMode", t.path("bandwidthLimitMode").asText(""));
        block.putObject("loadBalancer").put("group", c.path("loadBalancer").path("group").asText(""));
        switch (type) {
            case "tcp", "udp" -> block.put("remotePort", c.path("remotePort").asInt(0));
            case "http" -> {
                domains(block, c);
                putList(block, "locations", c.path("locations"));
                putText(block, "hostHeaderRewrite", c.path("hostHeaderRewrite"));
            }
            case "https" -> domains(block, c);
            case "tcpmux" -> {
                domains(block, c);
                putText(block, "multiplexer", c.path("multiplexer"));
                putText(block, "routeByHTTPUser", c.path("routeByHTTPUser"));
            }
            default -> {
            }
        }
        return spec;
    }

    /** The strings a v2 {@code q} search looks at in a spec besides name, type, user, client and phase. */
    static List<String> searchable(ObjectNode spec) {
        String type = spec.path("type").asText();
        JsonNode block = spec.path(type);
        List<String> values = new ArrayList<>();
        switch (type) {
            case "tcp", "udp" -> {
                if (block.has("remotePort")) {
                    values.add(block.get("remotePort").asText());
                }
            }
            case "http", "https", "tcpmux" -> {
                block.path("customDomains").forEach(d -> values.add(d.asText()));
                values.add(block.path("subdomain").asText(""));
            }
            default -> {
            }
        }
        return values;
    }

    private static void domains(ObjectNode block, JsonNode c) {
        putList(block, "customDomains", c.path("customDomains"));
        putText(block, "subdomain", c.path("subdomain"));
    }

    private static void putMap(ObjectNode block, String key, JsonNode map) {
        if (map.isObject() && !map.isEmpty()) {
            Map<String, String> sorted = new TreeMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = map.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                sorted.put(e.getKey(), e.getValue().asText());
            }
            ObjectNode out = block.putObject(key);
            sorted.forEach(out::put);
        }
    }

    private static void putList(ObjectNode block, String key, JsonNode list) {
        if (list.isArray() && !list.isEmpty()) {
            block.set(key, list.deepCopy());
        }
    }

    private static void putText(ObjectNode block, String key, JsonNode text) {
        if (text.isTextual() && !text.asText().isEmpty()) {
            block.put(key, text.asText());
        }
    }
}
