package io.jfrp.config.schema;

import io.jfrp.config.model.proxy.ProxyType;

import static io.jfrp.config.schema.KeyType.BANDWIDTH;
import static io.jfrp.config.schema.KeyType.BOOL;
import static io.jfrp.config.schema.KeyType.INT;
import static io.jfrp.config.schema.KeyType.PORT;
import static io.jfrp.config.schema.KeyType.STRING;
import static io.jfrp.config.schema.KeyType.STRING_LIST;
import static io.jfrp.config.schema.KeyType.STRING_MAP;
import static io.jfrp.config.schema.KeyType.TABLE;
import static io.jfrp.config.schema.KeyType.TABLE_LIST;

/**
 * The keys of one {@code [[proxies]]} table (frp's {@code ProxyBaseConfig} and the per-type configs of
 * {@code proxy.go}) and of its {@code plugin} table. Which type a key belongs to is its
 * {@code types(...)}; the type names come from {@link ProxyType}.
 */
final class ProxyKeys {
    /** Proxy types of frp v1, from the model's one list. */
    static final String[] PROXY_TYPES = ProxyType.frpNames();
    /** Client plugin types of frp v1 ({@code [proxies.plugin] type = ...}). */
    static final String[] CLIENT_PLUGIN_TYPES = {"http2https", "http_proxy", "https2http", "https2https",
        "http2http", "socks5", "static_file", "unix_domain_socket", "tls2raw", "virtual_net"};

    /** A proxy's {@code plugin} table, keyed by plugin {@code type}. */
    static final ConfigScope CLIENT_PLUGIN = clientPlugin();
    /** One element of {@code proxies}, keyed by proxy {@code type}. */
    static final ConfigScope PROXY = proxy();

    private ProxyKeys() {
    }

    private static ConfigScope proxy() {
        ConfigScope.Builder b = ConfigScope.builder("proxy").discriminator("type", PROXY_TYPES);
        b.key("name", STRING).impl().doc("proxy name, unique in the client");
        b.key("type", STRING).impl().values(PROXY_TYPES).doc("proxy type (jfrp: all but xtcp)");
        b.key("enabled", BOOL).dflt("true").impl().doc("false = do not start this proxy");
        b.key("annotations", STRING_MAP).impl().doc("shown on the frps dashboard (sent in NewProxy)");
        b.key("transport.useEncryption", BOOL).dflt("false").impl().doc("encrypt work connections");
        b.key("transport.useCompression", BOOL).dflt("false").impl().doc("compress work connections");
        b.key("transport.bandwidthLimit", BANDWIDTH).impl()
                .doc("bandwidth limit of the proxy (both directions, all connections), e.g. 1MB");
        b.key("transport.bandwidthLimitMode", STRING).dflt("client").impl().zeroDefault().values("client", "server")
                .doc("where the limit is enforced: jfrpc (client) or jfrps (server)");
        b.key("transport.proxyProtocolVersion", STRING).values("", "v1", "v2").impl()
                .doc("PROXY protocol header written to the local service");
        b.key("metadatas", STRING_MAP).impl().doc("sent to server plugins (in NewProxy)");
        b.key("loadBalancer.group", STRING).impl().doc("load-balancing group");
        b.key("loadBalancer.groupKey", STRING).impl().doc("group secret");
        b.key("healthCheck.type", STRING).values("", "tcp", "http").impl().doc("health check kind");
        b.key("healthCheck.timeoutSeconds", INT).dflt("3").impl().doc("health check timeout");
        b.key("healthCheck.maxFailed", INT).dflt("1").impl().doc("failures before the proxy is removed");
        b.key("healthCheck.intervalSeconds", INT).dflt("10").impl().doc("health check interval");
        b.key("healthCheck.path", STRING).impl().doc("http health check path");
        b.key("healthCheck.httpHeaders", TABLE_LIST).element(SharedKeys.NAME_VALUE).impl().doc("http health check headers");
        b.key("localIP", STRING).dflt("127.0.0.1").impl().zeroDefault().doc("local service address");
        b.key("localPort", PORT).impl().doc("local service port");
        b.key("plugin", TABLE).impl().element(CLIENT_PLUGIN).doc("handle connections with a built-in plugin");
        b.key("remotePort", PORT).dflt("0 (frps picks)").impl().types("tcp", "udp").doc("public port on frps");
        b.key("customDomains", STRING_LIST).types("http", "https", "tcpmux").impl().doc("vhost domains");
        b.key("subdomain", STRING).types("http", "https", "tcpmux").impl().doc("vhost subdomain of subDomainHost");
        b.key("locations", STRING_LIST).types("http").impl().doc("URL path prefixes routed here");
        b.key("httpUser", STRING).types("http", "tcpmux").impl().doc("basic-auth user");
        b.key("httpPassword", STRING).types("http", "tcpmux").impl().doc("basic-auth password");
        b.key("hostHeaderRewrite", STRING).types("http").impl().doc("Host header sent to the local service");
        b.key("requestHeaders.set", STRING_MAP).types("http").impl().doc("request headers set");
        b.key("responseHeaders.set", STRING_MAP).types("http").impl().doc("response headers set");
        b.key("routeByHTTPUser", STRING).types("http", "tcpmux").impl().doc("route by basic-auth user");
        b.key("multiplexer", STRING).types("tcpmux").impl().values("httpconnect").doc("tcpmux multiplexer");
        b.key("secretKey", STRING).types("stcp", "xtcp", "sudp").impl().doc("visitor secret");
        b.key("allowUsers", STRING_LIST).types("stcp", "xtcp", "sudp").impl().doc("users whose visitors may connect");
        b.key("natTraversal.disableAssistedAddrs", BOOL).dflt("false").types("xtcp")
                .doc("xtcp: only STUN-discovered addresses");
        return b.build();
    }

    private static ConfigScope clientPlugin() {
        ConfigScope.Builder b = ConfigScope.builder("plugin").discriminator("type", CLIENT_PLUGIN_TYPES);
        b.key("type", STRING).values(CLIENT_PLUGIN_TYPES).impl().doc("plugin type");
        b.key("localAddr", STRING).types("http2https", "https2http", "https2https", "http2http", "tls2raw")
                .impl().doc("local service host:port");
        b.key("hostHeaderRewrite", STRING).types("http2https", "https2http", "https2https", "http2http")
                .impl().doc("Host header sent to the local service");
        b.key("requestHeaders.set", STRING_MAP).types("http2https", "https2http", "https2https", "http2http")
                .impl().doc("request headers set");
        b.key("enableHTTP2", BOOL).dflt("true").types("https2http", "https2https").impl().doc("offer HTTP/2");
        b.key("crtPath", STRING).types("https2http", "https2https", "tls2raw").impl().doc("certificate (PEM)");
        b.key("keyPath", STRING).types("https2http", "https2https", "tls2raw").impl().doc("private key (PEM)");
        b.key("httpUser", STRING).types("http_proxy", "static_file").impl().doc("basic-auth user");
        b.key("httpPassword", STRING).types("http_proxy", "static_file").impl().doc("basic-auth password");
        b.key("username", STRING).types("socks5").impl().doc("SOCKS5 user");
        b.key("password", STRING).types("socks5").impl().doc("SOCKS5 password");
        b.key("localPath", STRING).types("static_file").impl().doc("directory served");
        b.key("stripPrefix", STRING).types("static_file").impl().doc("URL prefix removed");
        b.key("unixPath", STRING).types("unix_domain_socket").impl().doc("socket path");
        return b.build();
    }
}
