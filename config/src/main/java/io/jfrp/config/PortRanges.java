package io.jfrp.config;

import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * frps {@code allowPorts}: the ports clients may ask for as {@code remotePort}. No ranges means no
 * limit, as in frp. Two spellings are read:
 * <ul>
 *   <li>frp v1 (TOML, HOCON): a list of tables, {@code [{ start = 2000, end = 3000 }, { single = 3001 }]};</li>
 *   <li>frp's legacy INI {@code allow_ports} (also accepted in TOML and HOCON): {@code "2000-3000,3001,3003"}.</li>
 * </ul>
 * Every port must be in 1..65535 and a range must not end before it starts. Immutable.
 */
public final class PortRanges {
    /** No limit: every port is allowed. */
    public static final PortRanges UNRESTRICTED = new PortRanges(List.of());

    private static final Set<String> TABLE_KEYS = Set.of("start", "end", "single");

    private final List<Range> ranges;

    private PortRanges(List<Range> ranges) {
        this.ranges = List.copyOf(ranges);
    }

    /** An inclusive range of ports; a single port has {@code start == end}. */
    public record Range(int start, int end) {
        public Range {
            if (start < 1 || end > 65535 || start > end) {
                throw new IllegalArgumentException("invalid port range " + start + "-" + end);
            }
        }

        public boolean contains(int port) {
            return port >= start && port <= end;
        }

        @Override
        public String toString() {
            return start == end ? Integer.toString(start) : start + "-" + end;
        }
    }

    public static PortRanges of(Range... ranges) {
        return new PortRanges(List.of(ranges));
    }

    /**
     * Parses the legacy form {@code "2000-3000,3001"}.
     *
     * @throws IllegalArgumentException naming the part that is wrong
     */
    public static PortRanges parse(String text) {
        List<String> errors = new ArrayList<>();
        PortRanges r = parse(text, errors);
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", errors));
        }
        return r;
    }

    /**
     * Reads a config value in either form.
     *
     * @throws IllegalArgumentException naming each element that is wrong
     */
    public static PortRanges fromConfig(ConfigValue value) {
        List<String> errors = new ArrayList<>();
        PortRanges r = fromConfig(value, errors);
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", errors));
        }
        return r;
    }

    /** Reads either form, adding one message per wrong element to {@code errors}. */
    static PortRanges fromConfig(ConfigValue value, List<String> errors) {
        if (value.valueType() == ConfigValueType.STRING) {
            return parse((String) value.unwrapped(), errors);
        }
        if (value.valueType() != ConfigValueType.LIST) {
            errors.add("expected " + KeyType.PORT_RANGES.expected() + ", got " + Values.show(value));
            return UNRESTRICTED;
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
                out.add(new Range(single, single));
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

    private static PortRanges parse(String text, List<String> errors) {
        List<Range> out = new ArrayList<>();
        String trimmed = text.trim();
        if (trimmed.isEmpty()) {
            return UNRESTRICTED;
        }
        for (String part : trimmed.split(",", -1)) {
            String p = part.trim();
            String[] bounds = p.split("-", -1);
            if (bounds.length > 2) {
                errors.add("'" + p + "' is not a port or a range such as 2000-3000");
                continue;
            }
            Long a = Values.wholeNumber(bounds[0]);
            Long b = bounds.length == 2 ? Values.wholeNumber(bounds[1]) : a;
            if (a == null || b == null) {
                errors.add("'" + p + "' is not a port or a range such as 2000-3000");
            } else if (a < 1 || a > 65535 || b < 1 || b > 65535) {
                errors.add("'" + p + "': ports must be in 1..65535");
            } else if (b < a) {
                errors.add("'" + p + "': range ends before it starts");
            } else {
                out.add(new Range(a.intValue(), b.intValue()));
            }
        }
        return new PortRanges(out);
    }

    /** True when no ranges are configured, which frp takes as "every port is allowed". */
    public boolean isUnrestricted() {
        return ranges.isEmpty();
    }

    /** Whether a client may listen on this port. */
    public boolean allows(int port) {
        if (ranges.isEmpty()) {
            return port >= 1 && port <= 65535;
        }
        for (Range r : ranges) {
            if (r.contains(port)) {
                return true;
            }
        }
        return false;
    }

    public List<Range> ranges() {
        return ranges;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PortRanges other && other.ranges.equals(ranges);
    }

    @Override
    public int hashCode() {
        return ranges.hashCode();
    }

    /** The legacy text form, e.g. {@code 2000-3000,3001}; empty when unrestricted. */
    @Override
    public String toString() {
        return ranges.stream().map(Range::toString).collect(Collectors.joining(","));
    }
}
