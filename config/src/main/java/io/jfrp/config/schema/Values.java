package io.jfrp.config.schema;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueFactory;
import com.typesafe.config.ConfigValueType;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** Reading values the way frp means them: shared by the validator, the readers and the binding. */
public final class Values {
    private static final Pattern WHOLE = Pattern.compile("[+-]?\\d+");
    private static final Pattern BANDWIDTH = Pattern.compile("\\s*\\d+(\\.\\d+)?(MB|KB)\\s*");

    private Values() {
    }

    /** A whole number from a NUMBER value, or null (also for 7000.5 or a value beyond long). */
    public static Long wholeNumber(ConfigValue v) {
        if (v.valueType() != ConfigValueType.NUMBER) {
            return null;
        }
        Object n = v.unwrapped();
        if (n instanceof Integer || n instanceof Long) {
            return ((Number) n).longValue();
        }
        return null;
    }

    /** A whole number written as text, as .properties files and INI files give them. */
    public static Long wholeNumber(String s) {
        String t = s.trim();
        if (!WHOLE.matcher(t).matches()) {
            return null;
        }
        try {
            return Long.parseLong(t.startsWith("+") ? t.substring(1) : t);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /**
     * frp's duration keys: a whole number is seconds (as in frp); text is a HOCON duration ("30s", "5m")
     * unless it is a bare whole number, which is seconds too. Null when it is neither.
     */
    public static Duration seconds(ConfigValue v) {
        Long n = wholeNumber(v);
        if (n != null) {
            return Duration.ofSeconds(n);
        }
        if (v.valueType() == ConfigValueType.STRING) {
            String s = (String) v.unwrapped();
            Long whole = wholeNumber(s);
            if (whole != null) {
                return Duration.ofSeconds(whole);
            }
            return hoconDuration(v);
        }
        return null;
    }

    /** {@link #seconds(ConfigValue)} at a path of a config that is known to be valid. */
    public static Duration seconds(Config c, String path) {
        Duration d = seconds(c.getValue(path));
        if (d == null) {
            throw new ConfigException.WrongType(c.getValue(path).origin(), path, "seconds",
                    c.getValue(path).valueType().name());
        }
        return d;
    }

    /** A duration that frp disables with a negative value: empty when disabled. */
    public static Optional<Duration> secondsOrDisabled(Config c, String path) {
        Duration d = seconds(c, path);
        return d.isNegative() || d.isZero() ? Optional.empty() : Optional.of(d);
    }

    public static Duration hoconDuration(ConfigValue v) {
        try {
            return ConfigValueFactory.fromAnyRef(v.unwrapped()).atKey("v").getDuration("v");
        } catch (ConfigException e) {
            return null;
        }
    }

    public static Long hoconBytes(ConfigValue v) {
        try {
            return ConfigValueFactory.fromAnyRef(v.unwrapped()).atKey("v").getBytes("v");
        } catch (ConfigException e) {
            return null;
        }
    }

    /** Whether a string looks like one of HOCON's boolean words (true/false/yes/no/on/off). */
    public static boolean isBooleanWord(String s) {
        return switch (s.trim().toLowerCase(Locale.ROOT)) {
            case "true", "false", "yes", "no", "on", "off" -> true;
            default -> false;
        };
    }

    public static boolean isBandwidth(String s) {
        return BANDWIDTH.matcher(s).matches();
    }

    public static boolean isScalar(ConfigValue v) {
        return v.valueType() == ConfigValueType.STRING || v.valueType() == ConfigValueType.NUMBER
                || v.valueType() == ConfigValueType.BOOLEAN;
    }

    /** The value as it would appear in a message: strings quoted, the rest as rendered by HOCON. */
    public static String show(ConfigValue v) {
        if (v.valueType() == ConfigValueType.STRING) {
            return "'" + v.unwrapped() + "'";
        }
        if (v.valueType() == ConfigValueType.OBJECT) {
            return "a table";
        }
        if (v.valueType() == ConfigValueType.LIST) {
            return "a list";
        }
        return String.valueOf(v.unwrapped());
    }

    /** Whether frp's {@code util.EmptyOr} would treat this value as unset. */
    public static boolean isZero(ConfigValue v) {
        return switch (v.valueType()) {
            case NUMBER -> ((Number) v.unwrapped()).doubleValue() == 0;
            case STRING -> ((String) v.unwrapped()).isEmpty();
            default -> false;
        };
    }
}
