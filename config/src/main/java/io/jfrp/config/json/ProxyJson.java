package io.jfrp.config.json;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jfrp.config.model.proxy.HealthCheck;
import io.jfrp.config.model.proxy.HttpProxyConfig;
import io.jfrp.config.model.proxy.HttpsProxyConfig;
import io.jfrp.config.model.proxy.NatTraversal;
import io.jfrp.config.model.proxy.ProxyBase;
import io.jfrp.config.model.proxy.ProxyConfig;
import io.jfrp.config.model.proxy.ProxyPlugin;
import io.jfrp.config.model.proxy.ProxyTransport;
import io.jfrp.config.model.proxy.TcpMuxProxyConfig;
import io.jfrp.config.model.proxy.TcpProxyConfig;
import io.jfrp.config.model.proxy.UdpProxyConfig;

import java.lang.reflect.RecordComponent;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A proxy of the model as frp writes it in JSON, in the two forms frp's HTTP APIs use.
 *
 * <h3>{@link #full} (frpc)</h3>
 * frp's {@code v1.XxxProxyConfig} as Go's encoder writes it: frpc's camelCase configuration keys in
 * struct order ({@code name, type, enabled?, annotations?, transport{…}, metadatas?,
 * loadBalancer{group, groupKey?}, healthCheck{type, …, intervalSeconds, …}, localIP?, localPort?,
 * plugin}, then the type's own fields: its record's components, declared in frp's order),
 * {@code omitempty} fields left out when empty, maps with sorted keys. jfrpc's admin API answers it
 * ({@code /api/proxy/{name}/config}, the store routes) and the store file holds it;
 * {@link ConfigJson#readProxy} reads it back.
 *
 * <h3>{@link #serverView} (frps)</h3>
 * The {@code conf} of frps' dashboard API ({@code model.XxxOutConf}): the same base fields, then per
 * type remotePort (tcp, udp), customDomains?, subdomain?, locations, hostHeaderRewrite (http),
 * multiplexer, routeByHTTPUser (tcpmux), nothing more for stcp, sudp and xtcp; localIP is frp's
 * default when the proxy came from a NewProxy, which does not carry it.
 *
 * <h3>What the model cannot tell</h3>
 * The model holds effective values, not what a file spelt: a health check shows its timeout,
 * maxFailed and interval even when the file left them to frp's defaults (frp shows only what was
 * written), and {@code enabled} appears only when false.
 */
public final class ProxyJson {
    static final JsonNodeFactory F = JsonNodeFactory.instance;

    private ProxyJson() {
    }

    /** frpc's JSON of {@code proxy}. */
    public static ObjectNode full(ProxyConfig proxy) {
        ObjectNode o = base(proxy.base());
        ownFields(o, (Record) proxy);
        return o;
    }

    /**
     * frpc's JSON of a proxy as it was written ({@code input}, a store definition), not completed
     * with frp's defaults: what frpc's store keeps and answers. {@link #full} of the model, less the
     * values the model filled in that {@code input} left out: {@code localIP},
     * {@code transport.bandwidthLimitMode}, and the health check's timeout, maxFailed and interval
     * (an interval not written is 0, as Go writes it).
     */
    public static ObjectNode asWritten(ProxyConfig proxy, com.fasterxml.jackson.databind.JsonNode input) {
        ObjectNode o = full(proxy);
        if (!input.hasNonNull("localIP")) {
            o.remove("localIP");
        }
        if (!input.path("transport").hasNonNull("bandwidthLimitMode")) {
            ((ObjectNode) o.get("transport")).remove("bandwidthLimitMode");
        }
        ObjectNode health = (ObjectNode) o.get("healthCheck");
        com.fasterxml.jackson.databind.JsonNode written = input.path("healthCheck");
        if (health.has("timeoutSeconds") && !written.hasNonNull("timeoutSeconds")) {
            health.remove("timeoutSeconds");
        }
        if (health.has("maxFailed") && !written.hasNonNull("maxFailed")) {
            health.remove("maxFailed");
        }
        if (!written.hasNonNull("intervalSeconds")) {
            health.put("intervalSeconds", 0);
        }
        return o;
    }

    /** frps' dashboard {@code conf} of {@code proxy} (made from a NewProxy). */
    public static ObjectNode serverView(ProxyConfig proxy) {
        ProxyBase b = proxy.base();
        ObjectNode o = base(b.localIP().isEmpty() ? withLocalIP(b, "127.0.0.1") : b);
        if (proxy instanceof TcpProxyConfig p) {
            o.put("remotePort", p.remotePort());
        } else if (proxy instanceof UdpProxyConfig p) {
            o.put("remotePort", p.remotePort());
        } else if (proxy instanceof HttpProxyConfig p) {
            domains(o, p.customDomains(), p.subdomain());
            if (p.locations().isEmpty()) {
                o.putNull("locations");
            } else {
                list(o, "locations", p.locations());
            }
            o.put("hostHeaderRewrite", p.hostHeaderRewrite());
        } else if (proxy instanceof HttpsProxyConfig p) {
            domains(o, p.customDomains(), p.subdomain());
        } else if (proxy instanceof TcpMuxProxyConfig p) {
            domains(o, p.customDomains(), p.subdomain());
            o.put("multiplexer", p.multiplexer());
            o.put("routeByHTTPUser", p.routeByHTTPUser());
        }
        // stcp, sudp, xtcp: the base alone
        return o;
    }

    private static ProxyBase withLocalIP(ProxyBase b, String ip) {
        return new ProxyBase(b.name(), b.type(), b.enabled(), ip, b.localPort(), b.transport(), b.loadBalancer(),
                b.healthCheck(), b.plugin(), b.metadatas(), b.annotations());
    }

    private static ObjectNode base(ProxyBase b) {
        ObjectNode o = F.objectNode();
        o.put("name", b.name());
        o.put("type", b.type().frpName());
        if (!b.enabled()) {
            o.put("enabled", false);
        }
        map(o, "annotations", b.annotations());
        o.set("transport", transport(b.transport()));
        map(o, "metadatas", b.metadatas());
        ObjectNode lb = o.putObject("loadBalancer");
        lb.put("group", b.loadBalancer().group());
        text(lb, "groupKey", b.loadBalancer().groupKey());
        o.set("healthCheck", healthCheck(b.healthCheck()));
        text(o, "localIP", b.localIP());
        positive(o, "localPort", b.localPort());
        o.set("plugin", plugin(b.plugin()));
        return o;
    }

    private static ObjectNode transport(ProxyTransport t) {
        ObjectNode o = F.objectNode();
        flag(o, "useEncryption", t.useEncryption());
        flag(o, "useCompression", t.useCompression());
        o.put("bandwidthLimit", t.bandwidthLimit());
        text(o, "bandwidthLimitMode", t.bandwidthLimitMode());
        text(o, "proxyProtocolVersion", t.proxyProtocolVersion());
        return o;
    }

    static ObjectNode healthCheck(HealthCheck h) {
        ObjectNode o = F.objectNode();
        o.put("type", h.type());
        if (!h.enabled()) {
            o.put("intervalSeconds", 0);
            return o;
        }
        o.put("timeoutSeconds", h.timeoutSeconds());
        o.put("maxFailed", h.maxFailed());
        o.put("intervalSeconds", h.intervalSeconds());
        text(o, "path", h.path());
        if (!h.httpHeaders().isEmpty()) {
            ArrayNode a = o.putArray("httpHeaders");
            for (HealthCheck.Header header : h.httpHeaders()) {
                a.addObject().put("name", header.name()).put("value", header.value());
            }
        }
        return o;
    }

    /** frp's TypedClientPluginOptions: null without a plugin, else its type and its non-empty options. */
    private static com.fasterxml.jackson.databind.JsonNode plugin(ProxyPlugin p) {
        if (!p.isSet()) {
            return F.nullNode();
        }
        ObjectNode o = F.objectNode();
        o.put("type", p.type());
        text(o, "localAddr", p.localAddr());
        text(o, "hostHeaderRewrite", p.hostHeaderRewrite());
        if (!p.requestHeaders().isEmpty()) {
            o.set("requestHeaders", headerOperations(p.requestHeaders()));
        }
        if (!p.enableHTTP2() && (p.type().equals("https2http") || p.type().equals("https2https"))) {
            o.put("enableHTTP2", false);
        }
        text(o, "crtPath", p.crtPath());
        text(o, "keyPath", p.keyPath());
        text(o, "httpUser", p.httpUser());
        text(o, "httpPassword", p.httpPassword());
        text(o, "username", p.username());
        text(o, "password", p.password());
        text(o, "localPath", p.localPath());
        text(o, "stripPrefix", p.stripPrefix());
        text(o, "unixPath", p.unixPath());
        return o;
    }

    /**
     * The fields a proxy or visitor type adds to its base, as Go's encoder writes frp's struct of the
     * type: in the record's order (frp's), strings, numbers, booleans and lists {@code omitempty}, a
     * map as frp's HeaderOperations, natTraversal only when it disables something.
     */
    @SuppressWarnings("unchecked")
    static void ownFields(ObjectNode o, Record config) {
        RecordComponent[] components = config.getClass().getRecordComponents();
        for (int i = 1; i < components.length; i++) { // the first is the base
            String key = components[i].getName();
            Object value;
            try {
                value = components[i].getAccessor().invoke(config);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(key + " of " + config.getClass().getSimpleName(), e);
            }
            if (value instanceof String text) {
                text(o, key, text);
            } else if (value instanceof Integer number) {
                positive(o, key, number);
            } else if (value instanceof Boolean on) {
                flag(o, key, on);
            } else if (value instanceof List<?> values) {
                list(o, key, (List<String>) values);
            } else if (value instanceof Map<?, ?> headers) {
                o.set(key, headerOperations((Map<String, String>) headers));
            } else if (value instanceof NatTraversal nat) {
                if (nat.disableAssistedAddrs()) {
                    o.putObject(key).put("disableAssistedAddrs", true);
                }
            } else {
                throw new IllegalStateException("no JSON for " + key + " of " + config.getClass().getSimpleName());
            }
        }
    }

    private static void domains(ObjectNode o, List<String> customDomains, String subdomain) {
        list(o, "customDomains", customDomains);
        text(o, "subdomain", subdomain);
    }

    /** frp's HeaderOperations: {@code {"set":{…}}}, or {@code {}} when nothing is set. */
    private static ObjectNode headerOperations(Map<String, String> set) {
        ObjectNode o = F.objectNode();
        map(o, "set", set);
        return o;
    }

    /** An {@code omitempty} string. */
    static void text(ObjectNode o, String key, String value) {
        if (value != null && !value.isEmpty()) {
            o.put(key, value);
        }
    }

    /** An {@code omitempty} number. */
    static void positive(ObjectNode o, String key, int value) {
        if (value != 0) {
            o.put(key, value);
        }
    }

    /** An {@code omitempty} boolean: written only when true. */
    static void flag(ObjectNode o, String key, boolean value) {
        if (value) {
            o.put(key, true);
        }
    }

    /** An {@code omitempty} list of strings. */
    static void list(ObjectNode o, String key, List<String> values) {
        if (!values.isEmpty()) {
            ArrayNode a = o.putArray(key);
            values.forEach(a::add);
        }
    }

    /** An {@code omitempty} map, keys sorted as Go writes maps. */
    static void map(ObjectNode o, String key, Map<String, String> values) {
        if (!values.isEmpty()) {
            ObjectNode m = o.putObject(key);
            new TreeMap<>(values).forEach(m::put);
        }
    }
}
