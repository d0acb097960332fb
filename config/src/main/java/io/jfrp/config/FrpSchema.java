package io.jfrp.config;

import static io.jfrp.config.KeyType.BANDWIDTH;
import static io.jfrp.config.KeyType.BOOL;
import static io.jfrp.config.KeyType.BOOL_MAP;
import static io.jfrp.config.KeyType.INT;
import static io.jfrp.config.KeyType.PORT;
import static io.jfrp.config.KeyType.PORT_RANGES;
import static io.jfrp.config.KeyType.SECONDS;
import static io.jfrp.config.KeyType.STRING;
import static io.jfrp.config.KeyType.STRING_LIST;
import static io.jfrp.config.KeyType.STRING_MAP;
import static io.jfrp.config.KeyType.TABLE;
import static io.jfrp.config.KeyType.TABLE_LIST;

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
 * {@code jfrp.loginMaxSkew}: they are defined by the defaults themselves (see {@link ConfigValidator}).
 */
public final class FrpSchema {
    /** Proxy types of frp v1 ({@code [[proxies]] type = ...}). jfrp implements {@code tcp}, {@code http}. */
    public static final String[] PROXY_TYPES = {"tcp", "udp", "http", "https", "tcpmux", "stcp", "xtcp", "sudp"};
    /** Visitor types of frp v1. jfrp implements none yet. */
    public static final String[] VISITOR_TYPES = {"stcp", "xtcp", "sudp"};
    /** Client plugin types of frp v1 ({@code [proxies.plugin] type = ...}). */
    public static final String[] CLIENT_PLUGIN_TYPES = {"http2https", "http_proxy", "https2http", "https2https",
        "http2http", "socks5", "static_file", "unix_domain_socket", "tls2raw", "virtual_net"};

    private static final String[] LOG_LEVELS = {"trace", "debug", "info", "warn", "error"};
    private static final String[] AUTH_SCOPES = {"HeartBeats", "NewWorkConns"};
    private static final String[] HTTP_PLUGIN_OPS = {"Login", "NewProxy", "CloseProxy", "Ping", "NewWorkConn",
        "NewUserConn"};

    /** {@code {name, value}} tables: healthCheck.httpHeaders, tokenSource exec env. */
    static final ConfigScope NAME_VALUE = nameValue();
    /** One element of frps {@code httpPlugins}. */
    public static final ConfigScope HTTP_PLUGIN = httpPlugin();
    /** A proxy's {@code plugin} table, keyed by plugin {@code type}. */
    public static final ConfigScope CLIENT_PLUGIN = clientPlugin();
    /** A visitor's {@code plugin} table. */
    public static final ConfigScope VISITOR_PLUGIN = visitorPlugin();
    /** One element of frpc {@code proxies}, keyed by proxy {@code type}. */
    public static final ConfigScope PROXY = proxy();
    /** One element of frpc {@code visitors}, keyed by visitor {@code type}. */
    public static final ConfigScope VISITOR = visitor();
    /** The root of frps.toml. */
    public static final ConfigScope SERVER = server();
    /** The root of frpc.toml. */
    public static final ConfigScope CLIENT = client();
    /**
     * jfrp-only keys of frps under {@code jfrp}, declared here because their type is not what HOCON would
     * infer from the default (a plain number means seconds, as in frp's own keys). Every other
     * {@code jfrp.*} key is known from the defaults (reference.conf).
     */
    public static final ConfigScope SERVER_JFRP = serverJfrp();
    /** jfrp-only keys of frpc declared with an explicit type (none yet beyond those in the defaults). */
    public static final ConfigScope CLIENT_JFRP = ConfigScope.builder("jfrp").build();

    private FrpSchema() {
    }

