package io.jfrp.config.read;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.toml.TomlFactory;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigResolveOptions;
import com.typesafe.config.ConfigSyntax;
import com.typesafe.config.ConfigValue;
import io.jfrp.config.ConfigFormat;
import io.jfrp.config.ConfigProblem;
import io.jfrp.config.read.ini.LegacyIniReader;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a configuration file into a resolved Typesafe Config whose origins name the file and line,
 * whatever its format; the validator then sees every format alike.
 *
 * <ul>
 *   <li>{@code .toml}: frp v1 TOML, parsed by Jackson's TOML parser (streamed into a plain tree, so
 *       that no databind mapper is made: issue 16); it gives no positions, so
 *       {@link TomlLineIndex} finds the line of each key in the text;</li>
 *   <li>{@code .ini}, or any file with a {@code [common]} section: frp's legacy INI
 *       ({@link LegacyIniReader}), rewritten with v1 key names;</li>
 *   <li>{@code .json}, {@code .yaml}/{@code .yml}: frp's v1 schema as JSON or YAML
 *       ({@link JacksonTreeReader}, with lines);</li>
 *   <li>any other name (frp's e2e suite gives none): TOML, else JSON when the text starts with
 *       '{', else YAML, as frp tries them;</li>
 *   <li>{@code .conf}, {@code .properties}: HOCON or Java properties, parsed by Typesafe Config,
 *       which keeps positions itself.</li>
 * </ul>
 * Every format but HOCON is first rendered as frp renders it, as a Go template ({@link GoTemplate}:
 * {@code {{ .Envs.NAME }}}, {@code range}, frp's range functions); HOCON has {@code ${?NAME}} of
 * its own. A client file's {@code includes} bring in the proxies and visitors of more files
 * ({@link IncludedFiles}).
 *
 * <p>Immutable and thread-safe.
 */
public final class ConfigFileReader {
    private static final TomlFactory TOML = new TomlFactory();

    private final boolean server;
    private final Config defaults;
    private final Map<String, String> environment;

    /**
     * @param server      frps (true) or frpc: picks the INI mapping
     * @param defaults    the program's defaults, which HOCON substitutions may refer to
     * @param environment what {@code {{ .Envs.NAME }}} reads
     */
    public ConfigFileReader(boolean server, Config defaults, Map<String, String> environment) {
        this.server = server;
        this.defaults = defaults;
        this.environment = Map.copyOf(environment);
    }

    /**
     * A file as read: its format (the content can override the name), its settings resolved, and for
     * INI the name the user wrote for each v1 key.
     */
    public record Read(Config config, ConfigFormat format, Map<String, String> iniNames) {
        Read(Config config, ConfigFormat format) {
            this(config, format, Map.of());
        }

        /** A problem found in the v1 rewrite of an INI file, told with the INI key name the user wrote. */
        public ConfigProblem inUserTerms(ConfigProblem p) {
            String ini = iniNames.get(p.key());
            if (ini == null) {
                return p;
            }
            String message = p.message().replace("'" + p.key() + "'", "'" + ini + "' (v1: " + p.key() + ")");
            return new ConfigProblem(p.severity(), p.file(), p.line(), p.key(), message);
        }
    }

    /**
     * The format the name asks for: {@code .ini} legacy INI; {@code .conf} and {@code .properties}
     * HOCON; {@code .json} JSON; {@code .yaml}/{@code .yml} YAML; anything else (frp's own
     * {@code .toml}, or no extension) TOML, which {@link #read} may still find to be INI (a
     * {@code [common]} section), JSON or YAML by its content, as frp does.
     */
    public static ConfigFormat formatOf(Path file) {
        String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (n.endsWith(".ini")) {
            return ConfigFormat.LEGACY_INI;
        }
        if (n.endsWith(".conf") || n.endsWith(".properties")) {
            return ConfigFormat.HOCON;
        }
        if (n.endsWith(".json")) {
            return ConfigFormat.JSON;
        }
        if (n.endsWith(".yaml") || n.endsWith(".yml")) {
            return ConfigFormat.YAML;
        }
        return ConfigFormat.TOML;
    }

    /**
     * The user's file as a resolved Config, or null after adding errors to {@code problems}. A client
     * file's {@code includes} are read here too ({@link IncludedFiles}): their proxies and visitors
     * join the file's, with their own file and line origins.
     */
    public Read read(Path file, List<ConfigProblem> problems) {
        Read read = readOne(file, problems);
        if (read == null || server || read.format() == ConfigFormat.LEGACY_INI || !read.config().hasPath("includes")) {
            return read;
        }
        Config merged = IncludedFiles.merge(read.config(), f -> readOne(f, problems), file.toString(), problems);
        return merged == null ? null : new Read(merged, read.format(), read.iniNames());
    }

    /** One file, without its includes. */
    private Read readOne(Path file, List<ConfigProblem> problems) {
        String name = file.toString();
        ConfigFormat format = formatOf(file);
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
        String rendered = GoTemplate.render(text, environment, name, problems);
        if (rendered == null) {
            return null;
        }
        if (format == ConfigFormat.LEGACY_INI) {
            return readIni(rendered, name, problems);
        }
        if (format == ConfigFormat.JSON || format == ConfigFormat.YAML) {
            return tree(format == ConfigFormat.JSON ? JacksonTreeReader.json(rendered, name, problems)
                    : JacksonTreeReader.yaml(rendered, name, problems), name, format);
        }
        boolean named = name.toLowerCase(Locale.ROOT).endsWith(".toml");
        List<ConfigProblem> tomlProblems = new ArrayList<>();
        Config c = readToml(rendered, name, tomlProblems);
        if (c != null || named) {
            problems.addAll(tomlProblems);
            return c == null ? null : new Read(c, format);
        }
        // Not TOML, and the name does not insist: frp tries JSON (text starting with '{'), then YAML.
        boolean json = rendered.stripLeading().startsWith("{");
        List<ConfigProblem> other = new ArrayList<>();
        Read r = tree(json ? JacksonTreeReader.json(rendered, name, other) : JacksonTreeReader.yaml(rendered, name, other),
                name, json ? ConfigFormat.JSON : ConfigFormat.YAML);
        if (r == null) {
            problems.addAll(json ? other : tomlProblems); // a YAML error on a TOML typo would mislead
        }
        return r;
    }

    private Read readIni(String rendered, String name, List<ConfigProblem> problems) {
        LegacyIniReader.Result r = LegacyIniReader.read(rendered, server, name, problems);
        if (problems.stream().anyMatch(ConfigProblem::isError)) {
            return null;
        }
        Object includes = r.tree().get("includes");
        if (!server && includes instanceof List<?> patterns && !patterns.isEmpty()) {
            // frp's legacy format appends the included files' text to the file's, then reads it all.
            String more = IncludedFiles.legacyText(patterns, environment, name, problems);
            if (more == null) {
                return null;
            }
            r = LegacyIniReader.read(rendered + "\n" + more, server, name, problems);
            if (problems.stream().anyMatch(ConfigProblem::isError)) {
                return null;
            }
            r.tree().remove("includes");
        }
        return new Read(((ConfigObject) new TreeBuilder(name, r.lines()).build(r.tree())).toConfig(),
                ConfigFormat.LEGACY_INI, r.iniNames());
    }

    private static Read tree(JacksonTreeReader.Tree tree, String name, ConfigFormat format) {
        if (tree == null) {
            return null;
        }
        return new Read(((ConfigObject) new TreeBuilder(name, tree.lines()).build(tree.root())).toConfig(), format);
    }

    /**
     * Settings given another way than in a file (frps's and frpc's command-line flags), as a tree
     * of maps, lists and scalars with v1 key names; {@code source} names them in messages.
     */
    public static Read fromSettings(Map<String, Object> settings, String source) {
        return new Read(((ConfigObject) new TreeBuilder(source, Map.of()).build(settings)).toConfig(),
                ConfigFormat.COMMAND_LINE);
    }

    private static Config readToml(String text, String name, List<ConfigProblem> problems) {
        Object plain;
        try {
            plain = JacksonTreeReader.plain(TOML, text);
        } catch (JsonProcessingException e) {
            JsonLocation loc = e.getLocation();
            int line = loc != null ? loc.getLineNr() : -1;
            problems.add(new ConfigProblem(ConfigProblem.Severity.ERROR, name, line, "",
                    "not valid TOML: " + e.getOriginalMessage()));
            return null;
        } catch (IOException e) {
            problems.add(new ConfigProblem(ConfigProblem.Severity.ERROR, name, -1, "", "cannot read TOML: " + e));
            return null;
        }
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
            if (file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".properties")) {
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

    /** Typesafe's message without the origin it starts with (the problem carries it). */
    public static String messageOf(ConfigException e) {
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
