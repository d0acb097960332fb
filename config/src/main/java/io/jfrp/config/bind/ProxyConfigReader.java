package io.jfrp.config.bind;

import io.jfrp.config.model.FrpType;
import com.typesafe.config.Config;
import io.jfrp.config.model.proxy.HealthCheck;
import io.jfrp.config.model.proxy.NatTraversal;
import io.jfrp.config.model.proxy.ProxyBuilder;
import io.jfrp.config.model.proxy.ProxyConfig;
import io.jfrp.config.model.proxy.ProxyPlugin;
import io.jfrp.config.model.proxy.ProxyTransport;
import io.jfrp.config.model.proxy.ProxyType;
import io.jfrp.config.model.visitor.VisitorBuilder;
import io.jfrp.config.model.visitor.VisitorConfig;
import io.jfrp.config.model.visitor.VisitorPlugin;
import io.jfrp.config.model.visitor.VisitorTransport;
import io.jfrp.config.model.visitor.VisitorType;

import java.util.ArrayList;
import java.util.List;

import static io.jfrp.config.bind.SettingReads.bool;
import static io.jfrp.config.bind.SettingReads.integer;
import static io.jfrp.config.bind.SettingReads.string;
import static io.jfrp.config.bind.SettingReads.stringMap;
import static io.jfrp.config.bind.SettingReads.strings;

/**
 * Makes a {@link ProxyConfig} (or {@link VisitorConfig}) of one validated {@code [[proxies]]}
 * ({@code [[visitors]]}) table. Every key of every type is read into a {@link ProxyBuilder}; the
 * validation has made sure only the keys of the table's type are there, and the builder makes the
 * record of that type. No code here is per type.
 */
public final class ProxyConfigReader {
    private ProxyConfigReader() {
    }

    /** One proxy table over the proxy defaults (localIP, remotePort, transport). */
    public static ProxyConfig read(Config proxy, Config defaults) {
        Config c = proxy.withFallback(defaults);
        ProxyType type = ProxyType.fromFrpName(c.getString("type")).orElseThrow(() ->
                new IllegalArgumentException("unknown proxy type " + c.getString("type")));
        return ProxyBuilder.of(type, c.getString("name"))
                .enabled(bool(c, "enabled", true))
                .local(string(c, "localIP"), integer(c, "localPort", 0))
                .transport(new ProxyTransport(bool(c, "transport.useEncryption", false),
                        bool(c, "transport.useCompression", false), string(c, "transport.bandwidthLimit"),
                        string(c, "transport.bandwidthLimitMode"), string(c, "transport.proxyProtocolVersion")))
                .loadBalancer(string(c, "loadBalancer.group"), string(c, "loadBalancer.groupKey"))
                .healthCheck(c.hasPath("healthCheck") ? healthCheck(c.getConfig("healthCheck")) : HealthCheck.NONE)
                .plugin(c.hasPath("plugin") ? plugin(c.getConfig("plugin")) : ProxyPlugin.NONE)
                .metadatas(stringMap(c, "metadatas"))
                .annotations(stringMap(c, "annotations"))
                .remotePort(integer(c, "remotePort", 0))
                .customDomains(strings(c, "customDomains"))
                .subdomain(string(c, "subdomain"))
                .locations(strings(c, "locations"))
                .basicAuth(string(c, "httpUser"), string(c, "httpPassword"))
                .hostHeaderRewrite(string(c, "hostHeaderRewrite"))
                .requestHeaders(stringMap(c, "requestHeaders.set"))
                .responseHeaders(stringMap(c, "responseHeaders.set"))
                .routeByHTTPUser(string(c, "routeByHTTPUser"))
                .multiplexer(string(c, "multiplexer"))
                .secretKey(string(c, "secretKey"))
                .allowUsers(strings(c, "allowUsers"))
                .natTraversal(new NatTraversal(bool(c, "natTraversal.disableAssistedAddrs", false)))
                .build();
    }

    /** One visitor table. */
    public static VisitorConfig readVisitor(Config c) {
        VisitorType type = FrpType.named(VisitorType.values(), c.getString("type")).orElseThrow(() ->
                new IllegalArgumentException("unknown visitor type " + c.getString("type")));
        return VisitorBuilder.of(type, c.getString("name"))
                .enabled(bool(c, "enabled", true))
                .transport(new VisitorTransport(bool(c, "transport.useEncryption", false),
                        bool(c, "transport.useCompression", false)))
                .secretKey(string(c, "secretKey"))
                .server(string(c, "serverUser"), string(c, "serverName"))
                .bind(string(c, "bindAddr"), integer(c, "bindPort", 0))
                .plugin(new VisitorPlugin(string(c, "plugin.type"), string(c, "plugin.destinationIP")))
                .tunnel(string(c, "protocol"), bool(c, "keepTunnelOpen", false))
                .retries(integer(c, "maxRetriesAnHour", 8), integer(c, "minRetryInterval", 90))
                .fallback(string(c, "fallbackTo"), integer(c, "fallbackTimeoutMs", 1000))
                .natTraversal(new NatTraversal(bool(c, "natTraversal.disableAssistedAddrs", false)))
                .build();
    }

    private static HealthCheck healthCheck(Config c) {
        List<HealthCheck.Header> headers = new ArrayList<>();
        if (c.hasPath("httpHeaders")) {
            for (Config h : c.getConfigList("httpHeaders")) {
                headers.add(new HealthCheck.Header(string(h, "name"), string(h, "value")));
            }
        }
        return new HealthCheck(string(c, "type"), integer(c, "timeoutSeconds", 3), integer(c, "maxFailed", 1),
                integer(c, "intervalSeconds", 10), string(c, "path"), headers);
    }

    private static ProxyPlugin plugin(Config c) {
        return new ProxyPlugin(string(c, "type"), string(c, "localAddr"), string(c, "hostHeaderRewrite"),
                stringMap(c, "requestHeaders.set"), bool(c, "enableHTTP2", true), string(c, "crtPath"),
                string(c, "keyPath"), string(c, "httpUser"), string(c, "httpPassword"), string(c, "username"),
                string(c, "password"), string(c, "localPath"), string(c, "stripPrefix"), string(c, "unixPath"));
    }
}
