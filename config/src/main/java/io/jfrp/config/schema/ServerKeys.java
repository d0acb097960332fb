package io.jfrp.config.schema;

import static io.jfrp.config.schema.KeyType.BOOL;
import static io.jfrp.config.schema.KeyType.INT;
import static io.jfrp.config.schema.KeyType.PORT;
import static io.jfrp.config.schema.KeyType.PORT_RANGES;
import static io.jfrp.config.schema.KeyType.SECONDS;
import static io.jfrp.config.schema.KeyType.STRING;
import static io.jfrp.config.schema.KeyType.STRING_LIST;
import static io.jfrp.config.schema.KeyType.TABLE_LIST;

/** The keys of frps.toml (frp's {@code ServerConfig}) and of jfrps' own {@code jfrp} table. */
final class ServerKeys {
    private static final String[] HTTP_PLUGIN_OPS = {"Login", "NewProxy", "CloseProxy", "Ping", "NewWorkConn",
        "NewUserConn"};

    /** One element of {@code httpPlugins}. */
    static final ConfigScope HTTP_PLUGIN = httpPlugin();
    /** The root of frps.toml. */
    static final ConfigScope ROOT = server();
    /** One element of {@code jfrp.users}. */
    static final ConfigScope USER = user();
    /** jfrp-only keys declared with a type of their own (see {@link FrpSchema#SERVER_JFRP}). */
    static final ConfigScope JFRP = serverJfrp();

    private ServerKeys() {
    }

    private static ConfigScope server() {
        ConfigScope.Builder b = ConfigScope.builder("frps");
        b.key("version", STRING).noEffect().doc("API metadata; frp does not act on it");
        SharedKeys.serverAuth(b);
        b.key("bindAddr", STRING).dflt("0.0.0.0").impl().zeroDefault().doc("address frps listens on for frpc");
        b.key("bindPort", PORT).dflt("7000").impl().zeroDefault().doc("TCP port frps listens on for frpc");
        b.key("kcpBindPort", PORT).dflt("0").impl().doc("UDP port for KCP (may equal bindPort); 0 = off");
        b.key("quicBindPort", PORT).dflt("0").impl().doc("UDP port for QUIC; 0 = off");
        b.key("proxyBindAddr", STRING).dflt("same as bindAddr").impl().zeroDefault()
                .doc("address the public proxy ports listen on");
        b.key("vhostHTTPPort", PORT).dflt("0").impl().doc("HTTP vhost port; 0 = off");
        b.key("vhostHTTPTimeout", SECONDS).dflt("60").impl().zeroDefault().doc("vhost HTTP response-header timeout");
        b.key("vhostHTTPSPort", PORT).dflt("0").impl().doc("HTTPS vhost port; 0 = off");
        b.key("tcpmuxHTTPConnectPort", PORT).dflt("0").impl().doc("tcpmux HTTP CONNECT port; 0 = off");
        b.key("tcpmuxPassthrough", BOOL).dflt("false").impl().doc("tcpmux: forward the CONNECT request unchanged");
        b.key("subDomainHost", STRING).dflt("").impl().doc("domain appended to http/https subdomains");
        b.key("custom404Page", STRING).dflt("").impl().doc("file served for unknown vhosts");
        b.key("sshTunnelGateway.bindPort", PORT).dflt("0").impl().doc("SSH tunnel gateway port; 0 = off");
        b.key("sshTunnelGateway.privateKeyFile", STRING).dflt("").impl().doc("SSH host key");
        b.key("sshTunnelGateway.autoGenPrivateKeyPath", STRING).dflt("./.autogen_ssh_key").impl().zeroDefault()
                .doc("where a generated SSH host key is kept");
        b.key("sshTunnelGateway.authorizedKeysFile", STRING).dflt("").impl()
                .doc("authorized_keys for the gateway; empty = any client");
        SharedKeys.webServer(b);
        b.key("enablePrometheus", BOOL).dflt("false").impl().doc("export /metrics on the web server");
        SharedKeys.log(b);
        b.key("transport.tcpMux", BOOL).dflt("true").impl().doc("yamux stream multiplexing; must match frpc");
        b.key("transport.tcpMuxKeepaliveInterval", SECONDS).dflt("30").impl().zeroDefault()
                .doc("yamux keepalive interval (frp < 0.58: 60)");
        b.key("transport.tcpKeepalive", SECONDS).dflt("7200").negativeDisables().zeroDefault()
                .doc("TCP keepalive probe interval; negative = off");
        b.key("transport.maxPoolCount", INT).dflt("5").impl().zeroDefault()
                .doc("upper bound on each client's pool of ready work connections");
        b.key("transport.heartbeatTimeout", SECONDS).dflt("-1 with tcpMux, else 90").impl().negativeDisables()
                .zeroDefault().doc("close a control connection with no Ping for this long; negative = off");
        SharedKeys.quic(b, "transport.quic");
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
        b.key("udpPacketSize", INT).dflt("1500").zeroDefault().impl().range(0, 65507)
                .doc("read buffer of udp/sudp datagrams; longer ones are cut to it");
        b.key("natholeAnalysisDataReserveHours", INT).dflt("168").zeroDefault().impl()
                .doc("how long NAT hole punching data is kept");
        b.key("allowPorts", PORT_RANGES).dflt("(no limit)").impl().doc("ports clients may ask for as remotePort");
        b.key("httpPlugins", TABLE_LIST).impl().element(HTTP_PLUGIN).doc("server plugins called over HTTP");
        return b.build();
    }

    private static ConfigScope serverJfrp() {
        ConfigScope.Builder b = ConfigScope.builder("jfrp");
        b.key("loginMaxSkew", SECONDS).dflt("900 (15 minutes)").impl()
                .doc("reject a Login whose timestamp is further than this from our clock; 0 = no check (stock frps)");
        b.key("httpPluginTimeout", SECONDS).dflt("5").impl()
                .doc("most one call of a server plugin may take; a plugin that does not answer refuses the operation");
        b.key("users", TABLE_LIST).element(USER).impl()
                .doc("users, each with its own credential and what it may publish (not in frp)");
        return b.build();
    }

    private static ConfigScope user() {
        ConfigScope.Builder b = ConfigScope.builder("user");
        b.key("name", STRING).impl().doc("the Login's user; letters, digits, '_' or '-'");
        b.key("token", STRING).impl().doc("this user's token");
        b.key("certSubject", STRING).impl().doc("subject DN the client certificate must carry (RFC 2253)");
        b.key("allowPorts", PORT_RANGES).impl().doc("remote ports this user may take, within allowPorts");
        b.key("domains", STRING_LIST).impl().doc("domains this user may serve: names or *.suffix");
        b.key("proxyTypes", STRING_LIST).values(ProxyKeys.PROXY_TYPES).impl().doc("proxy types this user may create");
        return b.build();
    }

    private static ConfigScope httpPlugin() {
        ConfigScope.Builder b = ConfigScope.builder("httpPlugin");
        b.key("name", STRING).impl().doc("plugin name");
        b.key("addr", STRING).impl().doc("host:port of the plugin (http://, https:// prefixes allowed)");
        b.key("path", STRING).impl().doc("URL path of the plugin");
        b.key("ops", STRING_LIST).impl().values(HTTP_PLUGIN_OPS).doc("operations sent to the plugin");
        b.key("tlsVerify", BOOL).dflt("false").impl().doc("verify the plugin's certificate");
        b.key("tls_verify", BOOL).dflt("false").impl().doc("frp 0.52 spelling of tlsVerify");
        return b.build();
    }
}
