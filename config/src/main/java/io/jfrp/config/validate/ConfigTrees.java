package io.jfrp.config.validate;

import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import io.jfrp.config.schema.Values;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** Small reads of a Typesafe tree the validator's parts share: file order, key paths, frp's case rule. */
final class ConfigTrees {
    private ConfigTrees() {
    }

    /** The entries of a table in file order (those without a line last, then by name). */
    static List<Map.Entry<String, ConfigValue>> ordered(ConfigObject obj) {
        List<Map.Entry<String, ConfigValue>> entries = new ArrayList<>(obj.entrySet());
        entries.sort(Comparator.<Map.Entry<String, ConfigValue>>comparingInt(e -> {
            int line = e.getValue().origin().lineNumber();
            return line > 0 ? line : Integer.MAX_VALUE;
        }).thenComparing(Map.Entry::getKey));
        return entries;
    }

    static String join(String prefix, String key) {
        return prefix.isEmpty() ? key : prefix + "." + key;
    }

    /** The value of a child ignoring the case of its name, as frp would read it. */
    static ConfigValue get(ConfigObject obj, String name) {
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

    static boolean isBlank(ConfigValue v) {
        return v == null || !Values.isScalar(v) || String.valueOf(v.unwrapped()).isEmpty();
    }
}
