package io.jfrp.config.schema;

import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import io.jfrp.config.model.PortRanges;
import io.jfrp.config.model.PortRanges.Range;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads frps {@code allowPorts} from the configuration in either spelling: frp v1's list of tables
 * {@code [{ start = 2000, end = 3000 }, { single = 3001 }]}, or the legacy text
 * {@code "2000-3000,3001"} (also accepted in TOML and HOCON).
 */
public final class PortRangesReader {
    private static final Set<String> TABLE_KEYS = Set.of("start", "end", "single");

    private PortRangesReader() {
    }

    /**
     * Reads a config value in either form.
     *
     * @throws IllegalArgumentException naming each element that is wrong
     */
    public static PortRanges fromConfig(ConfigValue value) {
        return PortRanges.orThrow(errors -> fromConfig(value, errors));
    }

    /** Reads either form, adding one message per wrong element to {@code errors}. */
    public static PortRanges fromConfig(ConfigValue value, List<String> errors) {
        if (value.valueType() == ConfigValueType.STRING) {
            return PortRanges.parse((String) value.unwrapped(), errors);
        }
        if (value.valueType() != ConfigValueType.LIST) {
            errors.add("expected " + KeyType.PORT_RANGES.expected() + ", got " + Values.show(value));
            return PortRanges.UNRESTRICTED;
        }
        List<Range> out = new ArrayList<>();
        int i = 0;
        for (ConfigValue element : (ConfigList) value) {
            String where = "element " + i++;
            if (element.valueType() != ConfigValueType.OBJECT) {
                errors.add(where + ": expected a table such as { start = 2000, end = 3000 } or { single = 3001 }, got "
                        + Values.show(element));
                continue;
            }
            ConfigObject t = (ConfigObject) element;
            Set<String> unknown = t.keySet().stream().filter(k -> !TABLE_KEYS.contains(k))
                    .collect(Collectors.toCollection(java.util.TreeSet::new));
            if (!unknown.isEmpty()) {
                errors.add(where + ": unknown key(s) " + unknown + " (a port range has start and end, or single)");
                continue;
            }
            Integer single = port(t, "single", where, errors);
            Integer start = port(t, "start", where, errors);
            Integer end = port(t, "end", where, errors);
            if (single != null && (start != null || end != null)) {
                errors.add(where + ": give either single or start and end, not both");
            } else if (single != null) {
                out.add(Range.single(single));
            } else if (start != null && end != null) {
                if (end < start) {
                    errors.add(where + ": range " + start + "-" + end + " ends before it starts");
                } else {
                    out.add(new Range(start, end));
                }
            } else if (start != null || end != null) {
                errors.add(where + ": a range needs both start and end");
            } else if (t.isEmpty()) {
                errors.add(where + ": expected { start = ..., end = ... } or { single = ... }, got an empty table");
            }
        }
        return new PortRanges(out);
    }

    private static Integer port(ConfigObject t, String key, String where, List<String> errors) {
        ConfigValue v = t.get(key);
        if (v == null) {
            return null;
        }
        Long n = Values.wholeNumber(v);
        if (n == null && v.valueType() == ConfigValueType.STRING) {
            n = Values.wholeNumber((String) v.unwrapped());
        }
        if (n == null || n < 1 || n > 65535) {
            errors.add(where + ": " + key + " must be a port number 1..65535, got " + Values.show(v));
            return null;
        }
        return n.intValue();
    }
}
