package io.jfrp.config;

import java.util.List;

/**
 * A configuration file that cannot be used. Carries every error found in one pass (so the user fixes
 * them all at once rather than one per start), and the warnings collected on the way. The message
 * lists each error on its own line as {@code file:line: message}.
 */
public final class InvalidConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient List<ConfigProblem> errors;
    private final transient List<ConfigProblem> warnings;

    public InvalidConfigException(String file, List<ConfigProblem> errors, List<ConfigProblem> warnings) {
        super(format(file, errors));
        if (errors.isEmpty()) {
            throw new IllegalArgumentException("an InvalidConfigException needs at least one error");
        }
        this.errors = List.copyOf(errors);
        this.warnings = List.copyOf(warnings);
    }

    /** Every error, in file order as far as it is known. Never empty. */
    public List<ConfigProblem> errors() {
        return errors;
    }

    /** Warnings found alongside the errors. */
    public List<ConfigProblem> warnings() {
        return warnings;
    }

    private static String format(String file, List<ConfigProblem> errors) {
        StringBuilder sb = new StringBuilder();
        sb.append(file).append(": ").append(errors.size())
                .append(errors.size() == 1 ? " configuration error" : " configuration errors");
        for (ConfigProblem p : errors) {
            sb.append(System.lineSeparator()).append("  ").append(p);
        }
        return sb.toString();
    }
}
