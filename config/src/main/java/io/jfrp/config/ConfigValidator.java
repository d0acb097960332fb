package io.jfrp.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigOrigin;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueFactory;
import com.typesafe.config.ConfigValueType;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Checks a user's configuration file (not the defaults) against {@link FrpSchema} and reports every
 * problem at once.
 *
 * <h3>What is checked</h3>
 * <ul>
 *   <li>Unknown keys are errors naming the full key path and the file and line, with a "did you mean"
 *       from {@link Suggestions}. Keys that belong to another proxy type are errors that say so.</li>
 *   <li>Values are checked as frp decodes them: a string where a number is needed, a port outside
 *       0..65535, a negative count, a value outside a key's allowed set, a malformed allowPorts.</li>
 *   <li>Recognised frp keys that jfrp does not implement yet are type-checked, then dropped with a
 *       warning "recognised frp key X is not supported by jfrp yet and is ignored". A proxy of a type
 *       jfrp does not implement (or with a plugin) gets one warning and is ignored as a whole.</li>
 *   <li>A few rules that span keys, as frp has them (heartbeat timeout not below the interval, unique
 *       proxy names, required proxy fields) and as jfrp needs them (auth.method token, a certificate
 *       with its key).</li>
 * </ul>
 *
 * <h3>Normalisation</h3>
 * The result carries the user's config rewritten the way frp reads it: keys matched ignoring case (Go's
 * JSON decoder does that; a warning asks for the right spelling), zero or empty values of keys where
 * frp means "the default" removed so the default applies, unsupported keys removed. Origins (file and
 * line) are kept.
 *
 * <h3>jfrp keys</h3>
 * Keys under {@code jfrp} are jfrp's own. They are known from the defaults the program passes (its
 * reference.conf, so a module that adds a default adds a key) and follow HOCON's rules: the type is
 * inferred from the default ("30s" means a duration, "16KiB" a size, on/off a boolean). One exception to
 * HOCON: a duration must carry its unit, because a bare number means milliseconds to HOCON but seconds
 * in frp's keys of the same file. A few keys are declared in {@link FrpSchema#SERVER_JFRP} with a type
 * of their own ({@code jfrp.loginMaxSkew} takes seconds like frp's keys).
 *
 * <p>Immutable and thread-safe; each call keeps its own state.
 */
public final class ConfigValidator {
    /** Proxy types jfrp implements. */
    static final Set<String> SUPPORTED_PROXY_TYPES = Set.of("tcp", "http", "https", "tcpmux");

    private final ConfigScope root;
    private final ConfigScope jfrpDeclared;
    private final Config jfrpDefaults;
    private final Config defaults;

    /**
     * @param root         {@link FrpSchema#SERVER} or {@link FrpSchema#CLIENT}
     * @param jfrpDeclared jfrp keys with an explicit type ({@link FrpSchema#SERVER_JFRP})
     * @param defaults     the program's resolved defaults at the root of the file's key space (so
     *                     {@code bindPort}, {@code jfrp.mux...}); used for jfrp keys and cross-key rules
     */
    public ConfigValidator(ConfigScope root, ConfigScope jfrpDeclared, Config defaults) {
        this.root = Objects.requireNonNull(root, "root");
        this.jfrpDeclared = Objects.requireNonNull(jfrpDeclared, "jfrpDeclared");
        this.defaults = Objects.requireNonNull(defaults, "defaults");
        this.jfrpDefaults = defaults.hasPath("jfrp") ? defaults.getConfig("jfrp") : ConfigFactory.empty();
    }

    /** What {@link #validate} found. */
    public record Result(Config normalised, List<ConfigProblem> problems) {
        public Result {
            problems = List.copyOf(problems);
        }

        public List<ConfigProblem> errors() {
            return problems.stream().filter(ConfigProblem::isError).toList();
        }

        public List<ConfigProblem> warnings() {
            return problems.stream().filter(p -> !p.isError()).toList();
        }

        public boolean hasErrors() {
            return problems.stream().anyMatch(ConfigProblem::isError);
        }
    }

    /**
     * Validates a resolved user config.
     *
     * @param user    the user's file only, resolved (no unresolved substitutions)
     * @param file    the file's name for messages where a value has no origin
     * @param lenient accept numbers and booleans written as text (a .properties file has nothing else)
     */
    public Result validate(Config user, String file, boolean lenient) {
        Run run = new Run(file, lenient);
        ConfigObject normalised = walk(user.root(), root, "", "", null, false, run);
        Config n = normalised.toConfig();
        crossChecks(n, run);
        return new Result(n, run.problems);
    }

    /** Validates with strict typing (TOML, HOCON, JSON). */
    public Result validate(Config user, String file) {
        return validate(user, file, false);
    }

    private static final class Run {
        final String file;
        final boolean lenient;
        final List<ConfigProblem> problems = new ArrayList<>();

        Run(String file, boolean lenient) {
            this.file = file;
            this.lenient = lenient;
        }

        void error(ConfigOrigin origin, String key, String message) {
            problems.add(ConfigProblem.error(origin, file, key, message));
        }

        void warning(ConfigOrigin origin, String key, String message) {
            problems.add(ConfigProblem.warning(origin, file, key, message));
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Walking frp keys

    private ConfigObject walk(ConfigObject obj, ConfigScope scope, String rel, String display, String disc,
                              boolean quiet, Run run) {
        Map<String, ConfigValue> out = new LinkedHashMap<>();
        for (Map.Entry<String, ConfigValue> e : ordered(obj)) {
            String key = e.getKey();
            ConfigValue v = e.getValue();
            if (v.valueType() == ConfigValueType.NULL) {
                continue; // frp decodes null as "not set"
            }
            if (scope == root && rel.isEmpty() && key.equals("jfrp")) {
                if (v.valueType() != ConfigValueType.OBJECT) {
                    run.error(v.origin(), "jfrp", "'jfrp': expected a table of jfrp settings, got " + Values.show(v));
                } else {
                    out.put(key, walkJfrp((ConfigObject) v, "", run));
                }
                continue;
            }
            String path = join(rel, key);
            String shown = join(display, key);
            if (scope.key(path) == null && !scope.isTable(path)) {
                String canonical = scope.canonicalChild(rel, key);
                if (canonical != null && !canonical.equals(key)) {
                    String fixed = join(display, canonical);
                    if (obj.containsKey(canonical)) {
                        run.error(v.origin(), shown, "'" + shown + "' and '" + fixed
                                + "' are the same key to frp (it ignores case); keep only '" + fixed + "'");
                        continue;
                    }
                    run.warning(v.origin(), shown, "key '" + shown + "' is read as '" + fixed
                            + "' (frp ignores the case of key names); please write '" + fixed + "'");
                    key = canonical;
                    path = join(rel, key);
                    shown = fixed;
                }
            }
            ConfigKey k = scope.key(path);
            if (k != null) {
                if (!k.appliesTo(disc)) {
                    run.error(v.origin(), shown, "key '" + shown + "' does not apply to a " + scope.name() + " of type '"
                            + disc + "' (only to " + String.join(", ", k.appliesTo()) + ")");
                    continue;
                }
                ConfigValue checked = checkKey(k, v, shown, quiet, run);
                if (checked != null) {
                    out.put(key, checked);
                }
            } else if (scope.isTable(path)) {
                if (v.valueType() != ConfigValueType.OBJECT) {
                    run.error(v.origin(), shown, "'" + shown + "': expected a table, got " + Values.show(v));
                    continue;
                }
                ConfigObject sub = walk((ConfigObject) v, scope, path, shown, disc, quiet, run);
                if (!sub.isEmpty()) {
                    out.put(key, sub);
                }
            } else {
                run.error(v.origin(), shown, unknownKeyMessage(scope, rel, key, display, disc));
            }
        }
        return ConfigValueFactory.fromMap(out).withOrigin(obj.origin());
    }

    private String unknownKeyMessage(ConfigScope scope, String rel, String key, String display, String disc) {
        String path = join(rel, key);
        String shown = join(display, key);
        StringBuilder msg = new StringBuilder("unknown key '").append(shown).append('\'');
        if (scope == root && rel.isEmpty() && (key.equals("jfrps") || key.equals("jfrpc"))) {
            return msg.append(": write the settings at the top level of the file, with frp's key names").toString();
        }
        List<String> candidates = new ArrayList<>();
        for (String c : scope.allPaths()) {
            ConfigKey ck = scope.key(c);
            if (ck == null || ck.appliesTo(disc)) {
                candidates.add(c);
            }
        }
        if (scope == root) {
            candidates.add("jfrp");
        }
        String best = Suggestions.closest(path, candidates);
        if (best != null) {
            String scopeDisplay = display.length() > rel.length()
                    ? display.substring(0, display.length() - rel.length() - (rel.isEmpty() ? 0 : 1)) : "";
            msg.append(" (did you mean '").append(join(scopeDisplay, best)).append("'?)");
        }
        return msg.toString();
    }

    /** Checks one recognised key; returns the value to keep, or null to drop it. */
    private ConfigValue checkKey(ConfigKey k, ConfigValue v, String shown, boolean quiet, Run run) {
        if (k.zeroMeansDefault() && Values.isZero(v)) {
            return null; // frp's EmptyOr: 0 or "" is the default, before any other check
        }
        ConfigValue checked = switch (k.type()) {
            case TABLE_LIST -> checkTableList(k, v, shown, quiet, run);
            case TABLE -> checkTable(k, v, shown, quiet, run);
            default -> checkScalarish(k, v, shown, run.lenient, run) ? v : null;
        };
        if (checked == null) {
            return null;
        }
        if (k.support() == Support.NOT_IMPLEMENTED) {
            // Asking for frp's default (off, 0, console...) asks for nothing jfrp lacks: no warning.
            boolean isFrpDefault = Values.isScalar(checked) && String.valueOf(checked.unwrapped()).equals(k.frpDefault());
            if (!quiet && !isFrpDefault) {
                run.warning(v.origin(), shown, "recognised frp key '" + shown
                        + "' is not supported by jfrp yet and is ignored");
            }
            return null;
        }
        return checked;
    }

    /**
     * Checks a value that is not a table of known keys. {@code lenient}: numbers and booleans written as
     * text are accepted (HOCON's own rules, used for jfrp keys and .properties files).
     */
    private boolean checkScalarish(ConfigKey k, ConfigValue v, String shown, boolean lenient, Run run) {
        switch (k.type()) {
            case BOOL -> {
                if (v.valueType() == ConfigValueType.BOOLEAN
                        || lenient && v.valueType() == ConfigValueType.STRING && Values.isBooleanWord((String) v.unwrapped())) {
                    return true;
                }
                return wrongType(k, v, shown, run);
            }
            case INT, PORT -> {
                Long n = number(v, lenient);
                if (n == null) {
                    return wrongType(k, v, shown, run);
                }
                return inRange(k, v, n, shown, run);
            }
            case SECONDS -> {
                Duration d = Values.seconds(v);
                if (d == null || v.valueType() == ConfigValueType.NUMBER && Values.wholeNumber(v) == null) {
                    return wrongType(k, v, shown, run);
                }
                return inRange(k, v, d.getSeconds(), shown, run);
            }
            case STRING -> {
                if (!Values.isScalar(v)) {
                    return wrongType(k, v, shown, run);
                }
                return allowed(k, v, String.valueOf(v.unwrapped()), shown, run);
            }
            case STRING_LIST -> {
                if (v.valueType() != ConfigValueType.LIST) {
                    return wrongType(k, v, shown, run);
                }
                boolean ok = true;
                int i = 0;
                for (ConfigValue e : (ConfigList) v) {
                    String es = shown + "[" + i++ + "]";
                    if (!Values.isScalar(e)) {
                        run.error(e.origin(), es, "'" + es + "': expected a string, got " + Values.show(e));
                        ok = false;
                    } else {
                        ok &= allowed(k, e, String.valueOf(e.unwrapped()), es, run);
                    }
                }
                return ok;
            }
            case STRING_MAP, BOOL_MAP -> {
                if (v.valueType() != ConfigValueType.OBJECT) {
                    return wrongType(k, v, shown, run);
                }
                boolean ok = true;
                for (Map.Entry<String, ConfigValue> e : ordered((ConfigObject) v)) {
                    String es = shown + "." + e.getKey();
                    ConfigValue ev = e.getValue();
                    boolean good = k.type() == KeyType.STRING_MAP ? Values.isScalar(ev) : ev.valueType() == ConfigValueType.BOOLEAN;
                    if (!good) {
                        run.error(ev.origin(), es, "'" + es + "': expected "
                                + (k.type() == KeyType.STRING_MAP ? "a string" : "a boolean (true or false)")
                                + ", got " + Values.show(ev));
                        ok = false;
                    }
                }
                return ok;
            }
            case PORT_RANGES -> {
                List<String> errors = new ArrayList<>();
                PortRangesReader.fromConfig(v, errors);
                for (String e : errors) {
                    run.error(v.origin(), shown, "'" + shown + "': " + e);
                }
                return errors.isEmpty();
            }
            case BANDWIDTH -> {
                if (v.valueType() != ConfigValueType.STRING || !Values.isBandwidth((String) v.unwrapped())) {
                    return wrongType(k, v, shown, run);
                }
                return true;
            }
            case DURATION -> {
                Long bare = Values.wholeNumber(v);
                if (bare != null && bare != 0) {
                    // HOCON reads a bare number as milliseconds, frp's keys read it as seconds: ask for a unit.
                    run.error(v.origin(), shown, "'" + shown + "': give a unit, e.g. \"" + bare + "s\" (a bare number "
                            + "is milliseconds in HOCON but seconds in frp's keys)");
                    return false;
                }
                return Values.hoconDuration(v) != null || wrongType(k, v, shown, run);
            }
            case BYTES -> {
                return Values.hoconBytes(v) != null || wrongType(k, v, shown, run);
            }
            case ANY -> {
                return true;
            }
            default -> throw new IllegalStateException("unexpected type " + k.type());
        }
    }

    private static Long number(ConfigValue v, boolean lenient) {
        Long n = Values.wholeNumber(v);
        if (n == null && lenient && v.valueType() == ConfigValueType.STRING) {
            n = Values.wholeNumber((String) v.unwrapped());
        }
        return n;
    }

    private static boolean wrongType(ConfigKey k, ConfigValue v, String shown, Run run) {
        run.error(v.origin(), shown, "'" + shown + "': expected " + expected(k) + ", got " + Values.show(v));
        return false;
    }

    private static boolean inRange(ConfigKey k, ConfigValue v, long n, String shown, Run run) {
        if (n >= k.min() && n <= k.max()) {
            return true;
        }
        run.error(v.origin(), shown, "'" + shown + "': expected " + expected(k) + ", got " + Values.show(v));
        return false;
    }

    private static boolean allowed(ConfigKey k, ConfigValue v, String s, String shown, Run run) {
        if (k.allowedValues().isEmpty() || k.allowedValues().contains(s)) {
            return true;
        }
        String msg = "'" + shown + "': expected one of " + quoted(k.allowedValues()) + ", got '" + s + "'";
        String best = Suggestions.closest(s, k.allowedValues());
        if (best != null) {
            msg += " (did you mean '" + best + "'?)";
        }
        run.error(v.origin(), shown, msg);
        return false;
    }

    private static String expected(ConfigKey k) {
        String base = k.type().expected();
        switch (k.type()) {
            case PORT -> {
                String zero = k.zeroMeansDefault() ? ", 0 for the default " + k.frpDefault() : "";
                return "a port number " + k.min() + ".." + k.max() + zero;
            }
            case INT, SECONDS -> {
                if (k.min() == Long.MIN_VALUE && k.max() == Long.MAX_VALUE) {
                    return base + (k.type() == KeyType.SECONDS ? ", negative to disable" : "");
                }
                if (k.min() == Long.MIN_VALUE) {
                    return base + " <= " + k.max();
                }
                if (k.max() == Long.MAX_VALUE) {
                    return base + " >= " + k.min();
                }
                return base + " in " + k.min() + ".." + k.max();
            }
            default -> {
                return base;
            }
        }
    }

    private static String quoted(Set<String> values) {
        List<String> out = new ArrayList<>();
        for (String s : values) {
            out.add("'" + s + "'");
        }
        out.sort(Comparator.naturalOrder());
        return String.join(", ", out);
    }

    private ConfigValue checkTable(ConfigKey k, ConfigValue v, String shown, boolean quiet, Run run) {
        if (v.valueType() != ConfigValueType.OBJECT) {
            wrongType(k, v, shown, run);
            return null;
        }
        ConfigObject obj = (ConfigObject) v;
        String disc = discriminator(obj, k.element(), shown, true, run);
        return walk(obj, k.element(), "", shown, disc, quiet, run);
    }

    private ConfigValue checkTableList(ConfigKey k, ConfigValue v, String shown, boolean quiet, Run run) {
        if (v.valueType() != ConfigValueType.LIST) {
            wrongType(k, v, shown, run);
            return null;
        }
        boolean quietInside = quiet || k.support() == Support.NOT_IMPLEMENTED;
        List<ConfigValue> out = new ArrayList<>();
        Map<String, ConfigValue> names = new HashMap<>();
        int i = 0;
        for (ConfigValue e : (ConfigList) v) {
            String es = shown + "[" + i++ + "]";
            if (e.valueType() != ConfigValueType.OBJECT) {
                run.error(e.origin(), es, "'" + es + "': expected a table, got " + Values.show(e));
                continue;
            }
            ConfigObject element = (ConfigObject) e;
            ConfigScope scope = k.element();
            if (scope == FrpSchema.PROXY || scope == FrpSchema.VISITOR) {
                ConfigObject checked = checkProxyOrVisitor(element, scope, es, quietInside, names, run);
                if (checked != null) {
                    out.add(checked);
                }
            } else {
                out.add(walk(element, scope, "", es, discriminator(element, scope, es, true, run), quietInside, run));
            }
        }
        return ConfigValueFactory.fromIterable(out).withOrigin(v.origin());
    }

    /**
     * A proxy or visitor: required fields, unique names, and whether jfrp implements it. Returns the
     * normalised element, or null for a proxy jfrp ignores (so the typed views never see it).
     */
    private ConfigObject checkProxyOrVisitor(ConfigObject element, ConfigScope scope, String shown, boolean quiet,
                                             Map<String, ConfigValue> names, Run run) {
        String what = scope.name();
        String disc = discriminator(element, scope, shown, true, run);
        ConfigValue nameValue = get(element, "name");
        String name = nameValue != null && Values.isScalar(nameValue) ? String.valueOf(nameValue.unwrapped()) : "";
        if (name.isEmpty()) {
            run.error(element.origin(), shown, "'" + shown + "': a " + what + " needs a 'name'");
        } else {
            ConfigValue first = names.putIfAbsent(name, nameValue);
            if (first != null) {
                run.error(nameValue.origin(), shown, "'" + shown + "': " + what + " name '" + name + "' is used twice"
                        + (first.origin().lineNumber() > 0 ? " (first on line " + first.origin().lineNumber() + ")" : ""));
            }
        }
        String label = what + " '" + (name.isEmpty() ? shown : name) + "'";
        boolean implemented = false;
        if (scope == FrpSchema.PROXY && disc != null) {
            ConfigValue plugin = get(element, "plugin");
            implemented = SUPPORTED_PROXY_TYPES.contains(disc) && plugin == null;
            if (!quiet && !implemented) {
                String why = plugin != null
                        ? "proxies with a plugin" + (plugin.valueType() == ConfigValueType.OBJECT && get((ConfigObject) plugin, "type") != null
                                ? " ('" + get((ConfigObject) plugin, "type").unwrapped() + "')" : "")
                        : "proxies of type '" + disc + "'";
                run.warning(element.origin(), shown, label + ": " + why
                        + " are not supported by jfrp yet; this proxy is ignored");
            }
            if (implemented) {
                ConfigValue lp = get(element, "localPort");
                Long port = lp == null ? null : number(lp, run.lenient);
                if (lp == null || port != null && port == 0) {
                    run.error(lp == null ? element.origin() : lp.origin(), shown + ".localPort",
                            label + ": 'localPort' is required (1..65535)");
                }
            }
        } else if (scope == FrpSchema.VISITOR && disc != null) {
            if (isBlank(get(element, "serverName"))) {
                run.error(element.origin(), shown, label + ": 'serverName' is required");
            }
            ConfigValue bp = get(element, "bindPort");
            Long port = bp == null ? null : number(bp, run.lenient);
            if (bp == null || port != null && port == 0) {
                run.error(bp == null ? element.origin() : bp.origin(), shown + ".bindPort",
                        label + ": 'bindPort' is required (negative = do not listen)");
            }
        }
        ConfigObject walked = walk(element, scope, "", shown, disc, quiet || !implemented, run);
        return scope == FrpSchema.PROXY && !implemented ? null : walked;
    }

    private static boolean isBlank(ConfigValue v) {
        return v == null || !Values.isScalar(v) || String.valueOf(v.unwrapped()).isEmpty();
    }

    /** The value of a child ignoring the case of its name, as frp would read it. */
    private static ConfigValue get(ConfigObject obj, String name) {
        ConfigValue v = obj.get(name);
        if (v != null) {
            return v;
        }
        for (Map.Entry<String, ConfigValue> e : obj.entrySet()) {
            if (e.getKey().equalsIgnoreCase(name)) {
                return e.getValue();
            }
        }
        return null;
    }

    /**
     * The element's discriminator value (its {@code type}) when the scope has one and it is valid; else
     * null, after reporting it missing when {@code required}. An invalid value is reported by the normal
     * key check.
     */
    private static String discriminator(ConfigObject obj, ConfigScope scope, String shown, boolean required, Run run) {
        if (scope.discriminator().isEmpty()) {
            return null;
        }
        String key = scope.discriminator().get();
        ConfigValue v = get(obj, key);
        if (v == null) {
            if (required) {
                run.error(obj.origin(), shown, "'" + shown + "': missing '" + key + "' (one of "
                        + String.join(", ", scope.discriminatorValues()) + ")");
            }
            return null;
        }
        String s = Values.isScalar(v) ? String.valueOf(v.unwrapped()) : null;
        return s != null && scope.discriminatorValues().contains(s) ? s : null;
    }

    // ---------------------------------------------------------------------------------------------
    // jfrp keys

    private ConfigObject walkJfrp(ConfigObject obj, String rel, Run run) {
        Map<String, ConfigValue> out = new LinkedHashMap<>();
        for (Map.Entry<String, ConfigValue> e : ordered(obj)) {
            String key = e.getKey();
            ConfigValue v = e.getValue();
            String path = join(rel, key);
            String shown = "jfrp." + path;
            ConfigKey declared = jfrpDeclared.key(path);
            ConfigValue dv = defaultAt(path);
            if (declared != null) {
                if (checkScalarish(declared, v, shown, true, run)) {
                    out.put(key, v);
                }
            } else if (dv != null && dv.valueType() == ConfigValueType.OBJECT) {
                if (v.valueType() != ConfigValueType.OBJECT) {
                    run.error(v.origin(), shown, "'" + shown + "': expected a table, got " + Values.show(v));
                } else {
                    out.put(key, walkJfrp((ConfigObject) v, path, run));
                }
            } else if (dv != null) {
                if (checkScalarish(inferred(path, dv), v, shown, true, run)) {
                    out.put(key, v);
                }
            } else if (jfrpDeclared.isTable(path) && v.valueType() == ConfigValueType.OBJECT) {
                out.put(key, walkJfrp((ConfigObject) v, path, run));
            } else {
                List<String> candidates = new ArrayList<>(jfrpDeclared.allPaths());
                if (!jfrpDefaults.isEmpty()) {
                    collectPaths(jfrpDefaults.root(), "", candidates);
                }
                String best = Suggestions.closest(path, candidates);
                run.error(v.origin(), shown, "unknown key '" + shown + "'"
                        + (best != null ? " (did you mean 'jfrp." + best + "'?)" : ""));
            }
        }
        return ConfigValueFactory.fromMap(out).withOrigin(obj.origin());
    }

    private ConfigValue defaultAt(String path) {
        ConfigValue cur = jfrpDefaults.root();
        for (String seg : path.split("\\.")) {
            if (!(cur instanceof ConfigObject o) || !o.containsKey(seg)) {
                return null;
            }
            cur = o.get(seg);
        }
        return cur;
    }

    private static void collectPaths(ConfigObject obj, String prefix, List<String> out) {
        for (Map.Entry<String, ConfigValue> e : obj.entrySet()) {
            String p = join(prefix, e.getKey());
            out.add(p);
            if (e.getValue() instanceof ConfigObject o) {
                collectPaths(o, p, out);
            }
        }
    }

    /** The type of a jfrp key as HOCON would read its default. */
    private static ConfigKey inferred(String path, ConfigValue dv) {
        KeyType t = switch (dv.valueType()) {
            case BOOLEAN -> KeyType.BOOL;
            case NUMBER -> Values.wholeNumber(dv) != null ? KeyType.INT : KeyType.ANY;
            case STRING -> {
                String s = (String) dv.unwrapped();
                if (Values.isBooleanWord(s)) {
                    yield KeyType.BOOL;
                } else if (Values.hoconDuration(dv) != null) {
                    yield KeyType.DURATION;
                } else if (Values.hoconBytes(dv) != null) {
                    yield KeyType.BYTES;
                }
                yield KeyType.STRING;
            }
            default -> KeyType.ANY;
        };
        ConfigScope.KeyBuilder kb = ConfigScope.builder("jfrp").key(path, t).impl();
        if (t == KeyType.INT) {
            kb.range(Long.MIN_VALUE, Long.MAX_VALUE);
        }
        return kb.build();
    }

    // ---------------------------------------------------------------------------------------------
    // Rules across keys

    private void crossChecks(Config user, Run run) {
        Config merged = user.withFallback(defaults);
        authMethod(user, run);
        if (root == FrpSchema.SERVER) {
            certAndKey(user, "transport.tls", run);
        } else if (root == FrpSchema.CLIENT) {
            certAndKey(user, "transport.tls", run);
            if (merged.hasPath("transport.tls.enable") && !merged.getBoolean("transport.tls.enable")) {
                for (String f : List.of("certFile", "keyFile", "trustedCaFile")) {
                    String p = "transport.tls." + f;
                    if (user.hasPath(p)) {
                        run.warning(user.getValue(p).origin(), p,
                                "'" + p + "' has no effect while transport.tls.enable is false");
                    }
                }
            }
            heartbeat(user, merged, run);
        }
    }

    private static void authMethod(Config user, Run run) {
        if (user.hasPath("auth.method") && !"token".equals(user.getString("auth.method"))) {
            run.error(user.getValue("auth.method").origin(), "auth.method", "'auth.method' = '"
                    + user.getString("auth.method") + "' is valid in frp, but jfrp supports only 'token'");
        }
    }

    private static void certAndKey(Config user, String prefix, Run run) {
        boolean cert = user.hasPath(prefix + ".certFile");
        boolean key = user.hasPath(prefix + ".keyFile");
        if (cert != key) {
            String set = prefix + (cert ? ".certFile" : ".keyFile");
            String missing = prefix + (cert ? ".keyFile" : ".certFile");
            run.error(user.getValue(set).origin(), set, "'" + set + "' is set but '" + missing
                    + "' is not; give both (frp would silently use a generated certificate instead)");
        }
    }

    private static void heartbeat(Config user, Config merged, Run run) {
        String ip = "transport.heartbeatInterval";
        String tp = "transport.heartbeatTimeout";
        if (!user.hasPath(ip) && !user.hasPath(tp)) {
            return;
        }
        boolean tcpMux = !merged.hasPath("transport.tcpMux") || merged.getBoolean("transport.tcpMux");
        long interval = user.hasPath(ip) ? Values.seconds(user, ip).getSeconds() : tcpMux ? -1 : 30;
        long timeout = user.hasPath(tp) ? Values.seconds(user, tp).getSeconds() : tcpMux ? -1 : 90;
        if (interval > 0 && timeout > 0 && timeout < interval) {
            String at = user.hasPath(tp) ? tp : ip;
            run.error(user.getValue(at).origin(), at, "'" + tp + "' (" + timeout
                    + "s) must not be less than '" + ip + "' (" + interval + "s)");
        }
    }

    // ---------------------------------------------------------------------------------------------

    private static List<Map.Entry<String, ConfigValue>> ordered(ConfigObject obj) {
        List<Map.Entry<String, ConfigValue>> entries = new ArrayList<>(obj.entrySet());
        entries.sort(Comparator.<Map.Entry<String, ConfigValue>>comparingInt(e -> {
            int line = e.getValue().origin().lineNumber();
            return line > 0 ? line : Integer.MAX_VALUE;
        }).thenComparing(Map.Entry::getKey));
        return entries;
    }

    private static String join(String prefix, String key) {
        return prefix.isEmpty() ? key : prefix + "." + key;
    }
}
