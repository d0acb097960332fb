package io.jfrp.config.validate;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueFactory;
import com.typesafe.config.ConfigValueType;
import io.jfrp.config.schema.ConfigKey;
import io.jfrp.config.schema.ConfigScope;
import io.jfrp.config.schema.KeyType;
import io.jfrp.config.schema.Support;
import io.jfrp.config.schema.Values;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks the {@code jfrp} table: jfrp's own keys. They are known from the defaults the program passes
 * (its reference.conf, so a module that adds a default adds a key) and follow HOCON's rules: the type
 * is inferred from the default ("30s" means a duration, "16KiB" a size, on/off a boolean). One
 * exception to HOCON: a duration must carry its unit, because a bare number means milliseconds to
 * HOCON but seconds in frp's keys of the same file. A few keys are declared with a type of their own
 * ({@code FrpSchema.SERVER_JFRP}: {@code jfrp.loginMaxSkew} takes seconds like frp's keys).
 *
 * @param jfrpDeclared the jfrp keys declared with a type of their own
 * @param jfrpDefaults the program's defaults under {@code jfrp}: every other key and its type
 */
record JfrpKeys(ConfigScope jfrpDeclared, Config jfrpDefaults) {
    /** The table {@code jfrp.<rel>} checked and normalised. */
    ConfigObject walk(ConfigObject obj, String rel, Problems run) {
        Map<String, ConfigValue> out = new LinkedHashMap<>();
        for (Map.Entry<String, ConfigValue> e : ConfigTrees.ordered(obj)) {
            String key = e.getKey();
            ConfigValue v = e.getValue();
            String path = ConfigTrees.join(rel, key);
            String shown = "jfrp." + path;
            ConfigKey declared = jfrpDeclared.key(path);
            ConfigValue dv = defaultAt(path);
            if (declared != null && declared.type() == KeyType.TABLE_LIST) {
                ConfigValue tables = tableList(declared, v, shown, run);
                if (tables != null) {
                    out.put(key, tables);
                }
            } else if (declared != null) {
                if (ValueChecks.check(declared, v, shown, true, run)) {
                    out.put(key, v);
                }
            } else if (dv != null && dv.valueType() == ConfigValueType.OBJECT) {
                if (v.valueType() != ConfigValueType.OBJECT) {
                    run.error(v.origin(), shown, "'" + shown + "': expected a table, got " + Values.show(v));
                } else {
                    out.put(key, walk((ConfigObject) v, path, run));
                }
            } else if (dv != null) {
                if (ValueChecks.check(inferred(path, dv), v, shown, true, run)) {
                    out.put(key, v);
                }
            } else if (jfrpDeclared.isTable(path) && v.valueType() == ConfigValueType.OBJECT) {
                out.put(key, walk((ConfigObject) v, path, run));
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

    /** A declared list of tables ({@code jfrp.users}): each element's keys against the element scope. */
    private static ConfigValue tableList(ConfigKey k, ConfigValue v, String shown, Problems run) {
        return ValueChecks.tableList(k, v, shown, run, (e, es) -> {
            Map<String, ConfigValue> element = new LinkedHashMap<>();
            for (Map.Entry<String, ConfigValue> f : ConfigTrees.ordered(e)) {
                String fs = es + "." + f.getKey();
                ConfigKey fk = k.element().key(f.getKey());
                if (fk == null) {
                    String best = Suggestions.closest(f.getKey(), k.element().allPaths());
                    run.error(f.getValue().origin(), fs, "unknown key '" + fs + "'"
                            + (best != null ? " (did you mean '" + best + "'?)" : ""));
                } else if (ValueChecks.check(fk, f.getValue(), fs, true, run)) {
                    element.put(f.getKey(), f.getValue());
                }
            }
            return ConfigValueFactory.fromMap(element).withOrigin(e.origin());
        });
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
            String p = ConfigTrees.join(prefix, e.getKey());
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
        return new ConfigKey(path, t, "", Support.IMPLEMENTED, Set.of(), Long.MIN_VALUE, Long.MAX_VALUE, false, Set.of(),
                null, "");
    }
}