    private static ConfigScope server() {
        ConfigScope.Builder b = ConfigScope.builder("frps");
        b.key("version", STRING).noEffect().doc("API metadata; frp does not act on it");
        serverAuth(b);
        b.key("bindAddr", STRING).dflt("0.0.0.0").impl().zeroDefault().doc("address frps listens on for frpc");
        b.key("bindPort", PORT).dflt("7000").impl().zeroDefault().doc("TCP port frps listens on for frpc");
        b.key("kcpBindPort", PORT).dflt("0").doc("UDP port for KCP; 0 = off");
        b.key("quicBindPort", PORT).dflt("0").doc("UDP port for QUIC; 0 = off");
        b.key("proxyBindAddr", STRING).dflt("same as bindAddr").impl().zeroDefault()
                .doc("address the public proxy ports listen on");
        b.key("vhostHTTPPort", PORT).dflt("0").impl().doc("HTTP vhost port; 0 = off");
        b.key("vhostHTTPTimeout", SECONDS).dflt("60").impl().zeroDefault().doc("vhost HTTP response-header timeout");
        b.key("vhostHTTPSPort", PORT).dflt("0").impl().doc("HTTPS vhost port; 0 = off");
        b.key("tcpmuxHTTPConnectPort", PORT).dflt("0").impl().doc("tcpmux HTTP CONNECT port; 0 = off");
        b.key("tcpmuxPassthrough", BOOL).dflt("false").impl().doc("tcpmux: forward the CONNECT request unchanged");
        b.key("subDomainHost", STRING).dflt("").impl().doc("domain appended to http/https subdomains");
        b.key("custom404Page", STRING).dflt("").impl().doc("file served for unknown vhosts");
        b.key("sshTunnelGateway.bindPort", PORT).dflt("0").doc("SSH tunnel gateway port; 0 = off");
        b.key("sshTunnelGateway.privateKeyFile", STRING).dflt("").doc("SSH host key");
        b.key("sshTunnelGateway.autoGenPrivateKeyPath", STRING).dflt("./.autogen_ssh_key").zeroDefault()
                .doc("where a generated SSH host key is kept");
        b.key("sshTunnelGateway.authorizedKeysFile", STRING).dflt("").doc("authorized_keys for the gateway");
        webServer(b);
        b.key("enablePrometheus", BOOL).dflt("false").doc("export /metrics on the web server");
        log(b);
        b.key("transport.tcpMux", BOOL).dflt("true").impl().doc("yamux stream multiplexing; must match frpc");
        b.key("transport.tcpMuxKeepaliveInterval", SECONDS).dflt("30").impl().zeroDefault()
                .doc("yamux keepalive interval (frp < 0.58: 60)");
        b.key("transport.tcpKeepalive", SECONDS).dflt("7200").negativeDisables().zeroDefault()
                .doc("TCP keepalive probe interval; negative = off");
        b.key("transport.maxPoolCount", INT).dflt("5").impl().zeroDefault()
                .doc("upper bound on each client's pool of ready work connections");
        b.key("transport.heartbeatTimeout", SECONDS).dflt("-1 with tcpMux, else 90").impl().negativeDisables()
                .zeroDefault().doc("close a control connection with no Ping for this long; negative = off");
        quic(b, "transport.quic");
        b.key("transport.tls.force", BOOL).dflt("false (true when trustedCaFile is set)").impl()
                .doc("accept TLS connections only");
        b.key("transport.tls.certFile", STRING).dflt("").impl().doc("server certificate (PEM)");
        b.key("transport.tls.keyFile", STRING).dflt("").impl().doc("server private key (PEM)");
        b.key("transport.tls.trustedCaFile", STRING).dflt("").impl()
                .doc("CA that client certificates must chain to; implies tls.force");
        b.key("transport.tls.serverName", STRING).dflt("").noEffect()
                .doc("accepted by frps (shared TLS struct) but unused on the server");
        b.key("detailedErrorsToClient", BOOL).dflt("true").doc("send detailed errors to frpc");
        b.key("maxPortsPerClient", INT).dflt("0").impl().doc("ports one client may hold; 0 = no limit");
        b.key("userConnTimeout", SECONDS).dflt("10").impl().zeroDefault().range(0, Integer.MAX_VALUE)
                .doc("how long a public connection waits for a work connection");
        b.key("udpPacketSize", INT).dflt("1500").zeroDefault().doc("UDP packet size for udp/sudp proxies");
        b.key("natholeAnalysisDataReserveHours", INT).dflt("168").zeroDefault()
                .doc("how long NAT hole punching data is kept");
        b.key("allowPorts", PORT_RANGES).dflt("(no limit)").impl().doc("ports clients may ask for as remotePort");
        b.key("httpPlugins", TABLE_LIST).element(HTTP_PLUGIN).doc("server plugins called over HTTP");
        return b.build();
    }

