package io.jfrp.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads frp's legacy INI format (frps.ini / frpc.ini, deprecated since frp 0.52 but still read by frp)
 * and rewrites it with the v1 key names, so it goes through the same validation and typed views as a
 * TOML file. The mapping is frp's own ({@code pkg/config/legacy/conversion.go}):
 *
 * <ul>
 *   <li>{@code [common]} of frps: {@code bind_port} to {@code bindPort}, {@code token} to {@code auth.token},
 *       {@code tls_only} to {@code transport.tls.force}, {@code dashboard_*} to {@code webServer.*},
 *       {@code authenticate_heartbeats}/{@code authenticate_new_work_conns} to entries of
 *       {@code auth.additionalScopes}, {@code allow_ports} ("2000-3000,3001") to {@code allowPorts}, and so on
 *       (see {@link #SERVER_COMMON}); {@code [plugin.NAME]} sections to {@code httpPlugins}.</li>
 *   <li>{@code [common]} of frpc ({@link #CLIENT_COMMON}): {@code server_addr}, {@code server_port},
 *       {@code admin_*} to {@code webServer.*}, {@code http_proxy} to {@code transport.proxyURL},
 *       {@code meta_*} to {@code metadatas.*}, {@code oidc_additional_*} to
 *       {@code auth.oidc.additionalEndpointParams.*} ...</li>
 *   <li>every other frpc section is a proxy named after the section ({@code role = visitor} makes it a
 *       visitor); {@code [range:NAME]} sections expand into {@code NAME_0}, {@code NAME_1} ... from their
 *       {@code local_port}/{@code remote_port} lists. Proxy keys: {@link #PROXY}, visitor keys:
 *       {@link #VISITOR}; {@code plugin_*} parameters per plugin; {@code header_*} to
 *       {@code requestHeaders.set.*}.</li>
 * </ul>
 *
 * <p>INI syntax as frp's go-ini settings read it: {@code #} and {@code ;} comment lines, no inline
 * comments, {@code =} or {@code :} between key and value, a key alone means {@code true}, one pair of
 * surrounding quotes is removed, a repeated section adds to the first. Values are typed by the target
 * key (a number that does not parse is kept as text for the validator to report). Unknown keys are
 * errors with a suggestion among the INI names; keys frp ignores for a proxy's type (a
 * {@code remote_port} in an http section) are dropped with a warning, as frp drops them silently.
 */
final class LegacyIniReader {

    private enum Kind { STRING, INT, BOOL, LIST }

    private record Target(String path, Kind kind) {
    }

    private static Target s(String path) {
        return new Target(path, Kind.STRING);
    }

    private static Target i(String path) {
        return new Target(path, Kind.INT);
    }

    private static Target b(String path) {
        return new Target(path, Kind.BOOL);
    }

    private static Target l(String path) {
        return new Target(path, Kind.LIST);
    }

    /** Handled by code rather than by the tables (scopes, dashboard TLS, role). */
    private static final Target SPECIAL = new Target("", Kind.STRING);
    /** Read by frp but without effect in v1 (log_way): accepted silently. */
    private static final Target DROP = new Target("", Kind.STRING);

    static final Map<String, Target> AUTH_SERVER = ordered(
            "authentication_method", s("auth.method"),
            "authenticate_heartbeats", SPECIAL,
            "authenticate_new_work_conns", SPECIAL,
            "token", s("auth.token"),
            "oidc_issuer", s("auth.oidc.issuer"),
            "oidc_audience", s("auth.oidc.audience"),
            "oidc_skip_expiry_check", b("auth.oidc.skipExpiryCheck"),
            "oidc_skip_issuer_check", b("auth.oidc.skipIssuerCheck"));

    static final Map<String, Target> SERVER_COMMON = merge(AUTH_SERVER, ordered(
            "bind_addr", s("bindAddr"),
            "bind_port", i("bindPort"),
            "kcp_bind_port", i("kcpBindPort"),
            "quic_bind_port", i("quicBindPort"),
            "quic_keepalive_period", i("transport.quic.keepalivePeriod"),
            "quic_max_idle_timeout", i("transport.quic.maxIdleTimeout"),
            "quic_max_incoming_streams", i("transport.quic.maxIncomingStreams"),
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
            "assets_dir", s("webServer.assetsDir"),
            "log_file", s("log.to"),
            "log_way", DROP,
            "log_level", s("log.level"),
            "log_max_days", i("log.maxDays"),
            "disable_log_color", b("log.disablePrintColor"),
            "detailed_errors_to_client", b("detailedErrorsToClient"),
            "subdomain_host", s("subDomainHost"),
            "tcp_mux", b("transport.tcpMux"),
            "tcp_mux_keepalive_interval", i("transport.tcpMuxKeepaliveInterval"),
            "tcp_keepalive", i("transport.tcpKeepalive"),
            "custom_404_page", s("custom404Page"),
            "allow_ports", s("allowPorts"),
            "max_pool_count", i("transport.maxPoolCount"),
            "max_ports_per_client", i("maxPortsPerClient"),
            "tls_only", b("transport.tls.force"),
            "tls_cert_file", s("transport.tls.certFile"),
            "tls_key_file", s("transport.tls.keyFile"),
            "tls_trusted_ca_file", s("transport.tls.trustedCaFile"),
            "heartbeat_timeout", i("transport.heartbeatTimeout"),
            "user_conn_timeout", i("userConnTimeout"),
            "udp_packet_size", i("udpPacketSize"),
            "pprof_enable", b("webServer.pprofEnable"),
            "nat_hole_analysis_data_reserve_hours", i("natholeAnalysisDataReserveHours")));

    static final Map<String, Target> HTTP_PLUGIN = ordered(
            "addr", s("addr"),
            "path", s("path"),
            "ops", l("ops"),
            "tlsVerify", b("tlsVerify"),
            "tls_verify", b("tlsVerify"));

    static final Map<String, Target> AUTH_CLIENT = ordered(
            "authentication_method", s("auth.method"),
            "authenticate_heartbeats", SPECIAL,
            "authenticate_new_work_conns", SPECIAL,
            "token", s("auth.token"),
            "oidc_client_id", s("auth.oidc.clientID"),
            "oidc_client_secret", s("auth.oidc.clientSecret"),
            "oidc_audience", s("auth.oidc.audience"),
            "oidc_scope", s("auth.oidc.scope"),
            "oidc_token_endpoint_url", s("auth.oidc.tokenEndpointURL"));

    static final Map<String, Target> CLIENT_COMMON = merge(AUTH_CLIENT, ordered(
            "server_addr", s("serverAddr"),
            "server_port", i("serverPort"),
            "nat_hole_stun_server", s("natHoleStunServer"),
            "dial_server_timeout", i("transport.dialServerTimeout"),
            "dial_server_keepalive", i("transport.dialServerKeepalive"),
            "connect_server_local_ip", s("transport.connectServerLocalIP"),
            "http_proxy", s("transport.proxyURL"),
            "log_file", s("log.to"),
            "log_way", DROP,
            "log_level", s("log.level"),
            "log_max_days", i("log.maxDays"),
            "disable_log_color", b("log.disablePrintColor"),
            "admin_addr", s("webServer.addr"),
            "admin_port", i("webServer.port"),
            "admin_user", s("webServer.user"),
            "admin_pwd", s("webServer.password"),
            "assets_dir", s("webServer.assetsDir"),
            "pool_count", i("transport.poolCount"),
            "tcp_mux", b("transport.tcpMux"),
            "tcp_mux_keepalive_interval", i("transport.tcpMuxKeepaliveInterval"),
            "user", s("user"),
            "dns_server", s("dnsServer"),
            "login_fail_exit", b("loginFailExit"),
            "start", l("start"),
            "protocol", s("transport.protocol"),
            "quic_keepalive_period", i("transport.quic.keepalivePeriod"),
            "quic_max_idle_timeout", i("transport.quic.maxIdleTimeout"),
            "quic_max_incoming_streams", i("transport.quic.maxIncomingStreams"),
            "tls_enable", b("transport.tls.enable"),
            "tls_cert_file", s("transport.tls.certFile"),
            "tls_key_file", s("transport.tls.keyFile"),
            "tls_trusted_ca_file", s("transport.tls.trustedCaFile"),
            "tls_server_name", s("transport.tls.serverName"),
            "disable_custom_tls_first_byte", b("transport.tls.disableCustomTLSFirstByte"),
            "heartbeat_interval", i("transport.heartbeatInterval"),
            "heartbeat_timeout", i("transport.heartbeatTimeout"),
            "udp_packet_size", i("udpPacketSize"),
            "includes", l("includes"),
            "pprof_enable", b("webServer.pprofEnable")));

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

    private static final Set<String> TRUE_WORDS = Set.of("1", "t", "true", "yes", "y", "on");
    private static final Set<String> FALSE_WORDS = Set.of("0", "f", "false", "no", "n", "off");

    private final String file;
    private final List<ConfigProblem> problems;
    private final Map<String, Integer> lines = new LinkedHashMap<>();
    private final Map<String, String> iniNames = new LinkedHashMap<>();
    /** The INI key being mapped, for {@link #iniNames}. */
    private String currentIniName;

    private LegacyIniReader(String file, List<ConfigProblem> problems) {
        this.file = file;
        this.problems = problems;
    }

    /**
     * The v1 tree, the line of each of its paths, and the INI name each path came from (for messages:
     * {@code kcpBindPort} is reported as {@code kcp_bind_port}).
     */
    record Result(Map<String, Object> tree, Map<String, Integer> lines, Map<String, String> iniNames) {
    }

    /** Whether the text is frp's legacy format: it has a {@code [common]} section (frp's own test). */
    static boolean looksLikeIni(String text) {
        for (String row : text.split("\r?\n")) {
            if (row.strip().equals("[common]")) {
                return true;
            }
        }
        return false;
    }

    /**
     * Reads an INI document.
     *
     * @param server   frps.ini (true) or frpc.ini (false)
     * @param problems receives errors and warnings, with lines
     */
    static Result read(String text, boolean server, String file, List<ConfigProblem> problems) {
        return new LegacyIniReader(file, problems).read(text, server);
    }

    // ---------------------------------------------------------------------------------------------

    private record Entry(String value, int line) {
    }

    private static final class Section {
        final String name;
        final int line;
        final Map<String, Entry> entries = new LinkedHashMap<>();

        Section(String name, int line) {
            this.name = name;
            this.line = line;
        }
    }

    private Map<String, Section> parse(String text) {
        Map<String, Section> sections = new LinkedHashMap<>();
        Section current = null;
        String[] rows = text.split("\r?\n", -1);
        for (int n = 0; n < rows.length; n++) {
            String t = rows[n].strip();
            int line = n + 1;
            if (t.isEmpty() || t.startsWith("#") || t.startsWith(";")) {
                continue;
            }
            if (t.startsWith("[")) {
                int end = t.lastIndexOf(']');
                if (end < 0) {
                    error(line, "", "'" + t + "' is not a section header");
                    continue;
                }
                String name = t.substring(1, end).strip();
                current = sections.computeIfAbsent(name, k -> new Section(k, line));
                continue;
            }
            int eq = t.indexOf('=');
            int colon = t.indexOf(':');
            int delim = eq < 0 ? colon : colon < 0 ? eq : Math.min(eq, colon);
            String key = delim < 0 ? t : t.substring(0, delim).strip();
            String value = delim < 0 ? "true" : unquote(t.substring(delim + 1).strip());
            if (current == null) {
                warning(line, key, "'" + key + "' is outside any section and is ignored (frp ignores it too)");
                continue;
            }
            current.entries.put(key, new Entry(value, line));
        }
        return sections;
    }

    private static String unquote(String v) {
        if (v.length() >= 2) {
            char first = v.charAt(0);
            char last = v.charAt(v.length() - 1);
            if (first == last && (first == '"' || first == '\'' || first == '`')) {
                return v.substring(1, v.length() - 1);
            }
        }
        return v;
    }

    private Result read(String text, boolean server) {
        Map<String, Section> sections = parse(text);
        Map<String, Object> root = new LinkedHashMap<>();
        Section common = sections.get("common");
        if (common == null) {
            error(1, "", "a legacy INI file needs a [common] section");
            return new Result(root, lines, iniNames);
        }
        mapCommon(common, server ? SERVER_COMMON : CLIENT_COMMON, root);
        if (server) {
            List<Object> plugins = new ArrayList<>();
            for (Section sec : sections.values()) {
                if (sec == common) {
                    continue;
                }
                if (sec.name.startsWith("plugin.")) {
                    String display = "httpPlugins[" + plugins.size() + "]";
                    Map<String, Object> p = new LinkedHashMap<>();
                    lines.put(display, sec.line);
                    put(p, display, "name", sec.name.substring("plugin.".length()).strip(), sec.line);
                    for (Map.Entry<String, Entry> e : sec.entries.entrySet()) {
                        currentIniName = e.getKey() + " in [" + sec.name + "]";
                        mapKey(e.getKey(), e.getValue(), HTTP_PLUGIN, p, display, sec);
                    }
                    currentIniName = null;
                    plugins.add(p);
                } else {
                    warning(sec.line, "", "section [" + sec.name + "] is ignored: frps reads only [common] and [plugin.NAME]");
                }
            }
            if (!plugins.isEmpty()) {
                root.put("httpPlugins", plugins);
                lines.putIfAbsent("httpPlugins", lines.getOrDefault("httpPlugins[0]", -1));
                iniNames.put("httpPlugins", "[plugin.NAME] sections");
            }
        } else {
            List<Object> proxies = new ArrayList<>();
            List<Object> visitors = new ArrayList<>();
            for (Section sec : sections.values()) {
                if (sec == common || sec.name.equals("DEFAULT")) {
                    continue;
                }
                if (sec.name.startsWith("range:")) {
                    expandRange(sec, proxies, visitors);
                } else {
                    proxyOrVisitor(sec.name, sec, proxies, visitors, Map.of());
                }
            }
            if (!proxies.isEmpty()) {
                root.put("proxies", proxies);
                lines.putIfAbsent("proxies", lines.getOrDefault("proxies[0]", -1));
            }
            if (!visitors.isEmpty()) {
                root.put("visitors", visitors);
                iniNames.put("visitors", "role = visitor sections");
                lines.putIfAbsent("visitors", lines.getOrDefault("visitors[0]", -1));
            }
        }
        return new Result(root, lines, iniNames);
    }

    private void mapCommon(Section common, Map<String, Target> table, Map<String, Object> root) {
        List<String> scopes = new ArrayList<>();
        int scopesLine = -1;
        Entry tlsMode = common.entries.get("dashboard_tls_mode");
        for (Map.Entry<String, Entry> e : common.entries.entrySet()) {
            String key = e.getKey();
            Entry entry = e.getValue();
            currentIniName = key;
            if (key.startsWith("meta_") && table == CLIENT_COMMON) {
                put(root, "", "metadatas." + key.substring("meta_".length()), entry.value, entry.line);
            } else if (key.startsWith("oidc_additional_") && table == CLIENT_COMMON) {
                put(root, "", "auth.oidc.additionalEndpointParams." + key.substring("oidc_additional_".length()),
                        entry.value, entry.line);
            } else if (key.equals("authenticate_heartbeats") || key.equals("authenticate_new_work_conns")) {
                Object on = convert(key, entry, Kind.BOOL);
                if (Boolean.TRUE.equals(on)) {
                    scopes.add(key.equals("authenticate_heartbeats") ? "HeartBeats" : "NewWorkConns");
                    scopesLine = scopesLine < 0 ? entry.line : scopesLine;
                } else if (!(on instanceof Boolean)) {
                    error(entry.line, key, "'" + key + "': expected a boolean (true or false), got '" + entry.value + "'");
                }
            } else if (key.equals("dashboard_tls_mode")) {
                if (!(convert(key, entry, Kind.BOOL) instanceof Boolean)) {
                    error(entry.line, key, "'" + key + "': expected a boolean (true or false), got '" + entry.value + "'");
                }
            } else if (key.equals("dashboard_tls_cert_file") || key.equals("dashboard_tls_key_file")) {
                // frp uses them only with dashboard_tls_mode = true
                if (tlsMode != null && Boolean.TRUE.equals(convert("dashboard_tls_mode", tlsMode, Kind.BOOL))) {
                    put(root, "", key.endsWith("cert_file") ? "webServer.tls.certFile" : "webServer.tls.keyFile",
                            entry.value, entry.line);
                }
            } else {
                mapKey(key, entry, table, root, "", common);
            }
        }
        currentIniName = "authenticate_heartbeats / authenticate_new_work_conns";
        if (!scopes.isEmpty()) {
            put(root, "", "auth.additionalScopes", scopes, scopesLine);
        }
        currentIniName = null;
    }

    private void mapKey(String key, Entry entry, Map<String, Target> table, Map<String, Object> into, String display,
                        Section sec) {
        Target t = table.get(key);
        if (t == DROP || t == SPECIAL) {
            return;
        }
        if (t == null) {
            String best = Suggestions.closest(key, table.keySet());
            error(entry.line, join(display, key), "unknown key '" + key + "' in [" + sec.name + "]"
                    + (best != null ? " (did you mean '" + best + "'?)" : ""));
            return;
        }
        put(into, display, t.path, convert(key, entry, t.kind), entry.line);
    }

    private void proxyOrVisitor(String name, Section sec, List<Object> proxies, List<Object> visitors,
                                Map<String, String> overrides) {
        Entry roleEntry = sec.entries.get("role");
        String role = roleEntry == null || roleEntry.value.isEmpty() ? "server" : roleEntry.value;
        boolean visitor = role.equals("visitor");
        if (!visitor && !role.equals("server")) {
            error(roleEntry.line, "role", "[" + sec.name + "]: role must be 'server' or 'visitor', got '" + role + "'");
            return;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        String display = (visitor ? "visitors[" + visitors.size() : "proxies[" + proxies.size()) + "]";
        lines.put(display, sec.line);
        put(out, display, "name", name, sec.line);
        Entry typeEntry = sec.entries.get("type");
        String type = typeEntry == null || typeEntry.value.isEmpty() ? "tcp" : typeEntry.value;
        if (typeEntry == null) {
            put(out, display, "type", "tcp", sec.line); // frp's legacy default
        }
        ConfigScope scope = visitor ? FrpSchema.VISITOR : FrpSchema.PROXY;
        Map<String, Target> table = visitor ? VISITOR : PROXY;
        Entry pluginEntry = sec.entries.get("plugin");
        String pluginType = pluginEntry == null ? null : pluginEntry.value;
        for (Map.Entry<String, Entry> e : sec.entries.entrySet()) {
            String key = e.getKey();
            Entry entry = overrides.containsKey(key) ? new Entry(overrides.get(key), e.getValue().line) : e.getValue();
            currentIniName = key + " in [" + sec.name + "]";
            if (!visitor && key.startsWith("meta_")) {
                put(out, display, "metadatas." + key.substring("meta_".length()), entry.value, entry.line);
            } else if (!visitor && key.startsWith("header_")) {
                if (type.equals("http")) {
                    put(out, display, "requestHeaders.set." + key.substring("header_".length()), entry.value, entry.line);
                } else {
                    warning(entry.line, key, "[" + sec.name + "]: '" + key + "' applies to type 'http' only and is ignored"
                            + " (frp ignores it too)");
                }
            } else if (!visitor && key.startsWith("plugin_")) {
                pluginParam(key, entry, pluginType, out, display, sec);
            } else {
                Target t = table.get(key);
                if (t != null && t != SPECIAL && scope.key(t.path) != null && !scope.key(t.path).appliesTo(type)) {
                    warning(entry.line, join(display, t.path), "[" + sec.name + "]: '" + key
                            + "' does not apply to type '" + type + "' and is ignored (frp ignores it too)");
                    continue;
                }
                mapKey(key, entry, table, out, display, sec);
            }
        }
        currentIniName = null;
        (visitor ? visitors : proxies).add(out);
    }

    private void pluginParam(String key, Entry entry, String pluginType, Map<String, Object> out, String display,
                             Section sec) {
        if (pluginType == null) {
            warning(entry.line, key, "[" + sec.name + "]: '" + key + "' is ignored because no plugin is set");
            return;
        }
        if (key.startsWith("plugin_header_")) {
            put(out, display, "plugin.requestHeaders.set." + key.substring("plugin_header_".length()), entry.value,
                    entry.line);
            return;
        }
        Target t = PLUGIN_PARAMS.get(key);
        if (t == null) {
            String best = Suggestions.closest(key, PLUGIN_PARAMS.keySet());
            error(entry.line, key, "unknown key '" + key + "' in [" + sec.name + "]"
                    + (best != null ? " (did you mean '" + best + "'?)" : ""));
            return;
        }
        ConfigKey k = FrpSchema.CLIENT_PLUGIN.key(t.path);
        if (k != null && !k.appliesTo(pluginType)) {
            warning(entry.line, key, "[" + sec.name + "]: '" + key + "' does not apply to plugin '" + pluginType
                    + "' and is ignored (frp ignores it too)");
            return;
        }
        put(out, display, "plugin." + t.path, entry.value, entry.line);
    }

    /** [range:NAME] with local_port and remote_port lists: one proxy per pair, named NAME_0, NAME_1 ... */
    private void expandRange(Section sec, List<Object> proxies, List<Object> visitors) {
        String prefix = sec.name.substring("range:".length()).strip();
        Entry local = sec.entries.get("local_port");
        Entry remote = sec.entries.get("remote_port");
        if (local == null || remote == null) {
            error(sec.line, "", "[" + sec.name + "]: a range section needs local_port and remote_port");
            return;
        }
        List<Long> locals = numbers(local);
        List<Long> remotes = numbers(remote);
        if (locals == null || remotes == null) {
            return;
        }
        if (locals.size() != remotes.size() || locals.isEmpty()) {
            error(sec.line, "", "[" + sec.name + "]: local_port lists " + locals.size()
                    + " ports but remote_port lists " + remotes.size());
            return;
        }
        for (int n = 0; n < locals.size(); n++) {
            proxyOrVisitor(prefix + "_" + n, sec, proxies, visitors,
                    Map.of("local_port", locals.get(n).toString(), "remote_port", remotes.get(n).toString()));
        }
    }

    /** "6000-6005,6007" as a list of numbers; null after reporting an error. */
    private List<Long> numbers(Entry e) {
        List<Long> out = new ArrayList<>();
        for (String part : e.value.split(",")) {
            String p = part.strip();
            String[] bounds = p.split("-");
            Long a = bounds.length >= 1 ? Values.wholeNumber(bounds[0]) : null;
            Long b = bounds.length == 2 ? Values.wholeNumber(bounds[1]) : a;
            if (a == null || b == null || bounds.length > 2 || b < a) {
                error(e.line, "", "'" + p + "' is not a number or a range such as 6000-6005");
                return null;
            }
            for (long x = a; x <= b; x++) {
                out.add(x);
            }
        }
        return out;
    }

    private Object convert(String key, Entry e, Kind kind) {
        return switch (kind) {
            case STRING -> e.value;
            case INT -> {
                Long n = Values.wholeNumber(e.value);
                yield n != null ? (Object) n : e.value;
            }
            case BOOL -> {
                String v = e.value.strip().toLowerCase(Locale.ROOT);
                yield TRUE_WORDS.contains(v) ? Boolean.TRUE : FALSE_WORDS.contains(v) ? (Object) Boolean.FALSE : e.value;
            }
            case LIST -> {
                List<String> out = new ArrayList<>();
                for (String part : e.value.split(",")) {
                    if (!part.isBlank()) {
                        out.add(part.strip());
                    }
                }
                yield out;
            }
        };
    }

    /** Puts a value at a dotted v1 path inside a table, recording lines for it and its parents. */
    @SuppressWarnings("unchecked")
    private void put(Map<String, Object> into, String display, String path, Object value, int line) {
        String[] segs = path.split("\\.");
        Map<String, Object> cur = into;
        String shown = display;
        for (int n = 0; n < segs.length - 1; n++) {
            shown = join(shown, segs[n]);
            lines.putIfAbsent(shown, line);
            Object next = cur.computeIfAbsent(segs[n], k -> new LinkedHashMap<String, Object>());
            if (!(next instanceof Map)) {
                error(line, shown, "'" + shown + "' is given both as a value and as a table");
                return;
            }
            cur = (Map<String, Object>) next;
        }
        shown = join(shown, segs[segs.length - 1]);
        lines.put(shown, line);
        if (currentIniName != null) {
            iniNames.putIfAbsent(shown, currentIniName);
            String parent = shown;
            for (int dot = parent.lastIndexOf('.'); dot > 0; dot = parent.lastIndexOf('.')) {
                parent = parent.substring(0, dot);
                if (parent.endsWith("]")) {
                    break;
                }
                iniNames.putIfAbsent(parent, currentIniName);
            }
        }
        cur.put(segs[segs.length - 1], value);
    }

    private static String join(String a, String b) {
        return a.isEmpty() ? b : a + "." + b;
    }

    private void error(int line, String key, String message) {
        problems.add(new ConfigProblem(ConfigProblem.Severity.ERROR, file, line, key, message));
    }

    private void warning(int line, String key, String message) {
        problems.add(new ConfigProblem(ConfigProblem.Severity.WARNING, file, line, key, message));
    }

    private static Map<String, Target> ordered(Object... pairs) {
        Map<String, Target> m = new LinkedHashMap<>();
        for (int n = 0; n < pairs.length; n += 2) {
            m.put((String) pairs[n], (Target) pairs[n + 1]);
        }
        return m;
    }

    private static Map<String, Target> merge(Map<String, Target> a, Map<String, Target> b) {
        Map<String, Target> m = new LinkedHashMap<>(a);
        m.putAll(b);
        return m;
    }
}
