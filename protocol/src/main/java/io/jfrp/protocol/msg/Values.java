package io.jfrp.protocol.msg;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Normalises message components to Go's zero-value conventions: {@code null} becomes the empty
 * value, collections are copied immutably, and maps are ordered the way Go's {@code encoding/json}
 * writes them (keys sorted by their UTF-8 bytes, which is code point order).
 */
final class Values {
    /** Orders strings by code point, which equals the byte order of their UTF-8 encodings. */
    static final Comparator<String> GO_KEY_ORDER = GoKeyOrder.COMPARATOR;

    private Values() {
    }

    static String str(String value) {
        return value == null ? "" : value;
    }

    /** A copy of {@code list} with {@code null} elements read as {@code ""} (Go decodes null into a string as ""). */
    static List<String> strings(List<String> list) {
        if (list == null || list.isEmpty()) {
            return List.of();
        }
        List<String> copy = new ArrayList<>(list.size());
        for (String s : list) {
            copy.add(str(s));
        }
        return Collections.unmodifiableList(copy);
    }

    /** An immutable copy of {@code list}; {@code null} elements are rejected. */
    static <T> List<T> list(List<T> list) {
        return list == null ? List.of() : List.copyOf(list);
    }

    /**
     * An immutable copy of {@code map} iterating in Go's key order; {@code null} values read as
     * {@code ""}, {@code null} keys are rejected.
     */
    static Map<String, String> stringMap(Map<String, String> map) {
        if (map == null || map.isEmpty()) {
            return Map.of();
        }
        TreeMap<String, String> sorted = new TreeMap<>(GO_KEY_ORDER);
        for (Map.Entry<String, String> e : map.entrySet()) {
            sorted.put(Objects.requireNonNull(e.getKey(), "map key"), str(e.getValue()));
        }
        return Collections.unmodifiableSortedMap(sorted);
    }

    /** Checks a Go {@code uint16} field. */
    static int uint16(int value, String name) {
        if (value < 0 || value > 0xFFFF) {
            throw new IllegalArgumentException(name + " must be in [0, 65535], got " + value);
        }
        return value;
    }
}