    private static ConfigScope client() {
        ConfigScope.Builder b = ConfigScope.builder("frpc");
        b.key("version", STRING).noEffect().doc("API metadata; frp does not act on it");
        clientAuth(b);
        b.key("user", STRING).dflt("").impl().doc("prefix for proxy names: {user}.{name}");
        b.key("clientID", STRING).dflt("").doc("unique id of this frpc");
        b.key("serverAddr", STRING).dflt("0.0.0.0").impl().zeroDefault().doc("frps host or address");
        b.key("serverPort", PORT).dflt("7000").impl().zeroDefault().doc("frps bindPort");
        b.key("natHoleStunServer", STRING).dflt("stun.easyvoip.com:3478").zeroDefault().doc("STUN server for xtcp");
        b.key("dnsServer", STRING).dflt("").doc("DNS server frpc uses instead of the system's");
        b.key("loginFailExit", BOOL).dflt("true").impl().doc("exit when the first login fails, else retry");
        b.key("start", STRING_LIST).dflt("[] (all)").impl()
                .doc("names of the proxies and visitors to start; empty = all");
        log(b);
        webServer(b);
        b.key("transport.protocol", STRING).dflt("tcp").zeroDefault().values("tcp", "kcp", "quic", "websocket", "wss")
                .doc("transport to frps (jfrp: tcp)");
        b.key("transport.wireProtocol", STRING).dflt("v1").zeroDefault().values("v1", "v2")
                .doc("frp wire protocol version (frp >= 0.69; jfrp: v1)");
        b.key("transport.dialServerTimeout", SECONDS).dflt("10").impl().zeroDefault().range(0, Integer.MAX_VALUE)
                .doc("connect timeout to frps");
        b.key("transport.dialServerKeepalive", SECONDS).dflt("7200").negativeDisables().zeroDefault()
                .doc("TCP keepalive probe interval; negative = off");
        b.key("transport.connectServerLocalIP", STRING).dflt("").doc("local address to dial frps from");
        b.key("transport.proxyURL", STRING).dflt("$http_proxy").zeroDefault()
                .doc("HTTP/SOCKS5/NTLM proxy to reach frps through");
        b.key("transport.poolCount", INT).dflt("1").impl().zeroDefault()
                .doc("work connections made in advance (frp v1: 0 means the default, 1)");
        b.key("transport.tcpMux", BOOL).dflt("true").impl().doc("yamux stream multiplexing; must match frps");
        b.key("transport.tcpMuxKeepaliveInterval", SECONDS).dflt("30").impl().zeroDefault()
                .doc("yamux keepalive interval (frp < 0.58: 60)");
        quic(b, "transport.quic");
        b.key("transport.heartbeatInterval", SECONDS).dflt("-1 with tcpMux, else 30").impl().negativeDisables()
                .zeroDefault().doc("Ping interval; negative = off (frp < 0.58: 30 always)");
        b.key("transport.heartbeatTimeout", SECONDS).dflt("-1 with tcpMux, else 90").impl().negativeDisables()
                .zeroDefault().doc("close the session with no Pong for this long; negative = off");
        b.key("transport.tls.enable", BOOL).dflt("true").impl().doc("TLS to frps (default since frp 0.50)");
        b.key("transport.tls.disableCustomTLSFirstByte", BOOL).dflt("true").impl()
                .doc("false = send the 0x17 byte before the TLS ClientHello, as frp < 0.50 did");
        b.key("transport.tls.certFile", STRING).dflt("").impl().doc("client certificate (PEM)");
        b.key("transport.tls.keyFile", STRING).dflt("").impl().doc("client private key (PEM)");
        b.key("transport.tls.trustedCaFile", STRING).dflt("").impl().doc("CA that the server certificate must chain to");
        b.key("transport.tls.serverName", STRING).dflt("same as serverAddr").impl().doc("name checked in the server certificate");
        b.key("virtualNet.address", STRING).dflt("").doc("virtual network address (feature gate VirtualNet)");
        b.key("featureGates", BOOL_MAP).doc("experimental features on/off");
        b.key("udpPacketSize", INT).dflt("1500").zeroDefault().doc("UDP packet size for udp/sudp proxies");
        b.key("metadatas", STRING_MAP).doc("client metadata sent in Login");
        b.key("includes", STRING_LIST).doc("more files with proxies and visitors");
        b.key("store.path", STRING).dflt("").doc("file of the built-in proxy store");
        b.key("proxies", TABLE_LIST).impl().element(PROXY).doc("proxies (jfrp: type tcp)");
        b.key("visitors", TABLE_LIST).element(VISITOR).doc("visitors");
        return b.build();
    }

