package io.jfrp.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigValue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One {@code [[proxies]]} entry of a type jfrp implements (tcp, http, https, tcpmux). Immutable.
 * The fields after {@code useCompression} are empty when not set or not meaningful for the type.
 *
 * @param name              the name as written (the wire name is {@link #wireName(String)})
 * @param type              the proxy type
 * @param localIP           the local service's address (default 127.0.0.1)
 * @param localPort         the local service's port
 * @param remotePort        tcp: the public port asked of frps; 0 lets frps choose
 * @param useEncryption     encrypt work connections
 * @param useCompression    compress work connections
 * @param customDomains     http/https/tcpmux: domains routed to this proxy
 * @param subdomain         http/https/tcpmux: served as {@code subdomain.<frps subDomainHost>}
 * @param locations         http: URL path prefixes routed to this proxy
 * @param httpUser          http/tcpmux: basic-auth user asked of visitors
 * @param httpPassword      http/tcpmux: basic-auth password
 * @param hostHeaderRewrite http: Host header sent to the local service
 * @param requestHeaders    http: requestHeaders.set, headers set on requests
 * @param responseHeaders   http: responseHeaders.set, headers set on responses
 * @param routeByHTTPUser   http/tcpmux: route only requests of this basic-auth user here
 * @param multiplexer       tcpmux: {@code httpconnect}
 * @param group             loadBalancer.group: proxies of one group share a port or route
 * @param groupKey          loadBalancer.groupKey: the group's secret
 */
public record ProxySettings(String name, String type, String localIP, int localPort, int remotePort,
                            boolean useEncryption, boolean useCompression, List<String> customDomains,
                            String subdomain, List<String> locations, String httpUser, String httpPassword,
                            String hostHeaderRewrite, Map<String, String> requestHeaders,
                            Map<String, String> responseHeaders, String routeByHTTPUser, String multiplexer,
                            String group, String groupKey) {

    public ProxySettings {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(localIP, "localIP");
        if (localPort < 1 || localPort > 65535 || remotePort < 0 || remotePort > 65535) {
            throw new IllegalArgumentException("proxy " + name + ": bad ports " + localPort + " / " + remotePort);
        }
        customDomains = List.copyOf(customDomains == null ? List.of() : customDomains);
        subdomain = subdomain == null ? "" : subdomain;
        locations = List.copyOf(locations == null ? List.of() : locations);
        httpUser = httpUser == null ? "" : httpUser;
        httpPassword = httpPassword == null ? "" : httpPassword;
        hostHeaderRewrite = hostHeaderRewrite == null ? "" : hostHeaderRewrite;
        requestHeaders = requestHeaders == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(requestHeaders));
        responseHeaders = responseHeaders == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(responseHeaders));
        routeByHTTPUser = routeByHTTPUser == null ? "" : routeByHTTPUser;
        multiplexer = multiplexer == null ? "" : multiplexer;
        group = group == null ? "" : group;
        groupKey = groupKey == null ? "" : groupKey;
    }

    /** A proxy with only the tcp fields (the others empty). */
    public ProxySettings(String name, String type, String localIP, int localPort, int remotePort,
                         boolean useEncryption, boolean useCompression) {
        this(name, type, localIP, localPort, remotePort, useEncryption, useCompression, List.of(), "", List.of(),
                "", "", "", Map.of(), Map.of(), "", "", "", "");
    }

    /** Reads one validated proxy table, over the proxy defaults. */
    static ProxySettings from(Config proxy, Config defaults) {
        Config c = proxy.withFallback(defaults);
        return new ProxySettings(c.getString("name"), c.getString("type"), c.getString("localIP"),
                c.getInt("localPort"), c.getInt("remotePort"), c.getBoolean("transport.useEncryption"),
                c.getBoolean("transport.useCompression"), strings(c, "customDomains"), string(c, "subdomain"),
                strings(c, "locations"), string(c, "httpUser"), string(c, "httpPassword"),
                string(c, "hostHeaderRewrite"), stringMap(c, "requestHeaders.set"),
                stringMap(c, "responseHeaders.set"), string(c, "routeByHTTPUser"), string(c, "multiplexer"),
                string(c, "loadBalancer.group"), string(c, "loadBalancer.groupKey"));
    }

    private static String string(Config c, String key) {
        return c.hasPath(key) ? c.getString(key) : "";
    }

    private static List<String> strings(Config c, String key) {
        return c.hasPath(key) ? c.getStringList(key) : List.of();
    }

    /** A table of strings in file order (header names keep their spelling). */
    private static Map<String, String> stringMap(Config c, String key) {
        Map<String, String> out = new LinkedHashMap<>();
        if (c.hasPath(key)) {
            for (Map.Entry<String, ConfigValue> e : c.getObject(key).entrySet()) {
                out.put(e.getKey(), String.valueOf(e.getValue().unwrapped()));
            }
        }
        return out;
    }

    /** The name on the wire: {@code user.name} when the client sets {@code user}, as frp does. */
    public String wireName(String user) {
        return user == null || user.isEmpty() ? name : user + "." + name;
    }
}
