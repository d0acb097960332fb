package io.jfrp.config.read.ini;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * frp's own mapping of legacy INI keys to v1 keys ({@code pkg/config/legacy/conversion.go}): one table
 * per section kind, each INI name to its v1 path and the kind of value it holds.
 */
final class IniKeyTables {
    private IniKeyTables() {
    }

    enum Kind { STRING, INT, BOOL, LIST }

    record Target(String path, Kind kind) {
    }

    static Target s(String path) {
        return new Target(path, Kind.STRING);
    }

    static Target i(String path) {
        return new Target(path, Kind.INT);
    }

    static Target b(String path) {
        return new Target(path, Kind.BOOL);
    }

    static Target l(String path) {
        return new Target(path, Kind.LIST);
    }

    /** Handled by code rather than by the tables (scopes, dashboard TLS, role). */
    static final Target SPECIAL = new Target("", Kind.STRING);
    /** Read by frp but without effect in v1 (log_way): accepted silently. */
    static final Target DROP = new Target("", Kind.STRING);

    /** Keys both programs read the same way. */
    private static final Map<String, Target> SHARED = ordered(
            "authentication_method", s("auth.method"),
            "authenticate_heartbeats", SPECIAL,
            "authenticate_new_work_conns", SPECIAL,
            "token", s("auth.token"),
            "log_file", s("log.to"),
            "log_way", DROP,
            "log_level", s("log.level"),
            "log_max_days", i("log.maxDays"),
            "disable_log_color", b("log.disablePrintColor"),
            "quic_keepalive_period", i("transport.quic.keepalivePeriod"),
            "quic_max_idle_timeout", i("transport.quic.maxIdleTimeout"),
            "quic_max_incoming_streams", i("transport.quic.maxIncomingStreams"),
            "tcp_mux", b("transport.tcpMux"),
            "tcp_mux_keepalive_interval", i("transport.tcpMuxKeepaliveInterval"),
            "tls_cert_file", s("transport.tls.certFile"),
            "tls_key_file", s("transport.tls.keyFile"),
            "tls_trusted_ca_file", s("transport.tls.trustedCaFile"),
            "heartbeat_timeout", i("transport.heartbeatTimeout"),
            "udp_packet_size", i("udpPacketSize"),
            "assets_dir", s("webServer.assetsDir"),
            "pprof_enable", b("webServer.pprofEnable"));

    static final Map<String, Target> AUTH_SERVER = ordered(
            "oidc_issuer", s("auth.oidc.issuer"),
            "oidc_audience", s("auth.oidc.audience"),
            "oidc_skip_expiry_check", b("auth.oidc.skipExpiryCheck"),
            "oidc_skip_issuer_check", b("auth.oidc.skipIssuerCheck"));

    static final Map<String, Target> SERVER_COMMON = merge(SHARED, AUTH_SERVER, ordered(
            "bind_addr", s("bindAddr"),
            "bind_port", i("bindPort"),
            "kcp_bind_port", i("kcpBindPort"),
            "quic_bind_port", i("quicBindPort"),
            "proxy_bind_addr", s("proxyBindAddr"),
            "vhost_http_port", i("vhostHTTPPort"),
            "vhost_https_port", i("vhostHTTPSPort"),
            "tcpmux_httpconnect_port", i("tcpmuxHTTPConnectPort"),
            "tcpmux_passthrough", b("tcpmuxPassthrough"),
            "vhost_http_timeout", i("vhostHTTPTimeout"),
            "dashboard_addr", s("webServer.addr"),
            "dashboard_port", i("webServer.port"),
            "dashboard_user", s("webServer.user"),
            "dashboard_pwd", s("webServer.password"),
            "dashboard_tls_mode", SPECIAL,
            "dashboard_tls_cert_file", SPECIAL,
            "dashboard_tls_key_file", SPECIAL,
            "enable_prometheus", b("enablePrometheus"),
            "detailed_errors_to_client", b("detailedErrorsToClient"),
            "subdomain_host", s("subDomainHost"),
            "tcp_keepalive", i("transport.tcpKeepalive"),
            "custom_404_page", s("custom404Page"),
            "allow_ports", s("allowPorts"),
            "max_pool_count", i("transport.maxPoolCount"),
            "max_ports_per_client", i("maxPortsPerClient"),
            "tls_only", b("transport.tls.force"),
            "user_conn_timeout", i("userConnTimeout"),
            "nat_hole_analysis_data_reserve_hours", i("natholeAnalysisDataReserveHours")));

    static final Map<String, Target> HTTP_PLUGIN = ordered(
            "addr", s("addr"),
            "path", s("path"),
            "ops", l("ops"),
            "tlsVerify", b("tlsVerify"),
            "tls_verify", b("tlsVerify"));