    private static ConfigScope serverJfrp() {
        ConfigScope.Builder b = ConfigScope.builder("jfrp");
        b.key("loginMaxSkew", SECONDS).dflt("900 (15 minutes)").impl()
                .doc("reject a Login whose timestamp is further than this from our clock; 0 = no check (stock frps)");
        return b.build();
    }

    private static void serverAuth(ConfigScope.Builder b) {
        b.key("auth.method", STRING).dflt("token").impl().zeroDefault().values("token", "oidc")
                .doc("authentication method (jfrp: token)");
        b.key("auth.additionalScopes", STRING_LIST).dflt("[]").impl().values(AUTH_SCOPES)
                .doc("also authenticate Pings / NewWorkConns");
        b.key("auth.token", STRING).dflt("").impl().doc("shared secret");
        tokenSource(b, "auth.tokenSource");
        b.key("auth.oidc.issuer", STRING).doc("OIDC issuer");
        b.key("auth.oidc.audience", STRING).doc("OIDC audience");
        b.key("auth.oidc.skipExpiryCheck", BOOL).dflt("false").doc("OIDC: accept expired tokens");
        b.key("auth.oidc.skipIssuerCheck", BOOL).dflt("false").doc("OIDC: skip the issuer check");
    }

    private static void clientAuth(ConfigScope.Builder b) {
        b.key("auth.method", STRING).dflt("token").impl().zeroDefault().values("token", "oidc")
                .doc("authentication method (jfrp: token)");
        b.key("auth.additionalScopes", STRING_LIST).dflt("[]").impl().values(AUTH_SCOPES)
                .doc("also authenticate Pings / NewWorkConns");
        b.key("auth.token", STRING).dflt("").impl().doc("shared secret");
        tokenSource(b, "auth.tokenSource");
        b.key("auth.oidc.clientID", STRING).doc("OIDC client id");
        b.key("auth.oidc.clientSecret", STRING).doc("OIDC client secret");
        b.key("auth.oidc.audience", STRING).doc("OIDC audience");
        b.key("auth.oidc.scope", STRING).doc("OIDC scope");
        b.key("auth.oidc.tokenEndpointURL", STRING).doc("OIDC token endpoint");
        b.key("auth.oidc.additionalEndpointParams", STRING_MAP).doc("extra token endpoint parameters");
        b.key("auth.oidc.trustedCaFile", STRING).doc("CA for the token endpoint");
        b.key("auth.oidc.insecureSkipVerify", BOOL).dflt("false").doc("do not verify the token endpoint");
        b.key("auth.oidc.proxyURL", STRING).doc("proxy for the token endpoint");
        tokenSource(b, "auth.oidc.tokenSource");
    }

    /** frp's ValueSource: a secret read from a file or a program's output. */
    private static void tokenSource(ConfigScope.Builder b, String prefix) {
        b.key(prefix + ".type", STRING).values("file", "exec").doc("where the token comes from");
        b.key(prefix + ".file.path", STRING).doc("file holding the token");
        b.key(prefix + ".exec.command", STRING).doc("program printing the token");
        b.key(prefix + ".exec.args", STRING_LIST).doc("its arguments");
        b.key(prefix + ".exec.env", TABLE_LIST).element(NAME_VALUE).doc("its environment ({name, value})");
    }

