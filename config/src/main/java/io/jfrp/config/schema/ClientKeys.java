package io.jfrp.config.schema;

import static io.jfrp.config.schema.KeyType.BOOL;
import static io.jfrp.config.schema.KeyType.BOOL_MAP;
import static io.jfrp.config.schema.KeyType.INT;
import static io.jfrp.config.schema.KeyType.PORT;
import static io.jfrp.config.schema.KeyType.SECONDS;
import static io.jfrp.config.schema.KeyType.STRING;
import static io.jfrp.config.schema.KeyType.STRING_LIST;
import static io.jfrp.config.schema.KeyType.STRING_MAP;
import static io.jfrp.config.schema.KeyType.TABLE_LIST;

/** The keys of frpc.toml (frp's {@code ClientConfig}) outside its proxies and visitors. */
final class ClientKeys {
    /** The root of frpc.toml. */
    static final ConfigScope ROOT = client();
    /** jfrp-only keys of frpc declared with a type of their own. */
    static final ConfigScope JFRP = clientJfrp();

    private ClientKeys() {
    }

    private static ConfigScope clientJfrp() {
        ConfigScope.Builder b = ConfigScope.builder("jfrp");
        b.key("servers", STRING_LIST).dflt("[] (serverAddr:serverPort)").impl()
                .doc("several jfrps at once, each \"host:port\" with every proxy (docs/multi-server.md)");
        return b.build();
    }

    private static ConfigScope client() {
        ConfigScope.Builder b = ConfigScope.builder("frpc");
        b.key("version", STRING).noEffect().doc("API metadata; frp does not act on it");
        SharedKeys.clientAuth(b);
        b.key("user", STRING).dflt("").impl().doc("prefix for proxy names: {user}.{name}");
        b.key("clientID", STRING).dflt("").impl().doc("unique id of this frpc, sent in Login");
        b.key("serverAddr", STRING).dflt("0.0.0.0").impl().zeroDefault().doc("frps host or address");
        b.key("serverPort", PORT).dflt("7000").impl().zeroDefault().doc("frps bindPort");
        b.key("natHoleStunServer", STRING).dflt("stun.easyvoip.com:3478").zeroDefault().impl().doc("STUN server for xtcp");
        b.key("dnsServer", STRING).dflt("").doc("DNS server frpc uses instead of the system's");
        b.key("loginFailExit", BOOL).dflt("true").impl().doc("exit when the first login fails, else retry");
        b.key("start", STRING_LIST).dflt("[] (all)").impl()
                .doc("names of the proxies and visitors to start; empty = all");
        SharedKeys.log(b);
        SharedKeys.webServer(b);
        b.key("transport.protocol", STRING).dflt("tcp").impl().zeroDefault()
                .values("tcp", "kcp", "quic", "websocket", "wss").doc("transport to frps");
        b.key("transport.wireProtocol", STRING).dflt("v1").impl().zeroDefault().values("v1", "v2")
                .doc("frp wire protocol version (frp >= 0.69)");
        b.key("transport.dialServerTimeout", SECONDS).dflt("10").impl().zeroDefault().range(0, Integer.MAX_VALUE)
                .doc("connect timeout to frps");
        b.key("transport.dialServerKeepalive", SECONDS).dflt("7200").negativeDisables().zeroDefault()
                .doc("TCP keepalive probe interval; negative = off");
        b.key("transport.connectServerLocalIP", STRING).dflt("").doc("local address to dial frps from");
        b.key("transport.proxyURL", STRING).dflt("$http_proxy or none").impl().zeroDefault()
                .doc("HTTP/HTTPS/SOCKS5 proxy to reach frps through (frp's ntlm: refused)");
        b.key("transport.poolCount", INT).dflt("1").impl().zeroDefault()
                .doc("work connections made in advance (frp v1: 0 means the default, 1)");
        b.key("transport.tcpMux", BOOL).dflt("true").impl().doc("yamux stream multiplexing; must match frps");
        b.key("transport.tcpMuxKeepaliveInterval", SECONDS).dflt("30").impl().zeroDefault()
                .doc("yamux keepalive interval (frp < 0.58: 60)");
        SharedKeys.quic(b, "transport.quic");
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
        b.key("udpPacketSize", INT).dflt("1500").zeroDefault().impl().range(0, 65507)
                .doc("read buffer of udp/sudp datagrams; longer ones are cut to it");
        b.key("metadatas", STRING_MAP).impl().doc("client metadata sent in Login (for server plugins)");
        b.key("includes", STRING_LIST).impl().doc("more files with proxies and visitors (globs)");
        b.key("store.path", STRING).dflt("").impl().doc("file of the proxies and visitors made through the admin API");
        b.key("proxies", TABLE_LIST).impl().element(ProxyKeys.PROXY)
                .doc("proxies; a type jfrp does not run is refused by ProxyTables");
        b.key("visitors", TABLE_LIST).impl().element(VisitorKeys.VISITOR)
                .doc("visitors; a type jfrp does not run is refused by ProxyTables");
        return b.build();
    }
}
