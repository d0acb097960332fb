package io.jfrp.config.model;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * frps {@code allowPorts}: the ports clients may ask for as {@code remotePort}. No ranges means no
 * limit, as in frp. Two spellings are read:
 * <ul>
 *   <li>frp v1 (TOML, HOCON): a list of tables, {@code [{ start = 2000, end = 3000 }, { single = 3001 }]};</li>
 *   <li>frp's legacy INI {@code allow_ports} (also accepted in TOML and HOCON): {@code "2000-3000,3001,3003"}.</li>
 * </ul>
 * Every port must be in 1..65535 and a range must not end before it starts. The list-of-tables form
 * is read from the configuration by {@code PortRangesReader}. Immutable.
 */
public final class PortRanges {
    /** No limit: every port is allowed. */
    public static final PortRanges UNRESTRICTED = new PortRanges(List.of());

    private final List<Range> ranges;

    /** The given ranges, in order; none = {@link #UNRESTRICTED}. */
    public PortRanges(List<Range> ranges) {
        this.ranges = List.copyOf(ranges);
    }

    /**
     * An inclusive range of ports. {@code single} says it was written as one port ({@code single =
     * 3001}, {@code "3001"}) rather than as a range ({@code start = 3001, end = 3001}), which frp
     * writes back differently ({@code 3001} against {@code 3001-3001}).
     */
    public record Range(int start, int end, boolean single) {
        public Range {
            if (start < 1 || end > 65535 || start > end || (single && start != end)) {
                throw new IllegalArgumentException("invalid port range " + start + "-" + end);
            }
        }

        /** A range written as {@code start-end}. */
        public Range(int start, int end) {
            this(start, end, false);
        }

        /** One port written alone. */
        public static Range single(int port) {
            return new Range(port, port, true);
        }

        public boolean contains(int port) {
            return port >= start && port <= end;
        }

        /** As frp writes it: {@code 3001} for a single port, {@code start-end} for a range. */
        @Override
        public String toString() {
            return single ? Integer.toString(start) : start + "-" + end;
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
        return orThrow(errors -> parse(text, errors));
    }

    /**
     * What {@code read} makes, or, when it adds any message to its list, an
     * {@link IllegalArgumentException} with all of them ({@code "; "} between): the strict form of a
     * reader that collects one message per wrong part.
     */
    public static PortRanges orThrow(Function<List<String>, PortRanges> read) {
        List<String> errors = new ArrayList<>();
        PortRanges r = read.apply(errors);
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", errors));
        }
        return r;
    }

    /** Parses the legacy form, adding one message per wrong part to {@code errors}. */
    public static PortRanges parse(String text, List<String> errors) {
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
            Long a = number(bounds[0]);
            Long b = bounds.length == 2 ? number(bounds[1]) : a;
            if (a == null || b == null) {
                errors.add("'" + p + "' is not a port or a range such as 2000-3000");
            } else if (a < 1 || a > 65535 || b < 1 || b > 65535) {
                errors.add("'" + p + "': ports must be in 1..65535");
            } else if (b < a) {
                errors.add("'" + p + "': range ends before it starts");
            } else {
                out.add(bounds.length == 1 ? Range.single(a.intValue()) : new Range(a.intValue(), b.intValue()));
            }
        }
        return new PortRanges(out);
    }

    private static Long number(String s) {
        String t = s.trim();
        if (!t.matches("\\+?\\d+")) {
            return null;
        }
        try {
            return Long.parseLong(t.startsWith("+") ? t.substring(1) : t);
        } catch (NumberFormatException e) {
            return null; // beyond long: not a port either
        }
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
