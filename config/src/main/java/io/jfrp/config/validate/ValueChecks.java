package io.jfrp.config.validate;

import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueFactory;
import com.typesafe.config.ConfigValueType;
import io.jfrp.config.schema.ConfigKey;
import io.jfrp.config.schema.KeyType;
import io.jfrp.config.schema.PortRangesReader;
import io.jfrp.config.schema.Values;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * Checks one value against its key as frp decodes it: the type (a string where a number is needed is
 * an error, as for Go's JSON decoder), the range (ports 0..65535, no negative counts), the allowed
 * values (with a suggestion for a near miss), and the formats of frp's own types (allowPorts,
 * bandwidth) and of HOCON's (durations, sizes). Each wrong value is one problem naming the key, what
 * was expected and what was given.
 */
final class ValueChecks {
    private ValueChecks() {
    }

    /**
     * Checks a value that is not a table of known keys. {@code lenient}: numbers and booleans written as
     * text are accepted (HOCON's own rules, used for jfrp keys and .properties files).
     */
    static boolean check(ConfigKey k, ConfigValue v, String shown, boolean lenient, Problems run) {
        switch (k.type()) {
            case BOOL -> {
                if (v.valueType() == ConfigValueType.BOOLEAN
                        || lenient && v.valueType() == ConfigValueType.STRING && Values.isBooleanWord((String) v.unwrapped())) {
                    return true;
                }
                return wrongType(k, v, shown, run);
            }
            case INT, PORT -> {
                Long n = number(v, lenient);
                if (n == null) {
                    return wrongType(k, v, shown, run);
                }
                return inRange(k, v, n, shown, run);
            }
            case SECONDS -> {
                Duration d = Values.seconds(v);
                if (d == null || v.valueType() == ConfigValueType.NUMBER && Values.wholeNumber(v) == null) {
                    return wrongType(k, v, shown, run);
                }
                return inRange(k, v, d.getSeconds(), shown, run);
            }
            case STRING -> {
                if (!Values.isScalar(v)) {
                    return wrongType(k, v, shown, run);
                }
                return allowed(k, v, String.valueOf(v.unwrapped()), shown, run);
            }
            case STRING_LIST -> {
                if (v.valueType() != ConfigValueType.LIST) {
                    return wrongType(k, v, shown, run);
                }
                boolean ok = true;
                int i = 0;
                for (ConfigValue e : (ConfigList) v) {
                    String es = shown + "[" + i++ + "]";
                    if (!Values.isScalar(e)) {
                        run.error(e.origin(), es, "'" + es + "': expected a string, got " + Values.show(e));
                        ok = false;
                    } else {
                        ok &= allowed(k, e, String.valueOf(e.unwrapped()), es, run);
                    }
                }
                return ok;
            }
            case STRING_MAP, BOOL_MAP -> {
                if (v.valueType() != ConfigValueType.OBJECT) {
                    return wrongType(k, v, shown, run);
                }
                boolean ok = true;
                for (Map.Entry<String, ConfigValue> e : ConfigTrees.ordered((ConfigObject) v)) {
                    String es = shown + "." + e.getKey();
                    ConfigValue ev = e.getValue();
                    boolean good = k.type() == KeyType.STRING_MAP ? Values.isScalar(ev) : ev.valueType() == ConfigValueType.BOOLEAN;
                    if (!good) {
                        run.error(ev.origin(), es, "'" + es + "': expected "
                                + (k.type() == KeyType.STRING_MAP ? "a string" : "a boolean (true or false)")
                                + ", got " + Values.show(ev));
                        ok = false;
                    }
                }
                return ok;
            }
            case PORT_RANGES -> {
                List<String> errors = new ArrayList<>();
                PortRangesReader.fromConfig(v, errors);
                for (String e : errors) {
                    run.error(v.origin(), shown, "'" + shown + "': " + e);
                }
                return errors.isEmpty();
            }
            case BANDWIDTH -> {
                if (v.valueType() != ConfigValueType.STRING || !Values.isBandwidth((String) v.unwrapped())) {
                    return wrongType(k, v, shown, run);
                }
                return true;
            }
            case DURATION -> {
                Long bare = Values.wholeNumber(v);
                if (bare != null && bare != 0) {
                    // HOCON reads a bare number as milliseconds, frp's keys read it as seconds: ask for a unit.
                    run.error(v.origin(), shown, "'" + shown + "': give a unit, e.g. \"" + bare + "s\" (a bare number "
                            + "is milliseconds in HOCON but seconds in frp's keys)");
                    return false;
                }
                return Values.hoconDuration(v) != null || wrongType(k, v, shown, run);
            }
            case BYTES -> {
                return Values.hoconBytes(v) != null || wrongType(k, v, shown, run);
            }
            case ANY -> {
                return true;
            }
            default -> throw new IllegalStateException("unexpected type " + k.type());
        }
    }

