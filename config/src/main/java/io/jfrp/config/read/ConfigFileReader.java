package io.jfrp.config.read;

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
import io.jfrp.config.ConfigFormat;
import io.jfrp.config.ConfigProblem;
import io.jfrp.config.read.ini.LegacyIniReader;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a configuration file into a resolved Typesafe Config whose origins name the file and line,
 * whatever its format; the validator then sees every format alike.
 *
 * <ul>
 *   <li>{@code .toml}: frp v1 TOML, parsed by Jackson; Jackson's TOML parser gives no positions, so
 *       {@link TomlLineIndex} finds the line of each key in the text;</li>
 *   <li>{@code .ini}, or any file with a {@code [common]} section: frp's legacy INI
 *       ({@link LegacyIniReader}), rewritten with v1 key names;</li>
 *   <li>{@code .conf}, {@code .json}, {@code .properties}: HOCON, JSON or Java properties, parsed by
 *       Typesafe Config, which keeps positions itself;</li>
 *   <li>{@code .yaml}/{@code .yml}: refused with a message (frp reads YAML; jfrp does not yet).</li>
 * </ul>
 * TOML and INI files are first rendered for {@code {{ .Envs.NAME }}} as frp renders them
 * ({@link EnvTemplate}); HOCON has {@code ${?NAME}} of its own.
 *
 * <p>Immutable and thread-safe.
 */
public final class ConfigFileReader {
    private static final ObjectMapper TOML = new TomlMapper();

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

    /** The format the name asks for; a TOML file with a {@code [common]} section is read as INI later. */
    public static ConfigFormat formatOf(Path file) {
        String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (n.endsWith(".ini")) {
            return ConfigFormat.LEGACY_INI;
        }
        if (n.endsWith(".conf") || n.endsWith(".json") || n.endsWith(".properties")) {
            return ConfigFormat.HOCON;
        }
        return ConfigFormat.TOML;
    }

    /** The user's file as a resolved Config, or null after adding errors to {@code problems}. */
    public Read read(Path file, List<ConfigProblem> problems) {
        String name = file.toString();
        String lower = file.getFileName().toString().toLowerCase(Locale.ROOT);
        ConfigFormat format = formatOf(file);
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
            LegacyIniReader.Result r = LegacyIniReader.read(rendered, server, name, problems);
            if (problems.stream().anyMatch(ConfigProblem::isError)) {
                return null;
            }
            return new Read(((ConfigObject) new TreeBuilder(name, r.lines()).build(r.tree())).toConfig(), format,
                    r.iniNames());
        }
        Config c = readToml(rendered, name, problems);
        return c == null ? null : new Read(c, format);
    }

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
