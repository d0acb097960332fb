package io.jfrp.client;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One proxy of the client: a local service published on the server. The client itself only relays
 * work connections to {@code localIp:localPort}; the fields after {@code useCompression} travel in
 * NewProxy for the server, which routes by them (http, https, tcpmux, load-balancing groups).
 * Unset text fields are empty, unset lists and maps empty.
 *
 * @param name              the proxy's name
 * @param type              proxy type ({@code tcp}, {@code http}, {@code https}, {@code tcpmux})
 * @param localIp           localIP of the service
 * @param localPort         localPort of the service
 * @param remotePort        tcp: remotePort on the server (0: the server chooses)
 * @param useEncryption     transport.useEncryption: AES-128-CFB on work connections
 * @param useCompression    transport.useCompression: snappy framing on work connections
 * @param customDomains     http/https/tcpmux: customDomains
 * @param subdomain         http/https/tcpmux: subdomain of the server's subDomainHost
 * @param locations         http: locations (URL path prefixes)
 * @param httpUser          http/tcpmux: httpUser (basic auth asked of visitors)
 * @param httpPassword      http/tcpmux: httpPassword
 * @param hostHeaderRewrite http: hostHeaderRewrite
 * @param requestHeaders    http: requestHeaders.set
 * @param responseHeaders   http: responseHeaders.set
 * @param routeByHTTPUser   http/tcpmux: routeByHTTPUser
 * @param multiplexer       tcpmux: multiplexer ({@code httpconnect})
 * @param group             loadBalancer.group
 * @param groupKey          loadBalancer.groupKey
 */
public record ProxyOptions(String name, String type, String localIp, int localPort, int remotePort,
                           boolean useEncryption, boolean useCompression, List<String> customDomains,
                           String subdomain, List<String> locations, String httpUser, String httpPassword,
                           String hostHeaderRewrite, Map<String, String> requestHeaders,
                           Map<String, String> responseHeaders, String routeByHTTPUser, String multiplexer,
                           String group, String groupKey) {
    public ProxyOptions {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(localIp, "localIP");
        customDomains = List.copyOf(customDomains == null ? List.of() : customDomains);
        subdomain = orEmpty(subdomain);
        locations = List.copyOf(locations == null ? List.of() : locations);
        httpUser = orEmpty(httpUser);
        httpPassword = orEmpty(httpPassword);
        hostHeaderRewrite = orEmpty(hostHeaderRewrite);
        requestHeaders = copy(requestHeaders);
        responseHeaders = copy(responseHeaders);
        routeByHTTPUser = orEmpty(routeByHTTPUser);
        multiplexer = orEmpty(multiplexer);
        group = orEmpty(group);
        groupKey = orEmpty(groupKey);
    }

    /** A proxy with only the tcp fields. */
    public ProxyOptions(String name, String type, String localIp, int localPort, int remotePort,
                        boolean useEncryption, boolean useCompression) {
        this(name, type, localIp, localPort, remotePort, useEncryption, useCompression, List.of(), "", List.of(),
                "", "", "", Map.of(), Map.of(), "", "", "", "");
    }

    /** A plain tcp proxy. */
    public static ProxyOptions tcp(String name, String localIp, int localPort, int remotePort) {
        return new ProxyOptions(name, "tcp", localIp, localPort, remotePort, false, false);
    }

    /** An http proxy for {@code customDomains}; refine it with {@link #toBuilder()}. */
    public static ProxyOptions http(String name, String localIp, int localPort, String... customDomains) {
        return builder(name, "http", localIp, localPort).customDomains(List.of(customDomains)).build();
    }

    public static Builder builder(String name, String type, String localIp, int localPort) {
        Builder b = new Builder();
        b.name = name;
        b.type = type;
        b.localIp = localIp;
        b.localPort = localPort;
        return b;
    }

    public Builder toBuilder() {
        Builder b = builder(name, type, localIp, localPort);
        b.remotePort = remotePort;
        b.useEncryption = useEncryption;
        b.useCompression = useCompression;
        b.customDomains = customDomains;
        b.subdomain = subdomain;
        b.locations = locations;
        b.httpUser = httpUser;
        b.httpPassword = httpPassword;
        b.hostHeaderRewrite = hostHeaderRewrite;
        b.requestHeaders = requestHeaders;
        b.responseHeaders = responseHeaders;
        b.routeByHTTPUser = routeByHTTPUser;
        b.multiplexer = multiplexer;
        b.group = group;
        b.groupKey = groupKey;
        return b;
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }

    private static Map<String, String> copy(Map<String, String> m) {
        return m == null || m.isEmpty() ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(m));
    }

    /** Builds a {@link ProxyOptions}; unset fields are empty. */
    public static final class Builder {
        private String name;
        private String type;
        private String localIp;
        private int localPort;
        private int remotePort;
        private boolean useEncryption;
        private boolean useCompression;
        private List<String> customDomains = List.of();
        private String subdomain = "";
        private List<String> locations = List.of();
        private String httpUser = "";
        private String httpPassword = "";
        private String hostHeaderRewrite = "";
        private Map<String, String> requestHeaders = Map.of();
        private Map<String, String> responseHeaders = Map.of();
        private String routeByHTTPUser = "";
        private String multiplexer = "";
        private String group = "";
        private String groupKey = "";

        private Builder() {
        }

        public Builder name(String v) {
            name = v;
            return this;
        }

        public Builder localPort(int v) {
            localPort = v;
            return this;
        }

        public Builder remotePort(int v) {
            remotePort = v;
            return this;
        }

        public Builder useEncryption(boolean v) {
            useEncryption = v;
            return this;
        }

        public Builder useCompression(boolean v) {
            useCompression = v;
            return this;
        }

        public Builder customDomains(List<String> v) {
            customDomains = v;
            return this;
        }

        public Builder subdomain(String v) {
            subdomain = v;
            return this;
        }

        public Builder locations(List<String> v) {
            locations = v;
            return this;
        }

        /** httpUser and httpPassword. */
        public Builder basicAuth(String user, String password) {
            httpUser = user;
            httpPassword = password;
            return this;
        }

        public Builder hostHeaderRewrite(String v) {
            hostHeaderRewrite = v;
            return this;
        }

        public Builder requestHeaders(Map<String, String> v) {
            requestHeaders = v;
            return this;
        }

        public Builder responseHeaders(Map<String, String> v) {
            responseHeaders = v;
            return this;
        }

        public Builder routeByHTTPUser(String v) {
            routeByHTTPUser = v;
            return this;
        }

        public Builder multiplexer(String v) {
            multiplexer = v;
            return this;
        }

        /** loadBalancer.group and loadBalancer.groupKey. */
        public Builder loadBalancer(String group, String groupKey) {
            this.group = group;
            this.groupKey = groupKey;
            return this;
        }

        public ProxyOptions build() {
            return new ProxyOptions(name, type, localIp, localPort, remotePort, useEncryption, useCompression,
                    customDomains, subdomain, locations, httpUser, httpPassword, hostHeaderRewrite, requestHeaders,
                    responseHeaders, routeByHTTPUser, multiplexer, group, groupKey);
        }
    }
}
