package io.jfrp.config.read.ini;

import io.jfrp.config.ConfigProblem;
import io.jfrp.config.read.ini.IniDocument.Entry;
import io.jfrp.config.read.ini.IniDocument.Section;
import io.jfrp.config.read.ini.IniKeyTables.Kind;
import io.jfrp.config.read.ini.IniKeyTables.Target;
import io.jfrp.config.schema.ConfigKey;
import io.jfrp.config.schema.ConfigScope;
import io.jfrp.config.schema.FrpSchema;
import io.jfrp.config.schema.Values;
import io.jfrp.config.validate.Suggestions;

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
 *       (see {@link IniKeyTables#SERVER_COMMON}); {@code [plugin.NAME]} sections to {@code httpPlugins}.</li>
 *   <li>{@code [common]} of frpc ({@link IniKeyTables#CLIENT_COMMON}): {@code server_addr}, {@code server_port},
 *       {@code admin_*} to {@code webServer.*}, {@code http_proxy} to {@code transport.proxyURL},
 *       {@code meta_*} to {@code metadatas.*}, {@code oidc_additional_*} to
 *       {@code auth.oidc.additionalEndpointParams.*} ...</li>
 *   <li>every other frpc section is a proxy named after the section ({@code role = visitor} makes it a
 *       visitor); {@code [range:NAME]} sections expand into {@code NAME_0}, {@code NAME_1} ... from their
 *       {@code local_port}/{@code remote_port} lists. Proxy keys: {@link IniKeyTables#PROXY}, visitor keys:
 *       {@link IniKeyTables#VISITOR}; {@code plugin_*} parameters per plugin; {@code header_*} to
 *       {@code requestHeaders.set.*}.</li>
 * </ul>
 *
 * <p>The syntax is {@link IniDocument}'s, the key tables {@link IniKeyTables}'. Values are typed by the target
 * key (a number that does not parse is kept as text for the validator to report). Unknown keys are
 * errors with a suggestion among the INI names; keys frp ignores for a proxy's type (a
 * {@code remote_port} in an http section) are dropped with a warning, as frp drops them silently.
 */
public final class LegacyIniReader {
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
    public record Result(Map<String, Object> tree, Map<String, Integer> lines, Map<String, String> iniNames) {
    }

    /** Whether the text is frp's legacy format: it has a {@code [common]} section (frp's own test). */
    public static boolean looksLikeIni(String text) {
        return IniDocument.looksLikeIni(text);
    }

    /**
     * Reads an INI document.
     *
     * @param server   frps.ini (true) or frpc.ini (false)
     * @param problems receives errors and warnings, with lines
     */
    public static Result read(String text, boolean server, String file, List<ConfigProblem> problems) {
        return new LegacyIniReader(file, problems).read(text, server);
    }

    private Result read(String text, boolean server) {
        Map<String, Section> sections = IniDocument.parse(text, file, problems);
        Map<String, Object> root = new LinkedHashMap<>();
        Section common = sections.get("common");
        if (common == null) {
            error(1, "", "a legacy INI file needs a [common] section");
            return new Result(root, lines, iniNames);
        }
        mapCommon(common, server ? IniKeyTables.SERVER_COMMON : IniKeyTables.CLIENT_COMMON, root);
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
                        mapKey(e.getKey(), e.getValue(), IniKeyTables.HTTP_PLUGIN, p, display, sec);
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
            if (key.startsWith("meta_") && table == IniKeyTables.CLIENT_COMMON) {
                put(root, "", "metadatas." + key.substring("meta_".length()), entry.value(), entry.line());
            } else if (key.startsWith("oidc_additional_") && table == IniKeyTables.CLIENT_COMMON) {
                put(root, "", "auth.oidc.additionalEndpointParams." + key.substring("oidc_additional_".length()),
                        entry.value(), entry.line());
            } else if (key.equals("authenticate_heartbeats") || key.equals("authenticate_new_work_conns")) {
                Object on = convert(key, entry, Kind.BOOL);
                if (Boolean.TRUE.equals(on)) {
                    scopes.add(key.equals("authenticate_heartbeats") ? "HeartBeats" : "NewWorkConns");
                    scopesLine = scopesLine < 0 ? entry.line() : scopesLine;
                } else if (!(on instanceof Boolean)) {
                    error(entry.line(), key, "'" + key + "': expected a boolean (true or false), got '" + entry.value() + "'");
                }
            } else if (key.equals("dashboard_tls_mode")) {
                if (!(convert(key, entry, Kind.BOOL) instanceof Boolean)) {
                    error(entry.line(), key, "'" + key + "': expected a boolean (true or false), got '" + entry.value() + "'");
                }
            } else if (key.equals("dashboard_tls_cert_file") || key.equals("dashboard_tls_key_file")) {
                // frp uses them only with dashboard_tls_mode = true
                if (tlsMode != null && Boolean.TRUE.equals(convert("dashboard_tls_mode", tlsMode, Kind.BOOL))) {
                    put(root, "", key.endsWith("cert_file") ? "webServer.tls.certFile" : "webServer.tls.keyFile",
                            entry.value(), entry.line());
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
        if (t == IniKeyTables.DROP || t == IniKeyTables.SPECIAL) {
            return;
        }
        if (t == null) {
            String best = Suggestions.closest(key, table.keySet());
            error(entry.line(), join(display, key), "unknown key '" + key + "' in [" + sec.name + "]"
                    + (best != null ? " (did you mean '" + best + "'?)" : ""));
            return;
        }
        put(into, display, t.path(), convert(key, entry, t.kind()), entry.line());
    }

    private void proxyOrVisitor(String name, Section sec, List<Object> proxies, List<Object> visitors,
                                Map<String, String> overrides) {
        Entry roleEntry = sec.entries.get("role");
        String role = roleEntry == null || roleEntry.value().isEmpty() ? "server" : roleEntry.value();
        boolean visitor = role.equals("visitor");
        if (!visitor && !role.equals("server")) {
            error(roleEntry.line(), "role", "[" + sec.name + "]: role must be 'server' or 'visitor', got '" + role + "'");
            return;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        String display = (visitor ? "visitors[" + visitors.size() : "proxies[" + proxies.size()) + "]";
        lines.put(display, sec.line);
        put(out, display, "name", name, sec.line);
        Entry typeEntry = sec.entries.get("type");
        String type = typeEntry == null || typeEntry.value().isEmpty() ? "tcp" : typeEntry.value();
        if (typeEntry == null) {
            put(out, display, "type", "tcp", sec.line); // frp's legacy default
        }
        ConfigScope scope = visitor ? FrpSchema.VISITOR : FrpSchema.PROXY;
        Map<String, Target> table = visitor ? IniKeyTables.VISITOR : IniKeyTables.PROXY;
        Entry pluginEntry = sec.entries.get("plugin");
        String pluginType = pluginEntry == null ? null : pluginEntry.value();
        for (Map.Entry<String, Entry> e : sec.entries.entrySet()) {
            String key = e.getKey();
            Entry entry = overrides.containsKey(key) ? new Entry(overrides.get(key), e.getValue().line()) : e.getValue();
            currentIniName = key + " in [" + sec.name + "]";
            if (!visitor && key.startsWith("meta_")) {
                put(out, display, "metadatas." + key.substring("meta_".length()), entry.value(), entry.line());
            } else if (!visitor && key.startsWith("header_")) {
                if (type.equals("http")) {
                    put(out, display, "requestHeaders.set." + key.substring("header_".length()), entry.value(), entry.line());
                } else {
                    warning(entry.line(), key, "[" + sec.name + "]: '" + key + "' applies to type 'http' only and is ignored"
                            + " (frp ignores it too)");
                }
            } else if (!visitor && key.startsWith("plugin_")) {
                pluginParam(key, entry, pluginType, out, display, sec);
            } else {
                Target t = table.get(key);
                if (t != null && t != IniKeyTables.SPECIAL && scope.key(t.path()) != null && !scope.key(t.path()).appliesTo(type)) {
                    warning(entry.line(), join(display, t.path()), "[" + sec.name + "]: '" + key
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
            warning(entry.line(), key, "[" + sec.name + "]: '" + key + "' is ignored because no plugin is set");
            return;
        }
        if (key.startsWith("plugin_header_")) {
            put(out, display, "plugin.requestHeaders.set." + key.substring("plugin_header_".length()), entry.value(),
                    entry.line());
            return;
        }
        Target t = IniKeyTables.PLUGIN_PARAMS.get(key);
        if (t == null) {
            String best = Suggestions.closest(key, IniKeyTables.PLUGIN_PARAMS.keySet());
            error(entry.line(), key, "unknown key '" + key + "' in [" + sec.name + "]"
                    + (best != null ? " (did you mean '" + best + "'?)" : ""));
            return;
        }
        ConfigKey k = FrpSchema.CLIENT_PLUGIN.key(t.path());
        if (k != null && !k.appliesTo(pluginType)) {
            warning(entry.line(), key, "[" + sec.name + "]: '" + key + "' does not apply to plugin '" + pluginType
                    + "' and is ignored (frp ignores it too)");
            return;
        }
        put(out, display, "plugin." + t.path(), entry.value(), entry.line());
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
        for (String part : e.value().split(",")) {
            String p = part.strip();
            String[] bounds = p.split("-");
            Long a = bounds.length >= 1 ? Values.wholeNumber(bounds[0]) : null;
            Long b = bounds.length == 2 ? Values.wholeNumber(bounds[1]) : a;
            if (a == null || b == null || bounds.length > 2 || b < a) {
                error(e.line(), "", "'" + p + "' is not a number or a range such as 6000-6005");
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
            case STRING -> e.value();
            case INT -> {
                Long n = Values.wholeNumber(e.value());
                yield n != null ? (Object) n : e.value();
            }
            case BOOL -> {
                String v = e.value().strip().toLowerCase(Locale.ROOT);
                yield TRUE_WORDS.contains(v) ? Boolean.TRUE : FALSE_WORDS.contains(v) ? (Object) Boolean.FALSE : e.value();
            }
            case LIST -> {
                List<String> out = new ArrayList<>();
                for (String part : e.value().split(",")) {
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

}
