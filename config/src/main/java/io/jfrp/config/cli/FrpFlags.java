package io.jfrp.config.cli;

import io.jfrp.config.cli.FrpFlag.Kind;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every command-line flag frps and frpc v0.70 have for running without a file (frp's
 * pkg/config/flags.go and cmd/frpc/sub/proxy.go), with the key each sets:
 * <pre>
 *   frps -t TOKEN -p 7000 --vhost-http-port 8080 ...
 *   frpc tcp -s 1.2.3.4 -P 7000 -t TOKEN -n ssh -l 22 -r 6000 ...
 *   frpc stcp visitor -s ... --sk KEY --server-name NAME --bind-port 9000
 * </pre>
 * {@link #settings} makes the tree of v1 settings a command line gives, with frp's flag defaults
 * where they differ from a file's ({@code frps} binds proxies to 0.0.0.0 whatever
 * {@code --bind-addr} says; {@code frpc}'s server is 127.0.0.1). Stateless.
 */
public final class FrpFlags {
    /** frpc's proxy types, each a subcommand ({@code frpc tcp}), in frp's order. */
    public static final List<String> PROXY_TYPES = List.of("tcp", "udp", "tcpmux", "http", "https", "stcp", "sudp",
            "xtcp");
    /** The proxy types that also have a {@code visitor} subcommand. */
    public static final List<String> VISITOR_TYPES = List.of("stcp", "sudp", "xtcp");

    /** frpc's flags a proxy and a visitor share (RegisterProxyFlags and RegisterVisitorFlags both register them). */
    private static final FrpFlag USE_ENCRYPTION = FrpFlag.of("--ue", "transport.useEncryption", Kind.BOOL, "use encryption");
    private static final FrpFlag USE_COMPRESSION = FrpFlag.of("--uc", "transport.useCompression", Kind.BOOL,
            "use compression");
    private static final FrpFlag SECRET_KEY = FrpFlag.of("--sk", "secretKey", Kind.STRING, "secret key");

    private FrpFlags() {
    }

    /** frps's flags (RegisterServerConfigFlags). */
    public static List<FrpFlag> server() {
        return List.of(
                FrpFlag.of("--bind-addr", "bindAddr", Kind.STRING, "bind address (default 0.0.0.0)"),
                FrpFlag.of("-p --bind-port", "bindPort", Kind.INT, "bind port (default 7000)"),
                FrpFlag.of("--kcp-bind-port", "kcpBindPort", Kind.INT, "kcp bind udp port"),
                FrpFlag.of("--quic-bind-port", "quicBindPort", Kind.INT, "quic bind udp port"),
                FrpFlag.of("--proxy-bind-addr", "proxyBindAddr", Kind.STRING, "proxy bind address (default 0.0.0.0)"),
                FrpFlag.of("--vhost-http-port", "vhostHTTPPort", Kind.INT, "vhost http port"),
                FrpFlag.of("--vhost-https-port", "vhostHTTPSPort", Kind.INT, "vhost https port"),
                FrpFlag.of("--vhost-http-timeout", "vhostHTTPTimeout", Kind.INT, "vhost http response header timeout (default 60)"),
                FrpFlag.of("--dashboard-addr", "webServer.addr", Kind.STRING, "dashboard address (default 0.0.0.0)"),
                FrpFlag.of("--dashboard-port", "webServer.port", Kind.INT, "dashboard port"),
                FrpFlag.of("--dashboard-user", "webServer.user", Kind.STRING, "dashboard user (default admin)"),
                FrpFlag.of("--dashboard-pwd", "webServer.password", Kind.STRING, "dashboard password (default admin)"),
                FrpFlag.of("--enable-prometheus", "enablePrometheus", Kind.BOOL, "enable prometheus dashboard"),
                FrpFlag.of("--log-file", "log.to", Kind.STRING, "log file (default console)"),
                FrpFlag.of("--log-level", "log.level", Kind.STRING, "log level (default info)"),
                FrpFlag.of("--log-max-days", "log.maxDays", Kind.INT, "log max days (default 3)"),
                FrpFlag.of("--disable-log-color", "log.disablePrintColor", Kind.BOOL, "disable log color in console"),
                FrpFlag.of("-t --token", "auth.token", Kind.STRING, "auth token"),
                FrpFlag.of("--subdomain-host", "subDomainHost", Kind.STRING, "subdomain host"),
                FrpFlag.of("--allow-ports", "allowPorts", Kind.STRING, "allow ports (2000-3000,3001)"),
                FrpFlag.of("--max-ports-per-client", "maxPortsPerClient", Kind.INT, "max ports per client"),
                FrpFlag.of("--tls-only", "transport.tls.force", Kind.BOOL, "frps tls only"),
                FrpFlag.of("--dashboard-tls-cert-file", "webServer.tls.certFile", Kind.STRING, "dashboard tls cert file"),
                FrpFlag.of("--dashboard-tls-key-file", "webServer.tls.keyFile", Kind.STRING, "dashboard tls key file"),
                FrpFlag.of("--dashboard-tls-mode", "", Kind.BOOL, "if enable dashboard tls mode"));
    }

    /** frpc's flags common to every proxy and visitor subcommand (RegisterClientCommonConfigFlags). */
    public static List<FrpFlag> clientCommon() {
        return List.of(
                FrpFlag.of("-s --server-addr", "serverAddr", Kind.STRING, "frp server's address (default 127.0.0.1)"),
                FrpFlag.of("-P --server-port", "serverPort", Kind.INT, "frp server's port (default 7000)"),
                FrpFlag.of("-p --protocol", "transport.protocol", Kind.STRING, "tcp, kcp, quic, websocket or wss (default tcp)"),
                FrpFlag.of("--log-level", "log.level", Kind.STRING, "log level (default info)"),
                FrpFlag.of("--log-file", "log.to", Kind.STRING, "console or file path (default console)"),
                FrpFlag.of("--log-max-days", "log.maxDays", Kind.INT, "log file reversed days (default 3)"),
                FrpFlag.of("--disable-log-color", "log.disablePrintColor", Kind.BOOL, "disable log color in console"),
                FrpFlag.of("--tls-server-name", "transport.tls.serverName", Kind.STRING, "the server name of the tls certificate"),
                FrpFlag.of("--dns-server", "dnsServer", Kind.STRING, "dns server instead of the system's"),
                FrpFlag.of("--tls-enable", "transport.tls.enable", Kind.BOOL, "enable frpc tls (default true)"),
                FrpFlag.of("-u --user", "user", Kind.STRING, "user"),
                FrpFlag.of("--client-id", "clientID", Kind.STRING, "unique identifier for this frpc instance"),
                FrpFlag.of("-t --token", "auth.token", Kind.STRING, "auth token"));
    }

    /** The flags of {@code frpc TYPE} for one proxy (RegisterProxyFlags), keys relative to the proxy. */
    public static List<FrpFlag> proxy(String type) {
        List<FrpFlag> flags = new ArrayList<>(List.of(
                FrpFlag.of("-n --proxy-name", "name", Kind.STRING, "proxy name"),
                FrpFlag.of("--metadatas", "metadatas", Kind.MAP, "metadata key-value pairs (key1=value1,key2=value2)"),
                FrpFlag.of("--annotations", "annotations", Kind.MAP, "annotation key-value pairs (key1=value1,key2=value2)"),
                FrpFlag.of("-i --local-ip", "localIP", Kind.STRING, "local ip (default 127.0.0.1)"),
                FrpFlag.of("-l --local-port", "localPort", Kind.INT, "local port"),
                USE_ENCRYPTION,
                USE_COMPRESSION,
                FrpFlag.of("--bandwidth-limit-mode", "transport.bandwidthLimitMode", Kind.STRING, "bandwidth limit mode (default client)"),
                FrpFlag.of("--bandwidth-limit", "transport.bandwidthLimit", Kind.STRING, "bandwidth limit (e.g. 100KB or 1MB)")));
        FrpFlag domains = FrpFlag.of("-d --custom-domain", "customDomains", Kind.LIST, "custom domains");
        FrpFlag subdomain = FrpFlag.of("--sd", "subdomain", Kind.STRING, "sub domain");
        FrpFlag user = FrpFlag.of("--http-user", "httpUser", Kind.STRING, "http auth user");
        FrpFlag password = FrpFlag.of("--http-pwd", "httpPassword", Kind.STRING, "http auth password");
        FrpFlag allowUsers = FrpFlag.of("--allow-users", "allowUsers", Kind.LIST, "allow visitor users");
        switch (type) {
            case "tcp", "udp" -> flags.add(FrpFlag.of("-r --remote-port", "remotePort", Kind.INT, "remote port"));
            case "http" -> flags.addAll(List.of(domains, subdomain,
                    FrpFlag.of("--locations", "locations", Kind.LIST, "locations"), user, password,
                    FrpFlag.of("--host-header-rewrite", "hostHeaderRewrite", Kind.STRING, "host header rewrite")));
            case "https" -> flags.addAll(List.of(domains, subdomain));
            case "tcpmux" -> flags.addAll(List.of(domains, subdomain,
                    FrpFlag.of("--mux", "multiplexer", Kind.STRING, "multiplexer"), user, password));
            case "stcp", "sudp", "xtcp" -> flags.addAll(List.of(SECRET_KEY, allowUsers));
            default -> throw new IllegalArgumentException("unknown proxy type " + type);
        }
        return flags;
    }

    /** The flags of {@code frpc TYPE visitor} (RegisterVisitorFlags), keys relative to the visitor. */
    public static List<FrpFlag> visitor() {
        return List.of(
                FrpFlag.of("-n --visitor-name", "name", Kind.STRING, "visitor name"),
                USE_ENCRYPTION,
                USE_COMPRESSION,
                SECRET_KEY,
                FrpFlag.of("--server-name", "serverName", Kind.STRING, "server name"),
                FrpFlag.of("--server-user", "serverUser", Kind.STRING, "server user"),
                FrpFlag.of("--bind-addr", "bindAddr", Kind.STRING, "bind addr"),
                FrpFlag.of("--bind-port", "bindPort", Kind.INT, "bind port"));
    }

    /** Adds the options of {@code flags} to {@code spec}. */
    public static void addTo(CommandSpec spec, List<FrpFlag> flags) {
        for (FrpFlag f : flags) {
            spec.addOption(f.option());
        }
    }

    /** Whether any of {@code flags} was given on the command line of {@code spec}. */
    public static boolean anyGiven(CommandSpec spec, List<FrpFlag> flags) {
        for (FrpFlag f : flags) {
            if (given(spec, f) != null) {
                return true;
            }
        }
        return false;
    }

    /**
     * What frps runs with when started with flags and no file: the flags given, over frp's flag
     * defaults that differ from a file's.
     *
     * @throws IllegalArgumentException for a malformed flag value
     */
    public static Map<String, Object> serverSettings(CommandSpec spec) {
        Map<String, Object> tree = new LinkedHashMap<>();
        tree.put("proxyBindAddr", "0.0.0.0");
        boolean dashboardTls = false;
        for (FrpFlag f : server()) {
            Object v = given(spec, f);
            if (v == null) {
                continue;
            }
            if (f.key().isEmpty()) { // --dashboard-tls-mode: certFile and keyFile count only with it
                Map<String, Object> probe = new LinkedHashMap<>();
                f.withKey("mode").put(probe, v);
                dashboardTls = Boolean.TRUE.equals(probe.get("mode"));
            } else {
                f.put(tree, v);
            }
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> web = (Map<String, Object>) tree.get("webServer");
        if (web != null) {
            if (!dashboardTls) {
                web.remove("tls");
            }
            if (web.containsKey("port")) { // frp's flag defaults, which count only with a dashboard
                web.putIfAbsent("user", "admin");
                web.putIfAbsent("password", "admin");
            }
        }
        return tree;
    }

    /**
     * What {@code frpc TYPE ...} (or {@code frpc TYPE visitor ...}) runs with: the common flags, and
     * one proxy (visitor) of {@code type} from its flags.
     *
     * @throws IllegalArgumentException for a malformed flag value
     */
    public static Map<String, Object> clientSettings(CommandSpec spec, String type, boolean visitor) {
        Map<String, Object> tree = new LinkedHashMap<>();
        tree.put("serverAddr", "127.0.0.1");
        for (FrpFlag f : clientCommon()) {
            Object v = given(spec, f);
            if (v != null) {
                f.put(tree, v);
            }
        }
        Map<String, Object> element = new LinkedHashMap<>();
        element.put("name", "");
        element.put("type", type);
        for (FrpFlag f : visitor ? visitor() : proxy(type)) {
            Object v = given(spec, f);
            if (v != null) {
                f.put(element, v);
            }
        }
        tree.put(visitor ? "visitors" : "proxies", List.of(element));
        return tree;
    }

    /** The raw value of {@code flag} on the command line of {@code spec}, or null when not given. */
    private static Object given(CommandSpec spec, FrpFlag flag) {
        OptionSpec o = spec.findOption(flag.names().get(flag.names().size() - 1));
        if (o == null || o.originalStringValues().isEmpty()) {
            return null;
        }
        return o.getValue();
    }
}
