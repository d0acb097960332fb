package io.jfrp.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigResolveOptions;
import com.typesafe.config.ConfigSyntax;
import com.typesafe.config.ConfigValue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Loads a jfrps or jfrpc configuration file, validates it and merges it over the program's defaults.
 *
 * <h3>Formats</h3>
 * Chosen by the file name, as frp does:
 * <ul>
 *   <li>{@code .toml}: frp v1 TOML, read with Jackson and turned into a Typesafe Config whose origins name
 *       the file and the line ({@link TomlLineIndex});</li>
 *   <li>{@code .ini}, or any file with a {@code [common]} section: frp's legacy INI
 *       ({@link LegacyIniReader}), rewritten with v1 key names;</li>
 *   <li>{@code .conf}, {@code .json}, {@code .properties}: read by Typesafe Config (our application.conf
 *       uses frp's key names at the top level; frp's JSON files are valid here too);</li>
 *   <li>{@code .yaml}/{@code .yml}: refused with a message (frp reads YAML; jfrp does not yet);</li>
 *   <li>anything else: TOML, or INI when it has a {@code [common]} section.</li>
 * </ul>
 * TOML and INI files are first rendered for {@code {{ .Envs.NAME }}} as frp renders them
 * ({@link EnvTemplate}); HOCON has {@code ${?NAME}} of its own.
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

    /**
     * @param program   which program's file this loads
     * @param reference the reference configuration (normally {@link ConfigFactory#defaultReference()});
     *                  the program's defaults are read from {@code program.rootPath()} in it
     */
    public ConfigLoader(Program program, Config reference) {
        this(program, reference, System.getenv());
    }

    private ConfigLoader(Program program, Config reference, Map<String, String> environment) {
        this.program = Objects.requireNonNull(program, "program");
        this.reference = Objects.requireNonNull(reference, "reference");
        this.environment = Map.copyOf(environment);
        Config all = reference.withFallback(ConfigFactory.defaultReference(ConfigLoader.class.getClassLoader()))
                .resolve();
        Config own = all.hasPath(program.rootPath()) ? all.getConfig(program.rootPath()) : ConfigFactory.empty();
        Config shared = all.hasPath("jfrp") ? all.getConfig("jfrp").atKey("jfrp") : ConfigFactory.empty();
        this.defaults = own.withFallback(shared);
        this.validator = new ConfigValidator(program.schema(), program.jfrpSchema(), defaults);
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
        return new ConfigLoader(program, reference, env);
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
        String name = file.toString();
        List<ConfigProblem> problems = new ArrayList<>();
        Read read = read(file, formatOf(file), problems);
        if (read == null) {
            throw failure(name, problems);
        }
        ConfigFormat format = read.format();
        Config user = read.config();
        // HOCON hands environment substitutions (${?PORT}) over as text, and Typesafe Config itself
        // reads "7000" as a number; TOML is typed, and so stays strict.
        ConfigValidator.Result result = validator.validate(user, name, format == ConfigFormat.HOCON);
        for (ConfigProblem p : result.problems()) {
            problems.add(read.inUserTerms(p));
        }
        if (problems.stream().anyMatch(ConfigProblem::isError)) {
            throw failure(name, problems);
        }
        Config merged = result.normalised().withFallback(defaults).resolve();
        List<ConfigProblem> warnings = inFileOrder(problems.stream().filter(p -> !p.isError()).toList());
        return new LoadedConfig(file, format, program, result.normalised(), merged, warnings);
    }

    /** A file as read: its format (the content can override the name) and its settings, resolved. */
    private record Read(Config config, ConfigFormat format, Map<String, String> iniNames) {
        Read(Config config, ConfigFormat format) {
            this(config, format, Map.of());
        }

        /** A problem found in the v1 rewrite of an INI file, told with the INI key name the user wrote. */
        ConfigProblem inUserTerms(ConfigProblem p) {
            String ini = iniNames.get(p.key());
            if (ini == null) {
                return p;
            }
            String message = p.message().replace("'" + p.key() + "'", "'" + ini + "' (v1: " + p.key() + ")");
            return new ConfigProblem(p.severity(), p.file(), p.line(), p.key(), message);
        }
    }

    private static InvalidConfigException failure(String name, List<ConfigProblem> problems) {
        List<ConfigProblem> errors = inFileOrder(problems.stream().filter(ConfigProblem::isError).toList());
        List<ConfigProblem> warnings = inFileOrder(problems.stream().filter(p -> !p.isError()).toList());
        return new InvalidConfigException(name, errors, warnings);
    }

    /** Problems sorted by line (stable; those without a line last), as a user reads the file. */
    private static List<ConfigProblem> inFileOrder(List<ConfigProblem> problems) {
        List<ConfigProblem> sorted = new ArrayList<>(problems);
        sorted.sort(java.util.Comparator.comparingInt(p -> p.line() > 0 ? p.line() : Integer.MAX_VALUE));
        return sorted;
    }

    static ConfigFormat formatOf(Path file) {
        String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (n.endsWith(".ini")) {
            return ConfigFormat.LEGACY_INI;
        }
        if (n.endsWith(".conf") || n.endsWith(".json") || n.endsWith(".properties")) {
            return ConfigFormat.HOCON;
        }
        return ConfigFormat.TOML;
    }

    private static boolean isProperties(Path file) {
        return file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".properties");
    }

    /** The user's file as a resolved Config, or null after adding errors. */
    private Read read(Path file, ConfigFormat format, List<ConfigProblem> problems) {
        String name = file.toString();
        String lower = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (lower.endsWith(".yaml") || lower.endsWith(".yml")) {
            problems.add(new ConfigProblem(ConfigProblem.Severity.ERROR, name, -1, "",
                    "YAML configuration files are not supported by jfrp yet; write the same keys as TOML (frps.toml)"));
            return null;
        }
        if (format == ConfigFormat.HOCON) {
            Config c = readHocon(file, problems);
            return c == null ? null : new Read(c, format);
        }
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            problems.add(new ConfigProblem(ConfigProblem.Severity.ERROR, name, -1, "", "cannot read the file: " + e));
            return null;
        }
        if (format == ConfigFormat.TOML && LegacyIniReader.looksLikeIni(text)) {
            format = ConfigFormat.LEGACY_INI; // frp checks for INI first, whatever the name
        }
        int before = problems.size();
        String rendered = EnvTemplate.render(text, environment, name, problems);
        if (problems.size() > before) {
            return null;
        }
        if (format == ConfigFormat.LEGACY_INI) {
            LegacyIniReader.Result r = LegacyIniReader.read(rendered, program == Program.SERVER, name, problems);
            if (problems.stream().anyMatch(ConfigProblem::isError)) {
                return null;
            }
            return new Read(((ConfigObject) new TreeBuilder(name, r.lines()).build(r.tree())).toConfig(), format,
                    r.iniNames());
        }
        Config c = readToml(rendered, name, problems);
        return c == null ? null : new Read(c, format);
    }

    private static final ObjectMapper TOML = new TomlMapper();

    private static Config readToml(String text, String name, List<ConfigProblem> problems) {
        JsonNode tree;
        try {
            tree = TOML.readTree(text);
        } catch (JsonProcessingException e) {
            JsonLocation loc = e.getLocation();
            int line = loc != null ? loc.getLineNr() : -1;
            problems.add(new ConfigProblem(ConfigProblem.Severity.ERROR, name, line, "",
                    "not valid TOML: " + e.getOriginalMessage()));
            return null;
        }
        Object plain = TOML.convertValue(tree, Object.class);
        if (!(plain instanceof Map)) {
            plain = Map.of();
        }
        ConfigValue v = new TreeBuilder(name, TomlLineIndex.index(text)).build(plain);
        return ((ConfigObject) v).toConfig();
    }

    private Config readHocon(Path file, List<ConfigProblem> problems) {
        String name = file.toString();
        Config parsed;
        try {
            ConfigParseOptions opts = ConfigParseOptions.defaults().setAllowMissing(false);
            if (isProperties(file)) {
                opts = opts.setSyntax(ConfigSyntax.PROPERTIES);
            }
            parsed = ConfigFactory.parseFile(file.toFile(), opts);
        } catch (ConfigException e) {
            problems.add(ConfigProblem.error(e.origin(), name, "", messageOf(e)));
            return null;
        }
        try {
            // The file resolves against itself first (so `key = 7000` then `key = ${?ENV}` works,
            // which resolving only against a merged source cannot do), then against the defaults
            // for references to keys it does not set.
            Config own = parsed.resolve(ConfigResolveOptions.defaults().setAllowUnresolved(true));
            Config source = own.withFallback(defaults).resolve();
            return own.resolveWith(source, ConfigResolveOptions.defaults());
        } catch (ConfigException e) {
            problems.add(ConfigProblem.error(e.origin(), name, "", messageOf(e)));
            return null;
        }
    }

    /** Typesafe's message without the origin it starts with (we print the origin ourselves). */
    private static String messageOf(ConfigException e) {
        String m = e.getMessage();
        if (e.origin() != null) {
            String d = e.origin().description();
            if (m.startsWith(d + ": ")) {
                return m.substring(d.length() + 2);
            }
        }
        return m;
    }
}