    private static void log(ConfigScope.Builder b) {
        b.key("log.to", STRING).dflt("console").zeroDefault().doc("console or a file path");
        b.key("log.level", STRING).dflt("info").impl().zeroDefault().values(LOG_LEVELS).doc("minimum log level");
        b.key("log.maxDays", INT).dflt("3").zeroDefault().doc("days of log files kept");
        b.key("log.disablePrintColor", BOOL).dflt("false").doc("no colours on the console");
    }

    private static void webServer(ConfigScope.Builder b) {
        b.key("webServer.addr", STRING).dflt("127.0.0.1").zeroDefault().doc("dashboard / admin API address");
        b.key("webServer.port", PORT).dflt("0").doc("dashboard / admin API port; 0 = off");
        b.key("webServer.user", STRING).doc("basic-auth user");
        b.key("webServer.password", STRING).doc("basic-auth password");
        b.key("webServer.assetsDir", STRING).doc("serve assets from this directory");
        b.key("webServer.pprofEnable", BOOL).dflt("false").doc("Go pprof handlers");
        tls(b, "webServer.tls");
    }

    /** frp's TLSConfig struct. */
    private static void tls(ConfigScope.Builder b, String prefix) {
        b.key(prefix + ".certFile", STRING).doc("certificate (PEM)");
        b.key(prefix + ".keyFile", STRING).doc("private key (PEM)");
        b.key(prefix + ".trustedCaFile", STRING).doc("trusted CA (PEM)");
        b.key(prefix + ".serverName", STRING).doc("TLS server name");
    }

    private static void quic(ConfigScope.Builder b, String prefix) {
        b.key(prefix + ".keepalivePeriod", INT).dflt("10").zeroDefault().doc("QUIC keepalive, seconds");
        b.key(prefix + ".maxIdleTimeout", INT).dflt("30").zeroDefault().doc("QUIC idle timeout, seconds");
        b.key(prefix + ".maxIncomingStreams", INT).dflt("100000").zeroDefault().doc("QUIC stream limit");
    }

    private static ConfigScope nameValue() {
        ConfigScope.Builder b = ConfigScope.builder("name/value");
        b.key("name", STRING).doc("name");
        b.key("value", STRING).doc("value");
        return b.build();
    }

    private static ConfigScope httpPlugin() {
        ConfigScope.Builder b = ConfigScope.builder("httpPlugin");
        b.key("name", STRING).doc("plugin name");
        b.key("addr", STRING).doc("host:port of the plugin");
        b.key("path", STRING).doc("URL path of the plugin");
        b.key("ops", STRING_LIST).values(HTTP_PLUGIN_OPS).doc("operations sent to the plugin");
        b.key("tlsVerify", BOOL).dflt("false").doc("verify the plugin's certificate");
        b.key("tls_verify", BOOL).dflt("false").doc("frp 0.52 spelling of tlsVerify");
        return b.build();
    }

    private static ConfigScope clientPlugin() {
        ConfigScope.Builder b = ConfigScope.builder("plugin").discriminator("type", CLIENT_PLUGIN_TYPES);
        b.key("type", STRING).values(CLIENT_PLUGIN_TYPES).doc("plugin type");
        b.key("localAddr", STRING).types("http2https", "https2http", "https2https", "http2http", "tls2raw")
                .doc("local service host:port");
        b.key("hostHeaderRewrite", STRING).types("http2https", "https2http", "https2https", "http2http")
                .doc("Host header sent to the local service");
        b.key("requestHeaders.set", STRING_MAP).types("http2https", "https2http", "https2https", "http2http")
                .doc("request headers set");
        b.key("enableHTTP2", BOOL).dflt("true").types("https2http", "https2https").doc("offer HTTP/2");
        b.key("crtPath", STRING).types("https2http", "https2https", "tls2raw").doc("certificate (PEM)");
        b.key("keyPath", STRING).types("https2http", "https2https", "tls2raw").doc("private key (PEM)");
        b.key("httpUser", STRING).types("http_proxy", "static_file").doc("basic-auth user");
        b.key("httpPassword", STRING).types("http_proxy", "static_file").doc("basic-auth password");
        b.key("username", STRING).types("socks5").doc("SOCKS5 user");
        b.key("password", STRING).types("socks5").doc("SOCKS5 password");
        b.key("localPath", STRING).types("static_file").doc("directory served");
        b.key("stripPrefix", STRING).types("static_file").doc("URL prefix removed");
        b.key("unixPath", STRING).types("unix_domain_socket").doc("socket path");
        return b.build();
    }

