package io.jfrp.config.schema;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A set of recognised keys that live together in one table: the root of frps.toml, the root of
 * frpc.toml, one element of {@code proxies}, one proxy {@code plugin}, and so on. A scope may have a
 * discriminator key (a proxy's {@code type}) that decides which of its keys apply. Intermediate tables
 * (such as {@code transport} and {@code transport.tls}) are implied by the dotted key paths. Immutable.
 */
public final class ConfigScope {
    private final String name;
    private final String discriminator;
    private final Set<String> discriminatorValues;
    private final Map<String, ConfigKey> keys;
    private final Set<String> tables;

    private ConfigScope(String name, String discriminator, Set<String> discriminatorValues, Map<String, ConfigKey> keys) {
        this.name = name;
        this.discriminator = discriminator;
        this.discriminatorValues = Collections.unmodifiableSet(new LinkedHashSet<>(discriminatorValues));
        this.keys = Collections.unmodifiableMap(new LinkedHashMap<>(keys));
        Set<String> t = new LinkedHashSet<>();
        for (String path : keys.keySet()) {
            for (int dot = path.indexOf('.'); dot > 0; dot = path.indexOf('.', dot + 1)) {
                t.add(path.substring(0, dot));
            }
        }
        for (String table : t) {
            ConfigKey clash = keys.get(table);
            if (clash != null && clash.type() != KeyType.STRING_MAP && clash.type() != KeyType.BOOL_MAP) {
                throw new IllegalArgumentException(name + ": " + table + " is both a key and a table");
            }
        }
        this.tables = Collections.unmodifiableSet(t);
    }

    /** A short name for messages, e.g. "proxy". */
    public String name() {
        return name;
    }

    /** The key whose value selects which keys apply (e.g. {@code type}), if any. */
    public Optional<String> discriminator() {
        return Optional.ofNullable(discriminator);
    }

    /** The values the discriminator may take, in documentation order. */
    public Set<String> discriminatorValues() {
        return discriminatorValues;
    }

    /** Every key, in documentation order. */
    public Collection<ConfigKey> keys() {
        return keys.values();
    }

    /** The key at exactly this path, or null. */
    public ConfigKey key(String path) {
        return keys.get(path);
    }

    /** Whether the path names an intermediate table (a proper prefix of some key). */
    public boolean isTable(String path) {
        return tables.contains(path);
    }

    /**
     * The correctly-cased name of the child {@code childName} of the table {@code parentPath} ("" for the
     * scope's root) when it matches a known key or table ignoring case, else null. frp reads its files
     * through Go's JSON decoder, which matches field names case-insensitively.
     */
    public String canonicalChild(String parentPath, String childName) {
        String lower = childName.toLowerCase(Locale.ROOT);
        String prefix = parentPath.isEmpty() ? "" : parentPath + ".";
        for (String candidate : allPaths()) {
            if (candidate.length() > prefix.length() && candidate.startsWith(prefix)) {
                String rest = candidate.substring(prefix.length());
                int dot = rest.indexOf('.');
                String child = dot < 0 ? rest : rest.substring(0, dot);
                if (child.toLowerCase(Locale.ROOT).equals(lower)) {
                    return child;
                }
            }
        }
        return null;
    }

    /** Paths of every key and every intermediate table, for suggestions. */
    public List<String> allPaths() {
        List<String> out = new ArrayList<>(keys.keySet());
        out.addAll(tables);
        return out;
    }

    static Builder builder(String name) {
        return new Builder(name);
    }

    @Override
    public String toString() {
        return "ConfigScope(" + name + ", " + keys.size() + " keys)";
    }

    /** Collects keys for a scope; see {@link FrpSchema}. */
    static final class Builder {
        private final String name;
        private String discriminator;
        private final Set<String> discriminatorValues = new LinkedHashSet<>();
        private final List<KeyBuilder> keys = new ArrayList<>();

        private Builder(String name) {
            this.name = name;
        }

        Builder discriminator(String key, String... values) {
            this.discriminator = key;
            this.discriminatorValues.addAll(List.of(values));
            return this;
        }

        KeyBuilder key(String path, KeyType type) {
            KeyBuilder k = new KeyBuilder(path, type);
            keys.add(k);
            return k;
        }

        ConfigScope build() {
            Map<String, ConfigKey> built = new LinkedHashMap<>();
            for (KeyBuilder k : keys) {
                ConfigKey key = k.build();
                if (built.put(key.path(), key) != null) {
                    throw new IllegalArgumentException(name + ": duplicate key " + key.path());
                }
                for (String v : key.appliesTo()) {
                    if (!discriminatorValues.contains(v)) {
                        throw new IllegalArgumentException(name + "." + key.path() + ": unknown " + discriminator + " " + v);
                    }
                }
            }
            return new ConfigScope(name, discriminator, discriminatorValues, built);
        }
    }

    /** Fluent description of one key; support defaults to NOT_IMPLEMENTED. */
    static final class KeyBuilder {
        private final String path;
        private final KeyType type;
        private String frpDefault = "";
        private Support support = Support.NOT_IMPLEMENTED;
        private Set<String> allowed = Set.of();
        private long min;
        private long max;
        private boolean zeroMeansDefault;
        private Set<String> appliesTo = Set.of();
        private ConfigScope element;
        private String description = "";

        private KeyBuilder(String path, KeyType type) {
            this.path = path;
            this.type = type;
            this.min = type == KeyType.INT || type == KeyType.SECONDS || type == KeyType.PORT ? 0 : Long.MIN_VALUE;
            this.max = type == KeyType.PORT ? 65535 : Long.MAX_VALUE;
        }

        KeyBuilder dflt(String frpDefault) {
            this.frpDefault = frpDefault;
            return this;
        }

        KeyBuilder impl() {
            this.support = Support.IMPLEMENTED;
            return this;
        }

        KeyBuilder noEffect() {
            this.support = Support.NO_EFFECT;
            return this;
        }

        KeyBuilder values(String... values) {
            this.allowed = new LinkedHashSet<>(List.of(values));
            return this;
        }

        KeyBuilder range(long min, long max) {
            this.min = min;
            this.max = max;
            return this;
        }

        /** Negative values are allowed (frp: "set a negative value to disable it"). */
        KeyBuilder negativeDisables() {
            this.min = Long.MIN_VALUE;
            return this;
        }

        KeyBuilder zeroDefault() {
            this.zeroMeansDefault = true;
            return this;
        }

        KeyBuilder types(String... discriminatorValues) {
            this.appliesTo = new LinkedHashSet<>(List.of(discriminatorValues));
            return this;
        }

        KeyBuilder element(ConfigScope element) {
            this.element = element;
            return this;
        }

        KeyBuilder doc(String description) {
            this.description = description;
            return this;
        }

        ConfigKey build() {
            return new ConfigKey(path, type, frpDefault, support, allowed, min, max, zeroMeansDefault, appliesTo,
                    element, description);
        }
    }
}