    static final Map<String, Target> AUTH_CLIENT = ordered(
            "oidc_client_id", s("auth.oidc.clientID"),
            "oidc_client_secret", s("auth.oidc.clientSecret"),
            "oidc_audience", s("auth.oidc.audience"),
            "oidc_scope", s("auth.oidc.scope"),
            "oidc_token_endpoint_url", s("auth.oidc.tokenEndpointURL"));

    static final Map<String, Target> CLIENT_COMMON = merge(SHARED, AUTH_CLIENT, ordered(
            "server_addr", s("serverAddr"),
            "server_port", i("serverPort"),
            "nat_hole_stun_server", s("natHoleStunServer"),
            "dial_server_timeout", i("transport.dialServerTimeout"),
            "dial_server_keepalive", i("transport.dialServerKeepalive"),
            "connect_server_local_ip", s("transport.connectServerLocalIP"),
            "http_proxy", s("transport.proxyURL"),
            "admin_addr", s("webServer.addr"),
            "admin_port", i("webServer.port"),
            "admin_user", s("webServer.user"),
            "admin_pwd", s("webServer.password"),
            "pool_count", i("transport.poolCount"),
            "user", s("user"),
            "dns_server", s("dnsServer"),
            "login_fail_exit", b("loginFailExit"),
            "start", l("start"),
            "protocol", s("transport.protocol"),
            "tls_enable", b("transport.tls.enable"),
            "tls_server_name", s("transport.tls.serverName"),
            "disable_custom_tls_first_byte", b("transport.tls.disableCustomTLSFirstByte"),
            "heartbeat_interval", i("transport.heartbeatInterval"),
            "includes", l("includes")));

    static final Map<String, Target> PROXY = ordered(
            "type", s("type"),
            "role", SPECIAL,
            "local_ip", s("localIP"),
            "local_port", i("localPort"),
            "use_encryption", b("transport.useEncryption"),
            "use_compression", b("transport.useCompression"),
            "group", s("loadBalancer.group"),
            "group_key", s("loadBalancer.groupKey"),
            "proxy_protocol_version", s("transport.proxyProtocolVersion"),
            "bandwidth_limit", s("transport.bandwidthLimit"),
            "bandwidth_limit_mode", s("transport.bandwidthLimitMode"),
            "plugin", s("plugin.type"),
            "health_check_type", s("healthCheck.type"),
            "health_check_timeout_s", i("healthCheck.timeoutSeconds"),
            "health_check_max_failed", i("healthCheck.maxFailed"),
            "health_check_interval_s", i("healthCheck.intervalSeconds"),
            "health_check_url", s("healthCheck.path"),
            "remote_port", i("remotePort"),
            "custom_domains", l("customDomains"),
            "subdomain", s("subdomain"),
            "locations", l("locations"),
            "http_user", s("httpUser"),
            "http_pwd", s("httpPassword"),
            "host_header_rewrite", s("hostHeaderRewrite"),
            "route_by_http_user", s("routeByHTTPUser"),
            "multiplexer", s("multiplexer"),
            "sk", s("secretKey"),
            "allow_users", l("allowUsers"));

    static final Map<String, Target> PLUGIN_PARAMS = ordered(
            "plugin_local_addr", s("localAddr"),
            "plugin_host_header_rewrite", s("hostHeaderRewrite"),
            "plugin_crt_path", s("crtPath"),
            "plugin_key_path", s("keyPath"),
            "plugin_http_user", s("httpUser"),
            "plugin_http_passwd", s("httpPassword"),
            "plugin_user", s("username"),
            "plugin_passwd", s("password"),
            "plugin_local_path", s("localPath"),
            "plugin_strip_prefix", s("stripPrefix"),
            "plugin_unix_path", s("unixPath"));

    static final Map<String, Target> VISITOR = ordered(
            "type", s("type"),
            "role", SPECIAL,
            "use_encryption", b("transport.useEncryption"),
            "use_compression", b("transport.useCompression"),
            "sk", s("secretKey"),
            "server_user", s("serverUser"),
            "server_name", s("serverName"),
            "bind_addr", s("bindAddr"),
            "bind_port", i("bindPort"),
            "protocol", s("protocol"),
            "keep_tunnel_open", b("keepTunnelOpen"),
            "max_retries_an_hour", i("maxRetriesAnHour"),
            "min_retry_interval", i("minRetryInterval"),
            "fallback_to", s("fallbackTo"),
            "fallback_timeout_ms", i("fallbackTimeoutMs"));

    private static Map<String, Target> ordered(Object... pairs) {
        Map<String, Target> m = new LinkedHashMap<>();
        for (int n = 0; n < pairs.length; n += 2) {
            m.put((String) pairs[n], (Target) pairs[n + 1]);
        }
        return m;
    }

    @SafeVarargs
    private static Map<String, Target> merge(Map<String, Target>... tables) {
        Map<String, Target> m = new LinkedHashMap<>();
        for (Map<String, Target> t : tables) {
            m.putAll(t);
        }
        return m;
    }
}