    private static ConfigScope visitorPlugin() {
        ConfigScope.Builder b = ConfigScope.builder("visitor plugin").discriminator("type", "virtual_net");
        b.key("type", STRING).values("virtual_net").doc("plugin type");
        b.key("destinationIP", STRING).types("virtual_net").doc("virtual network destination");
        return b.build();
    }

    private static ConfigScope proxy() {
        ConfigScope.Builder b = ConfigScope.builder("proxy").discriminator("type", PROXY_TYPES);
        b.key("name", STRING).impl().doc("proxy name, unique in the client");
        b.key("type", STRING).impl().values(PROXY_TYPES).doc("proxy type (jfrp: tcp, http, https, tcpmux)");
        b.key("enabled", BOOL).dflt("true").impl().doc("false = do not start this proxy");
        b.key("annotations", STRING_MAP).doc("shown on the frps dashboard");
        b.key("transport.useEncryption", BOOL).dflt("false").impl().doc("encrypt work connections");
        b.key("transport.useCompression", BOOL).dflt("false").impl().doc("compress work connections");
        b.key("transport.bandwidthLimit", BANDWIDTH).doc("bandwidth limit, e.g. 1MB");
        b.key("transport.bandwidthLimitMode", STRING).dflt("client").zeroDefault().values("client", "server")
                .doc("where the limit is enforced");
        b.key("transport.proxyProtocolVersion", STRING).values("", "v1", "v2").doc("PROXY protocol to the local service");
        b.key("metadatas", STRING_MAP).doc("sent to server plugins");
        b.key("loadBalancer.group", STRING).impl().doc("load-balancing group");
        b.key("loadBalancer.groupKey", STRING).impl().doc("group secret");
        b.key("healthCheck.type", STRING).values("", "tcp", "http").doc("health check kind");
        b.key("healthCheck.timeoutSeconds", INT).dflt("3").doc("health check timeout");
        b.key("healthCheck.maxFailed", INT).dflt("1").doc("failures before the proxy is removed");
        b.key("healthCheck.intervalSeconds", INT).dflt("10").doc("health check interval");
        b.key("healthCheck.path", STRING).doc("http health check path");
        b.key("healthCheck.httpHeaders", TABLE_LIST).element(NAME_VALUE).doc("http health check headers");
        b.key("localIP", STRING).dflt("127.0.0.1").impl().zeroDefault().doc("local service address");
        b.key("localPort", PORT).impl().doc("local service port");
        b.key("plugin", TABLE).element(CLIENT_PLUGIN).doc("handle connections with a built-in plugin");
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
        b.key("secretKey", STRING).types("stcp", "xtcp", "sudp").doc("visitor secret");
        b.key("allowUsers", STRING_LIST).types("stcp", "xtcp", "sudp").doc("users whose visitors may connect");
        b.key("natTraversal.disableAssistedAddrs", BOOL).dflt("false").types("xtcp")
                .doc("xtcp: only STUN-discovered addresses");
        return b.build();
    }

    private static ConfigScope visitor() {
        ConfigScope.Builder b = ConfigScope.builder("visitor").discriminator("type", VISITOR_TYPES);
        b.key("name", STRING).doc("visitor name");
        b.key("type", STRING).values(VISITOR_TYPES).doc("visitor type");
        b.key("enabled", BOOL).dflt("true").doc("false = do not start this visitor");
        b.key("transport.useEncryption", BOOL).dflt("false").doc("encrypt");
        b.key("transport.useCompression", BOOL).dflt("false").doc("compress");
        b.key("secretKey", STRING).doc("must match the proxy's secretKey");
        b.key("serverUser", STRING).doc("user of the client that owns the proxy");
        b.key("serverName", STRING).doc("name of the proxy visited");
        b.key("bindAddr", STRING).dflt("127.0.0.1").zeroDefault().doc("local listen address");
        b.key("bindPort", INT).range(Integer.MIN_VALUE, 65535)
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
}
