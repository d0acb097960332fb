package io.jfrp.config.validate;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigObject;
import io.jfrp.config.ConfigProblem;
import io.jfrp.config.schema.ConfigScope;
import io.jfrp.config.schema.FrpSchema;

import java.util.List;
import java.util.Objects;

/**
 * Checks a user's configuration file (not the defaults) against {@link FrpSchema} and reports every
 * problem at once.
 *
 * <h3>What is checked</h3>
 * <ul>
 *   <li>Unknown keys are errors naming the full key path and the file and line, with a "did you mean"
 *       from {@link Suggestions}. Keys that belong to another proxy type are errors that say so.</li>
 *   <li>Values are checked as frp decodes them: a string where a number is needed, a port outside
 *       0..65535, a negative count, a value outside a key's allowed set, a malformed allowPorts.</li>
 *   <li>Recognised frp keys that jfrp does not implement yet are type-checked, then refused with an
 *       error "'X' is an frp key jfrp does not implement yet" unless they ask for frp's default. A
 *       proxy or visitor of a type jfrp does not run is one error naming its type. Keys frp itself
 *       ignores ({@code Support.NO_EFFECT}) are accepted.</li>
 *   <li>A few rules that span keys, as frp has them (heartbeat timeout not below the interval, unique
 *       proxy names, required proxy fields) and as jfrp needs them (auth.method token, a certificate
 *       with its key).</li>
 * </ul>
 *
 * <h3>Normalisation</h3>
 * The result carries the user's config rewritten the way frp reads it: keys matched ignoring case (Go's
 * JSON decoder does that; a warning asks for the right spelling), zero or empty values of keys where
 * frp means "the default" removed so the default applies, unsupported keys removed. Origins (file and
 * line) are kept.
 *
 * <h3>jfrp keys</h3>
 * Keys under {@code jfrp} are jfrp's own, known from the defaults; see {@link JfrpKeys}.
 *
 * <h3>Parts</h3>
 * {@link KeyWalker} (keys), {@link ValueChecks} (values), {@link ProxyTables} (proxies and visitors),
 * {@link JfrpKeys} (jfrp's own keys), {@link CrossFieldRules} (rules across keys), {@link TransportRules}
 * (proxyURL, the UDP ports), {@link Suggestions} ("did you mean").
 *
 * <p>Immutable and thread-safe; each call keeps its own state.
 */
public final class ConfigValidator {
    private final KeyWalker walker;
    private final CrossFieldRules crossFieldRules;
    private final TransportRules transportRules;

    /**
     * @param root         {@link FrpSchema#SERVER} or {@link FrpSchema#CLIENT}
     * @param jfrpDeclared jfrp keys with an explicit type ({@link FrpSchema#SERVER_JFRP})
     * @param defaults     the program's resolved defaults at the root of the file's key space (so
     *                     {@code bindPort}, {@code jfrp.mux...}); used for jfrp keys and cross-key rules
     */
    public ConfigValidator(ConfigScope root, ConfigScope jfrpDeclared, Config defaults) {
        Objects.requireNonNull(root, "root");
        Objects.requireNonNull(jfrpDeclared, "jfrpDeclared");
        Objects.requireNonNull(defaults, "defaults");
        Config jfrpDefaults = defaults.hasPath("jfrp") ? defaults.getConfig("jfrp") : ConfigFactory.empty();
        this.walker = new KeyWalker(root, new JfrpKeys(jfrpDeclared, jfrpDefaults));
        this.crossFieldRules = new CrossFieldRules(root, defaults);
        this.transportRules = new TransportRules(root);
    }

    /** What {@link #validate} found. */
    public record Result(Config normalised, List<ConfigProblem> problems) {
        public Result {
            problems = List.copyOf(problems);
        }

        public List<ConfigProblem> errors() {
            return problems.stream().filter(ConfigProblem::isError).toList();
        }

        public List<ConfigProblem> warnings() {
            return problems.stream().filter(p -> !p.isError()).toList();
        }

        public boolean hasErrors() {
            return problems.stream().anyMatch(ConfigProblem::isError);
        }
    }

    /**
     * Validates a resolved user config.
     *
     * @param user    the user's file only, resolved (no unresolved substitutions)
     * @param file    the file's name for messages where a value has no origin
     * @param lenient accept numbers and booleans written as text (a .properties file has nothing else)
     */
    public Result validate(Config user, String file, boolean lenient) {
        return validate(user, file, lenient, true);
    }

    /**
     * Validates a resolved user config; with {@code strict} false (frp's {@code --strict_config=false})
     * keys that are not frp's are warnings instead of errors.
     */
    public Result validate(Config user, String file, boolean lenient, boolean strict) {
        Problems run = new Problems(file, lenient, strict);
        ConfigObject normalised = walker.walk(user.root(), root(), "", "", null, false, run);
        Config n = normalised.toConfig();
        crossFieldRules.check(n, run);
        transportRules.check(n, run);
        return new Result(n, run.list);
    }

    /** Validates with strict typing (TOML, HOCON, JSON). */
    public Result validate(Config user, String file) {
        return validate(user, file, false);
    }

    private ConfigScope root() {
        return walker.root();
    }
}
