package io.jfrp.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.jfrp.config.read.ConfigFileReader;
import io.jfrp.config.validate.ConfigValidator;
import io.jfrp.config.validate.TokenSourceRules;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Loads a jfrps or jfrpc configuration file, validates it and merges it over the program's defaults.
 *
 * <h3>Pipeline</h3>
 * {@link ConfigFileReader} reads the file in its format (TOML, legacy INI, HOCON/JSON/properties,
 * chosen by the name as frp does) into a Typesafe Config with file and line origins;
 * {@link ConfigValidator} checks it against the schema of the program; the result is merged over the
 * defaults, and {@link LoadedConfig} makes the program's typed configuration of it.
 *
 * <h3>Defaults</h3>
 * Each program's defaults live in reference.conf under its root path ({@code jfrps} or {@code jfrpc});
 * this module's reference.conf holds frp's defaults for the keys jfrp implements, and a program module
 * adds its own jfrp-only keys under {@code <root>.jfrp} in its reference.conf. Library defaults shared
 * by both programs live at the top-level {@code jfrp} path (the mux module's {@code jfrp.mux}) and
 * appear under the file's {@code jfrp} too. The caller passes the reference (normally
 * {@link ConfigFactory#defaultReference()}); this module's own reference.conf is always underneath.
 *
 * <h3>Errors</h3>
 * Everything wrong with a file is reported together in one {@link InvalidConfigException}; warnings
 * come back in {@link LoadedConfig#warnings()}.
 *
 * <p>Immutable and thread-safe.
 */
public final class ConfigLoader {
    private final Program program;
    private final Config reference;
    private final Config defaults;
    private final Map<String, String> environment;
    private final ConfigValidator validator;
    private final ConfigFileReader reader;
    private final Set<String> allowUnsafe;
    private final boolean strict;

    /**
     * @param program   which program's file this loads
     * @param reference the reference configuration (normally {@link ConfigFactory#defaultReference()});
     *                  the program's defaults are read from {@code program.rootPath()} in it
     */
    public ConfigLoader(Program program, Config reference) {
        this(program, reference, System.getenv(), Set.of(), true);
    }

    private ConfigLoader(Program program, Config reference, Map<String, String> environment, Set<String> allowUnsafe,
                         boolean strict) {
        this.allowUnsafe = Set.copyOf(allowUnsafe);
        this.strict = strict;
        this.program = Objects.requireNonNull(program, "program");
        this.reference = Objects.requireNonNull(reference, "reference");
        this.environment = Map.copyOf(environment);
        Config all = reference.withFallback(ConfigFactory.defaultReference(ConfigLoader.class.getClassLoader()))
                .resolve();
        Config own = all.hasPath(program.rootPath()) ? all.getConfig(program.rootPath()) : ConfigFactory.empty();
        Config shared = all.hasPath("jfrp") ? all.getConfig("jfrp").atKey("jfrp") : ConfigFactory.empty();
        this.defaults = own.withFallback(shared);
        this.validator = new ConfigValidator(program.schema(), program.jfrpSchema(), defaults);
        this.reader = new ConfigFileReader(program == Program.SERVER, defaults, environment);
    }

    /** A loader for jfrps files with the given reference (normally {@link ConfigFactory#defaultReference()}). */
    public static ConfigLoader forServer(Config reference) {
        return new ConfigLoader(Program.SERVER, reference);
    }

    /** A loader for jfrpc files with the given reference (normally {@link ConfigFactory#defaultReference()}). */
    public static ConfigLoader forClient(Config reference) {
        return new ConfigLoader(Program.CLIENT, reference);
    }

    /** A copy that renders {@code {{ .Envs.NAME }}} from this map instead of the process environment. */
    public ConfigLoader withEnvironment(Map<String, String> env) {
        return new ConfigLoader(program, reference, env, allowUnsafe, strict);
    }

    /**
     * A copy that allows frp's unsafe features named here ({@code --allow-unsafe}: an exec
     * {@code auth.tokenSource} needs {@code TokenSourceExec}) and, with {@code strict} false
     * ({@code --strict_config=false}), takes keys that are not frp's as warnings instead of errors.
     */
    public ConfigLoader withCommandLineOptions(Set<String> allowUnsafe, boolean strict) {
        return new ConfigLoader(program, reference, environment, allowUnsafe, strict);
    }

    public Program program() {
        return program;
    }

    /** The program's defaults, rooted like the file (so {@code bindPort}, {@code jfrp.mux...}). */
    public Config defaults() {
        return defaults;
    }

    /**
     * Reads, validates and merges a file.
     *
     * @throws InvalidConfigException listing every error in the file (and carrying its warnings)
     */
    public LoadedConfig load(Path file) {
        List<ConfigProblem> problems = new ArrayList<>();
        ConfigFileReader.Read read = reader.read(file, problems);
        if (read == null) {
            throw failure(file.toString(), problems);
        }
        return validate(file, read, problems);
    }

    /**
     * Validates and merges settings given on the command line (frps's and frpc's flags), as a tree
     * with v1 key names, exactly as a file with those settings would be.
     *
     * @param source what the settings are called in messages and where relative paths start
     *               (its parent directory; a bare name: the working directory)
     * @throws InvalidConfigException listing every error
     */
    public LoadedConfig loadSettings(Map<String, Object> settings, Path source) {
        return validate(source, ConfigFileReader.fromSettings(settings, source.toString()), new ArrayList<>());
    }

    private LoadedConfig validate(Path file, ConfigFileReader.Read read, List<ConfigProblem> problems) {
        String name = file.toString();
        ConfigFormat format = read.format();
        Config user = read.config();
        // HOCON hands environment substitutions (${?PORT}) over as text, and Typesafe Config itself
        // reads "7000" as a number; TOML is typed, and so stays strict.
        ConfigValidator.Result result = validator.validate(user, name, format == ConfigFormat.HOCON, strict);
        for (ConfigProblem p : result.problems()) {
            problems.add(read.inUserTerms(p));
        }
        problems.addAll(TokenSourceRules.check(result.normalised(), allowUnsafe, name));
        if (problems.stream().anyMatch(ConfigProblem::isError)) {
            throw failure(name, problems);
        }
        Config merged = result.normalised().withFallback(defaults).resolve();
        List<ConfigProblem> warnings = inFileOrder(problems.stream().filter(p -> !p.isError()).toList());
        return new LoadedConfig(file, format, program, result.normalised(), merged, warnings);
    }

    private static InvalidConfigException failure(String name, List<ConfigProblem> problems) {
        List<ConfigProblem> errors = inFileOrder(problems.stream().filter(ConfigProblem::isError).toList());
        List<ConfigProblem> warnings = inFileOrder(problems.stream().filter(p -> !p.isError()).toList());
        return new InvalidConfigException(name, errors, warnings);
    }

    /** Problems sorted by line (stable; those without a line last), as a user reads the file. */
    private static List<ConfigProblem> inFileOrder(List<ConfigProblem> problems) {
        List<ConfigProblem> sorted = new ArrayList<>(problems);
        sorted.sort(Comparator.comparingInt(p -> p.line() > 0 ? p.line() : Integer.MAX_VALUE));
        return sorted;
    }
}
