package io.jfrp.config.validate;

import com.typesafe.config.ConfigOrigin;
import io.jfrp.config.ConfigProblem;

import java.util.ArrayList;
import java.util.List;

/**
 * What one validation run has found so far, and how it reads values: the file's name for problems
 * without an origin, and whether numbers and booleans may be written as text (a .properties file has
 * nothing else). One per {@link ConfigValidator#validate} call; not thread-safe.
 */
final class Problems {
    final String file;
    final boolean lenient;
    /** Whether a key that is not frp's is an error (frp's --strict_config, the default) or a warning. */
    final boolean strict;
    final List<ConfigProblem> list = new ArrayList<>();

    Problems(String file, boolean lenient, boolean strict) {
        this.file = file;
        this.lenient = lenient;
        this.strict = strict;
    }

    /** A key frp does not know: an error, or with --strict_config=false a warning (frp ignores it). */
    void unknownKey(ConfigOrigin origin, String key, String message) {
        if (strict) {
            error(origin, key, message);
        } else {
            warning(origin, key, message + "; ignored (--strict_config=false)");
        }
    }

    void error(ConfigOrigin origin, String key, String message) {
        list.add(ConfigProblem.error(origin, file, key, message));
    }

    void warning(ConfigOrigin origin, String key, String message) {
        list.add(ConfigProblem.warning(origin, file, key, message));
    }
}
