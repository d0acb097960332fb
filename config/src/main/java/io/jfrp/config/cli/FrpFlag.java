package io.jfrp.config.cli;

import picocli.CommandLine.Model.OptionSpec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One of frps's or frpc's command-line flags and the v1 configuration key it sets (frp's
 * pkg/config/flags.go): {@code -p/--bind-port} sets {@code bindPort}. The flags of each program and
 * proxy type are in {@link FrpFlags}; a command line becomes the same settings a file would hold
 * ({@link #put}), and goes through the same loader and validation, so a flag for something jfrp
 * does not run is the same error as the key in a file.
 *
 * @param names   the flag's names as frp spells them with dashes ({@code --bind-port}); frp's
 *                underscores are accepted too ({@link FrpArgs})
 * @param key     the v1 key it sets ({@code auth.token}); for a proxy, relative to the proxy
 * @param kind    how its value is read
 * @param description one line of help
 */
public record FrpFlag(List<String> names, String key, Kind kind, String description) {
    /** How a flag's text becomes a value. */
    public enum Kind {
        /** Text as it is. */
        STRING,
        /** A decimal integer (the validator checks its range). */
        INT,
        /** true/false; the flag alone means true (pflag's bool flags). */
        BOOL,
        /** Comma-separated values; the flag may repeat (pflag's string slices). */
        LIST,
        /** {@code k1=v1,k2=v2}; the flag may repeat (pflag's string-to-string maps). */
        MAP
    }

    static FrpFlag of(String names, String key, Kind kind, String description) {
        return new FrpFlag(List.of(names.split(" ")), key, kind, description);
    }

    /** The same flag setting another key. */
    FrpFlag withKey(String otherKey) {
        return new FrpFlag(names, otherKey, kind, description);
    }

    /** The picocli option of this flag; every value is read as text and converted by {@link #put}. */
    OptionSpec option() {
        OptionSpec.Builder b = OptionSpec.builder(names.toArray(String[]::new)).description(description)
                .paramLabel(kind == Kind.BOOL ? "BOOL" : kind.name());
        return switch (kind) {
            case BOOL -> b.type(String.class).arity("0..1").fallbackValue("true").build();
            case LIST, MAP -> b.type(List.class).auxiliaryTypes(String.class).arity("1").build();
            default -> b.type(String.class).arity("1").build();
        };
    }

    /**
     * Puts the flag's value at its key in {@code tree} (nested maps by the key's dots).
     *
     * @throws IllegalArgumentException for a malformed value, naming the flag
     */
    @SuppressWarnings("unchecked")
    void put(Map<String, Object> tree, Object raw) {
        Object value = switch (kind) {
            case STRING -> raw;
            case INT -> {
                try {
                    yield Long.parseLong(((String) raw).strip());
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("invalid argument \"" + raw + "\" for \"" + names.get(names.size() - 1)
                            + "\" flag: not an integer");
                }
            }
            case BOOL -> switch (((String) raw).strip().toLowerCase(java.util.Locale.ROOT)) {
                case "1", "t", "true" -> true;
                case "0", "f", "false" -> false;
                default -> throw new IllegalArgumentException("invalid argument \"" + raw + "\" for \""
                        + names.get(names.size() - 1) + "\" flag: not a boolean");
            };
            case LIST -> {
                List<String> out = new ArrayList<>();
                for (String s : (List<String>) raw) {
                    for (String part : s.split(",", -1)) {
                        if (!part.isEmpty()) {
                            out.add(part.strip());
                        }
                    }
                }
                yield out;
            }
            case MAP -> {
                Map<String, Object> out = new LinkedHashMap<>();
                for (String s : (List<String>) raw) {
                    for (String pair : s.split(",", -1)) {
                        int eq = pair.indexOf('=');
                        if (eq <= 0) {
                            throw new IllegalArgumentException("invalid argument \"" + s + "\" for \""
                                    + names.get(names.size() - 1) + "\" flag: expected key=value pairs");
                        }
                        out.put(pair.substring(0, eq), pair.substring(eq + 1));
                    }
                }
                yield out;
            }
        };
        putPath(tree, key, value);
    }

    /** Puts {@code value} at the dotted {@code path} of {@code tree}. */
    @SuppressWarnings("unchecked")
    static void putPath(Map<String, Object> tree, String path, Object value) {
        String[] parts = path.split("\\.");
        Map<String, Object> m = tree;
        for (int i = 0; i < parts.length - 1; i++) {
            m = (Map<String, Object>) m.computeIfAbsent(parts[i], k -> new LinkedHashMap<String, Object>());
        }
        m.put(parts[parts.length - 1], value);
    }
}
