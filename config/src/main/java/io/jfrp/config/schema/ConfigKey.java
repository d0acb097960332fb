package io.jfrp.config.schema;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

/**
 * One recognised configuration key: its path inside its {@link ConfigScope}, its type, frp's default,
 * and whether jfrp implements it. Immutable.
 *
 * @param path             dotted path relative to the scope, e.g. {@code transport.tls.force}
 * @param type             value type
 * @param frpDefault       frp's default as frp documents or computes it (text, for humans); {@code ""} if none
 * @param support          whether jfrp acts on it
 * @param allowedValues    for STRING and STRING_LIST: the only values frp accepts; empty means any
 * @param min              smallest allowed number (INT, PORT, SECONDS)
 * @param max              largest allowed number (INT, PORT, SECONDS)
 * @param zeroMeansDefault frp replaces a zero or empty value with the default ({@code util.EmptyOr}), so
 *                         {@code bindPort = 0} means 7000; jfrp does the same by dropping such a value
 * @param appliesTo        for keys of a scope with a discriminator (proxy {@code type}, plugin {@code type}):
 *                         the discriminator values the key belongs to; empty means all
 * @param element          for TABLE_LIST and TABLE: the scope each element is checked against; else null
 * @param description      one line saying what it does
 */
public record ConfigKey(String path, KeyType type, String frpDefault, Support support, Set<String> allowedValues,
                        long min, long max, boolean zeroMeansDefault, Set<String> appliesTo, ConfigScope element,
                        String description) {

    public ConfigKey {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(frpDefault, "frpDefault");
        Objects.requireNonNull(support, "support");
        allowedValues = Collections.unmodifiableSet(new LinkedHashSet<>(allowedValues));
        appliesTo = Collections.unmodifiableSet(new LinkedHashSet<>(appliesTo));
        Objects.requireNonNull(description, "description");
        if ((type == KeyType.TABLE_LIST || type == KeyType.TABLE) != (element != null)) {
            throw new IllegalArgumentException(path + ": an element scope goes with TABLE and TABLE_LIST only");
        }
        if (min > max) {
            throw new IllegalArgumentException(path + ": min " + min + " > max " + max);
        }
    }

    /** Whether this key belongs to an element whose discriminator (e.g. proxy type) has this value. */
    public boolean appliesTo(String discriminatorValue) {
        return appliesTo.isEmpty() || discriminatorValue == null || appliesTo.contains(discriminatorValue);
    }

    /** The last segment of the path. */
    public String name() {
        int dot = path.lastIndexOf('.');
        return dot < 0 ? path : path.substring(dot + 1);
    }
}