    static Long number(ConfigValue v, boolean lenient) {
        Long n = Values.wholeNumber(v);
        if (n == null && lenient && v.valueType() == ConfigValueType.STRING) {
            n = Values.wholeNumber((String) v.unwrapped());
        }
        return n;
    }

    /**
     * A list of tables ({@code proxies}, {@code jfrp.users}): a value that is not a list, and each
     * element that is not a table, is one problem; each table element is passed to {@code element}
     * with its shown name ({@code proxies[2]}), and what it returns (null: dropped) makes the new list.
     *
     * @return the checked list, or null when {@code v} is not a list
     */
    static ConfigValue tableList(ConfigKey k, ConfigValue v, String shown, Problems run,
                                 BiFunction<ConfigObject, String, ConfigValue> element) {
        if (v.valueType() != ConfigValueType.LIST) {
            wrongType(k, v, shown, run);
            return null;
        }
        List<ConfigValue> out = new ArrayList<>();
        int i = 0;
        for (ConfigValue e : (ConfigList) v) {
            String es = shown + "[" + i++ + "]";
            if (e.valueType() != ConfigValueType.OBJECT) {
                run.error(e.origin(), es, "'" + es + "': expected a table, got " + Values.show(e));
                continue;
            }
            ConfigValue checked = element.apply((ConfigObject) e, es);
            if (checked != null) {
                out.add(checked);
            }
        }
        return ConfigValueFactory.fromIterable(out).withOrigin(v.origin());
    }

    static boolean wrongType(ConfigKey k, ConfigValue v, String shown, Problems run) {
        run.error(v.origin(), shown, "'" + shown + "': expected " + expected(k) + ", got " + Values.show(v));
        return false;
    }

    static boolean inRange(ConfigKey k, ConfigValue v, long n, String shown, Problems run) {
        if (n >= k.min() && n <= k.max()) {
            return true;
        }
        run.error(v.origin(), shown, "'" + shown + "': expected " + expected(k) + ", got " + Values.show(v));
        return false;
    }

    static boolean allowed(ConfigKey k, ConfigValue v, String s, String shown, Problems run) {
        if (k.allowedValues().isEmpty() || k.allowedValues().contains(s)) {
            return true;
        }
        String msg = "'" + shown + "': expected one of " + quoted(k.allowedValues()) + ", got '" + s + "'";
        String best = Suggestions.closest(s, k.allowedValues());
        if (best != null) {
            msg += " (did you mean '" + best + "'?)";
        }
        run.error(v.origin(), shown, msg);
        return false;
    }

    static String expected(ConfigKey k) {
        String base = k.type().expected();
        switch (k.type()) {
            case PORT -> {
                String zero = k.zeroMeansDefault() ? ", 0 for the default " + k.frpDefault() : "";
                return "a port number " + k.min() + ".." + k.max() + zero;
            }
            case INT, SECONDS -> {
                if (k.min() == Long.MIN_VALUE && k.max() == Long.MAX_VALUE) {
                    return base + (k.type() == KeyType.SECONDS ? ", negative to disable" : "");
                }
                if (k.min() == Long.MIN_VALUE) {
                    return base + " <= " + k.max();
                }
                if (k.max() == Long.MAX_VALUE) {
                    return base + " >= " + k.min();
                }
                return base + " in " + k.min() + ".." + k.max();
            }
            default -> {
                return base;
            }
        }
    }

    private static String quoted(Set<String> values) {
        List<String> out = new ArrayList<>();
        for (String s : values) {
            out.add("'" + s + "'");
        }
        out.sort(Comparator.naturalOrder());
        return String.join(", ", out);
    }
}
