package io.jfrp.config;

import com.typesafe.config.ConfigOrigin;

import java.util.Objects;

/**
 * One thing wrong with (or worth telling about) a configuration file: where it is, which key, and a
 * message that names the value and what was expected. Immutable.
 *
 * @param severity {@link Severity#ERROR} stops the program from starting; {@link Severity#WARNING} is
 *                 reported and the program carries on
 * @param file     the file as the user named it, or a description of where the value came from
 * @param line     1-based line number, or -1 when it is not known
 * @param key      the full key path in display form, e.g. {@code proxies[0].localPort}; empty for the whole file
 * @param message  what is wrong, without the location prefix
 */
public record ConfigProblem(Severity severity, String file, int line, String key, String message) {

    /** How serious a problem is. */
    public enum Severity { ERROR, WARNING }

    public ConfigProblem {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(message, "message");
    }

    public static ConfigProblem error(ConfigOrigin origin, String fallbackFile, String key, String message) {
        return of(Severity.ERROR, origin, fallbackFile, key, message);
    }

    public static ConfigProblem warning(ConfigOrigin origin, String fallbackFile, String key, String message) {
        return of(Severity.WARNING, origin, fallbackFile, key, message);
    }

    public static ConfigProblem of(Severity severity, ConfigOrigin origin, String fallbackFile, String key, String message) {
        String file = fallbackFile;
        int line = -1;
        if (origin != null) {
            if (origin.filename() != null) {
                file = origin.filename();
            } else if (origin.url() != null) {
                file = origin.url().toString();
            }
            line = origin.lineNumber();
        }
        return new ConfigProblem(severity, file, line, key, message);
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    /** The location prefix, {@code file:line} or just {@code file}. */
    public String location() {
        return line > 0 ? file + ":" + line : file;
    }

    /** {@code file:line: message}, or for warnings {@code file:line: warning: message}. */
    @Override
    public String toString() {
        return location() + ": " + (severity == Severity.WARNING ? "warning: " : "") + message;
    }
}
