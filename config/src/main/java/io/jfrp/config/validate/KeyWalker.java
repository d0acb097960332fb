package io.jfrp.config.validate;

import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueFactory;
import com.typesafe.config.ConfigValueType;
import io.jfrp.config.schema.ConfigKey;
import io.jfrp.config.schema.ConfigScope;
import io.jfrp.config.schema.FrpSchema;
import io.jfrp.config.schema.Support;
import io.jfrp.config.schema.Values;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Walks a user's configuration against the schema, key by key: a known key has its value checked
 * ({@link ValueChecks}), an intermediate table is walked into, a key matched only ignoring case is
 * read under its right name (frp's decoder ignores case) with a warning, an unknown key is an error
 * with a suggestion ({@link Suggestions}), and a key of another proxy type is an error that says so.
 * Lists of tables go element by element ({@link ProxyTables} for proxies and visitors), the
 * {@code jfrp} table to {@link JfrpKeys}. Returns the normalised tree: zero values that mean frp's
 * default and unsupported keys dropped, names corrected, origins kept.
 */
final class KeyWalker {
    private final ConfigScope root;
    private final JfrpKeys jfrpKeys;
    private final ProxyTables proxyTables = new ProxyTables(this);

    KeyWalker(ConfigScope root, JfrpKeys jfrpKeys) {
        this.root = root;
        this.jfrpKeys = jfrpKeys;
    }

    /** The schema of the file's root. */
    ConfigScope root() {
        return root;
    }

    /**
     * The table {@code obj} of {@code scope} at {@code rel} (shown to the user as {@code display}),
     * checked and normalised.
     *
     * @param disc  the discriminator value (proxy type) of the element being walked, or null
     * @param quiet no errors for unimplemented keys (inside an element already refused as a whole)
     */
    ConfigObject walk(ConfigObject obj, ConfigScope scope, String rel, String display, String disc,
                              boolean quiet, Problems run) {
        Map<String, ConfigValue> out = new LinkedHashMap<>();
        for (Map.Entry<String, ConfigValue> e : ConfigTrees.ordered(obj)) {
            String key = e.getKey();
            ConfigValue v = e.getValue();
            if (v.valueType() == ConfigValueType.NULL) {
                continue; // frp decodes null as "not set"
            }
            if (scope == root && rel.isEmpty() && key.equals("jfrp")) {
                if (v.valueType() != ConfigValueType.OBJECT) {
                    run.error(v.origin(), "jfrp", "'jfrp': expected a table of jfrp settings, got " + Values.show(v));
                } else {
                    out.put(key, jfrpKeys.walk((ConfigObject) v, "", run));
                }
                continue;
            }
            String path = ConfigTrees.join(rel, key);
            String shown = ConfigTrees.join(display, key);
            if (scope.key(path) == null && !scope.isTable(path)) {
                String canonical = scope.canonicalChild(rel, key);
                if (canonical != null && !canonical.equals(key)) {
                    String fixed = ConfigTrees.join(display, canonical);
                    if (obj.containsKey(canonical)) {
                        run.error(v.origin(), shown, "'" + shown + "' and '" + fixed
                                + "' are the same key to frp (it ignores case); keep only '" + fixed + "'");
                        continue;
                    }
                    run.warning(v.origin(), shown, "key '" + shown + "' is read as '" + fixed
                            + "' (frp ignores the case of key names); please write '" + fixed + "'");
                    key = canonical;
                    path = ConfigTrees.join(rel, key);
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
                run.unknownKey(v.origin(), shown, unknownKeyMessage(scope, rel, key, display, disc));
            }
        }
        return ConfigValueFactory.fromMap(out).withOrigin(obj.origin());
    }

    private String unknownKeyMessage(ConfigScope scope, String rel, String key, String display, String disc) {
        String path = ConfigTrees.join(rel, key);
        String shown = ConfigTrees.join(display, key);
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
            msg.append(" (did you mean '").append(ConfigTrees.join(scopeDisplay, best)).append("'?)");
        }
        return msg.toString();
    }

    /** Checks one recognised key; returns the value to keep, or null to drop it. */
    private ConfigValue checkKey(ConfigKey k, ConfigValue v, String shown, boolean quiet, Problems run) {
        if (k.zeroMeansDefault() && Values.isZero(v)) {
            return null; // frp's EmptyOr: 0 or "" is the default, before any other check
        }
        ConfigValue checked = switch (k.type()) {
            case TABLE_LIST -> checkTableList(k, v, shown, quiet, run);
            case TABLE -> checkTable(k, v, shown, quiet, run);
            default -> ValueChecks.check(k, v, shown, run.lenient, run) ? v : null;
        };
        if (checked == null) {
            return null;
        }
        if (k.support() == Support.NOT_IMPLEMENTED) {
            // A key jfrp cannot honour is an error, never ignored: the program would do something other
            // than what the file asks. Asking for frp's default (off, 0, console, nothing) asks for
            // nothing jfrp lacks: accepted and dropped.
            if (!quiet && !asksForNothing(k, v)) {
                run.error(v.origin(), shown, notImplemented(shown));
            }
            return null;
        }
        return checked;
    }

    private ConfigValue checkTable(ConfigKey k, ConfigValue v, String shown, boolean quiet, Problems run) {
        if (v.valueType() != ConfigValueType.OBJECT) {
            ValueChecks.wrongType(k, v, shown, run);
            return null;
        }
        ConfigObject obj = (ConfigObject) v;
        String disc = ProxyTables.discriminator(obj, k.element(), shown, true, run);
        // An unimplemented table is reported once, as a whole; its keys are still checked.
        return walk(obj, k.element(), "", shown, disc, quiet || k.support() == Support.NOT_IMPLEMENTED, run);
    }

    /** The error for a recognised frp key jfrp does not implement. */
    static String notImplemented(String shown) {
        return "'" + shown + "' is an frp key jfrp does not implement yet";
    }

    /** Whether a value asks for frp's default: the default itself, or an empty list or table. */
    private static boolean asksForNothing(ConfigKey k, ConfigValue v) {
        if (Values.isScalar(v)) {
            return String.valueOf(v.unwrapped()).equals(k.frpDefault());
        }
        return v instanceof ConfigList list ? list.isEmpty() : v instanceof ConfigObject obj && obj.isEmpty();
    }

    private ConfigValue checkTableList(ConfigKey k, ConfigValue v, String shown, boolean quiet, Problems run) {
        boolean quietInside = quiet || k.support() == Support.NOT_IMPLEMENTED;
        Map<String, ConfigValue> names = new HashMap<>();
        ConfigScope scope = k.element();
        return ValueChecks.tableList(k, v, shown, run, (element, es) -> {
            if (scope == FrpSchema.PROXY || scope == FrpSchema.VISITOR) {
                return proxyTables.check(element, scope, es, quietInside, names, run);
            }
            return walk(element, scope, "", es, ProxyTables.discriminator(element, scope, es, true, run), quietInside,
                    run);
        });
    }
}
