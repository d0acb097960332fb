package io.jfrp.config.cli;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigOrigin;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigResolveOptions;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import io.jfrp.config.ConfigLoader;
import io.jfrp.config.ConfigProblem;
import io.jfrp.config.InvalidConfigException;
import io.jfrp.config.LoadedConfig;
import io.jfrp.config.Program;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Loads the configuration file named on the command line: {@link ConfigLoader} plus one thing it does
 * not do, a HOCON file that holds both programs' settings.
 *
 * <h3>Two-block HOCON files</h3>
 * {@link ConfigLoader} wants frp's keys at the top level of a file, one program per file. The
 * repository's {@code application.conf} serves both programs, so it is written as
 * {@code jfrps { ... }} and {@code jfrpc { ... }}: when a {@code .conf} or {@code .json} file has a
 * top-level {@code jfrps} or {@code jfrpc} key, the program reads its own block, over the keys outside
 * both blocks (settings shared by both, such as {@code auth.token}). Substitutions are resolved against
 * the whole file and then the defaults, so one block can say {@code serverPort = ${jfrps.bindPort}},
 * and {@code ${?NAME}} reads the environment. A file without either key is passed to the loader as it
 * is. {@code .properties} files are left alone: their values are text, which the loader accepts only
 * from a properties file.
 *
 * <h3>Why a temporary file</h3>
 * The loader reads from a path, so the selected block is written to a temporary HOCON file (mode
 * 0600: it holds the token) one value per line, with the origin of each line's value remembered.
 * Every problem the loader reports against the temporary file is put back at the file and line of the
 * user's file where the value was written, so {@code verify} names the user's file and lines. This
 * belongs in the config module; it lives here until the loader can select a block itself.
 *
 * <p>Stateless; shared by the jfrps and jfrpc command lines.
 */
public final class CliConfig {
    private CliConfig() {
    }

    /**
     * Loads {@code file} for the loader's program. The result names the file the user named (not a
     * temporary copy) and has its warnings located in that file.
     *
     * @param reference what substitutions in a two-block file fall back to (normally
     *                  {@link ConfigFactory#defaultReference()}, which has the defaults at the same
     *                  paths: {@code jfrps.bindPort})
     * @throws InvalidConfigException every error, located in the user's file
     */
    public static LoadedConfig load(ConfigLoader loader, Config reference, Path file) {
        Config parsed = twoBlockFile(file);
        if (parsed == null) {
            return loader.load(file);
        }
        String name = file.toString();
        String mine = loader.program().rootPath();
        ConfigObject selected = select(loader.program(), parsed, reference, name);
        ConfigObject tree = parsed.root();
        Rendered rendered = Rendered.of(selected, tree.get(mine).origin(), path -> {
            List<Object> inBlock = new ArrayList<>(path);
            inBlock.add(0, mine);
            ConfigOrigin o = writtenAt(tree, inBlock);
            return o != null ? o : writtenAt(tree, path);
        });
        Path copy = null;
        try {
            copy = Files.createTempFile(loader.program().rootPath() + "-", ".conf");
            Files.writeString(copy, rendered.text(), StandardCharsets.UTF_8);
            Relocator back = new Relocator(copy.toString(), name, rendered.origins());
            try {
                LoadedConfig c = loader.load(copy);
                return c.relocated(file, back.all(c.warnings()));
            } catch (InvalidConfigException e) {
                throw new InvalidConfigException(name, back.all(e.errors()), back.all(e.warnings()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a temporary copy of the " + loader.program().rootPath()
                    + " block of " + name, e);
        } finally {
            if (copy != null) {
                try {
                    Files.deleteIfExists(copy);
                } catch (IOException ignored) {
                    // A leftover 0600 file in the temporary directory; nothing to do about it here.
                }
            }
        }
    }

    /** The parsed file when it is HOCON or JSON with a jfrps or jfrpc block; else null (the loader reads it). */
    private static Config twoBlockFile(Path file) {
        String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (!n.endsWith(".conf") && !n.endsWith(".json")) {
            return null;
        }
        Config parsed;
        try {
            parsed = ConfigFactory.parseFile(file.toFile(), ConfigParseOptions.defaults().setAllowMissing(false));
        } catch (ConfigException e) {
            return null; // the loader reports it, with the file and line
        }
        ConfigObject root = parsed.root();
        boolean blocks = root.containsKey(Program.SERVER.rootPath()) || root.containsKey(Program.CLIENT.rootPath());
        return blocks ? parsed : null;
    }

    /** The program's block over the keys outside both blocks, resolved. */
    private static ConfigObject select(Program program, Config parsed, Config reference, String name) {
        String mine = program.rootPath();
        String other = program == Program.SERVER ? Program.CLIENT.rootPath() : Program.SERVER.rootPath();
        Config resolved;
        try {
            // Two steps: the file's own substitutions and ${?NAME} first, then what is left against the
            // defaults. resolveWith alone fails on HOCON's "key = value, key = ${?NAME}" idiom
            // ("replace in parent not possible", a Typesafe Config limitation).
            Config own = parsed.resolve(ConfigResolveOptions.defaults().setAllowUnresolved(true));
            resolved = own.isResolved() ? own
                    : own.resolveWith(own.withFallback(reference).resolve(), ConfigResolveOptions.defaults());
        } catch (ConfigException e) {
            throw invalid(name, e.origin(), "", messageOf(e));
        }
        ConfigObject root = resolved.root();
        ConfigValue block = root.get(mine);
        if (block == null) {
            throw invalid(name, null, "", "the file has a '" + other + "' block but no '" + mine + "' block; write "
                    + mine + "'s settings in " + mine + " { ... } (keys outside the blocks apply to both programs)");
        }
        if (block.valueType() != ConfigValueType.OBJECT) {
            throw invalid(name, block.origin(), mine, "'" + mine + "': expected a table of " + mine
                    + " settings, got " + block.valueType().name().toLowerCase(Locale.ROOT));
        }
        ConfigObject shared = root.withoutKey(mine).withoutKey(other);
        return ((ConfigObject) block).withFallback(shared);
    }

    private static InvalidConfigException invalid(String name, ConfigOrigin origin, String key, String message) {
        String file = origin != null && origin.filename() != null ? origin.filename() : name;
        int line = origin != null ? origin.lineNumber() : -1;
        return new InvalidConfigException(name,
                List.of(new ConfigProblem(ConfigProblem.Severity.ERROR, file, line, key, message)), List.of());
    }

    /** Typesafe's message without the origin it starts with (the problem carries it). */
    private static String messageOf(ConfigException e) {
        String m = e.getMessage();
        if (e.origin() != null && m.startsWith(e.origin().description() + ": ")) {
            return m.substring(e.origin().description().length() + 2);
        }
        return m;
    }

    /**
     * A resolved tree written as HOCON, one value or brace per line, with the origin of each line.
     *
     * <p>A value that came from the environment ({@code ${?NAME}}) is text, as HOCON defines it;
     * HOCON converts it when a number or boolean is asked for, but the loader types HOCON files
     * strictly, so such a value that reads as a number or boolean is written without quotes.
     *
     * <p>A value from outside the file (the environment, a default reached by a substitution) is
     * placed at the line where the file wrote the key, found in the unresolved tree; failing that,
     * at the line of the table it is in.
     *
     * @param text    the file's text
     * @param origins the origin of the value on each line (index 0 = line 1)
     */
    private record Rendered(String text, List<ConfigOrigin> origins) {
        private static final ConfigRenderOptions CONCISE = ConfigRenderOptions.concise();
        private static final Pattern TYPED = Pattern.compile("-?\\d+(\\.\\d+)?|true|false");

        /**
         * @param writtenAt where the file wrote the key at a path (map keys and list indexes), or null
         */
        static Rendered of(ConfigObject root, ConfigOrigin rootOrigin, Function<List<Object>, ConfigOrigin> writtenAt) {
            Writer w = new Writer(writtenAt);
            w.members(root, rootOrigin, new ArrayList<>(), "");
            return new Rendered(w.text.toString(), List.copyOf(w.origins));
        }

        private static final class Writer {
            final Function<List<Object>, ConfigOrigin> writtenAt;
            final StringBuilder text = new StringBuilder();
            final List<ConfigOrigin> origins = new ArrayList<>();

            Writer(Function<List<Object>, ConfigOrigin> writtenAt) {
                this.writtenAt = writtenAt;
            }

            void members(ConfigObject obj, ConfigOrigin origin, List<Object> path, String indent) {
                List<Map.Entry<String, ConfigValue>> entries = new ArrayList<>(obj.entrySet());
                entries.sort(Comparator.<Map.Entry<String, ConfigValue>>comparingInt(e -> lineOf(e.getValue()))
                        .thenComparing(Map.Entry::getKey));
                for (Map.Entry<String, ConfigValue> e : entries) {
                    path.add(e.getKey());
                    value(ConfigUtil.quoteString(e.getKey()) + " = ", e.getValue(), origin, path, indent);
                    path.remove(path.size() - 1);
                }
            }

            void value(String prefix, ConfigValue v, ConfigOrigin parent, List<Object> path, String indent) {
                ConfigOrigin origin = v.origin();
                if (origin.filename() == null) {
                    ConfigOrigin written = writtenAt.apply(path);
                    origin = written != null ? written : parent;
                }
                if (v.valueType() == ConfigValueType.OBJECT) {
                    line(indent + prefix + "{", origin);
                    members((ConfigObject) v, origin, path, indent + "  ");
                    line(indent + "}", origin);
                } else if (v.valueType() == ConfigValueType.LIST && hasContainers((ConfigList) v)) {
                    line(indent + prefix + "[", origin);
                    ConfigList list = (ConfigList) v;
                    for (int i = 0; i < list.size(); i++) {
                        path.add(i);
                        value("", list.get(i), origin, path, indent + "  ");
                        path.remove(path.size() - 1);
                    }
                    line(indent + "]", origin);
                } else if (v.valueType() == ConfigValueType.STRING && fromOutsideFiles(v.origin())
                        && TYPED.matcher((String) v.unwrapped()).matches()) {
                    line(indent + prefix + v.unwrapped(), origin);
                } else {
                    line(indent + prefix + v.render(CONCISE), origin);
                }
            }

            void line(String s, ConfigOrigin origin) {
                text.append(s).append('\n');
                origins.add(origin);
            }
        }

        /** From the environment or system properties rather than a file, URL or resource. */
        private static boolean fromOutsideFiles(ConfigOrigin o) {
            return o.filename() == null && o.url() == null && o.resource() == null;
        }

        private static boolean hasContainers(ConfigList list) {
            return list.stream().anyMatch(e -> e.valueType() == ConfigValueType.OBJECT
                    || e.valueType() == ConfigValueType.LIST);
        }

        private static int lineOf(ConfigValue v) {
            int line = v.origin().lineNumber();
            return line > 0 ? line : Integer.MAX_VALUE;
        }
    }

    /**
     * Where the unresolved file wrote the value at {@code path} (map keys and list indexes), or null
     * when it is not in a file or sits under a merge that cannot be walked before resolving.
     */
    private static ConfigOrigin writtenAt(ConfigObject root, List<Object> path) {
        ConfigValue cur = root;
        try {
            for (Object seg : path) {
                if (seg instanceof String key && cur instanceof ConfigObject o) {
                    cur = o.get(key);
                } else if (seg instanceof Integer i && cur instanceof ConfigList l && i < l.size()) {
                    cur = l.get(i);
                } else {
                    return null;
                }
                if (cur == null) {
                    return null;
                }
            }
        } catch (ConfigException e) {
            return null; // an unresolved merge: no finer origin than its table's
        }
        return cur.origin().filename() != null ? cur.origin() : null;
    }

    /** Puts problems found in the temporary copy back where their values are in the user's file. */
    private record Relocator(String copy, String name, List<ConfigOrigin> origins) {
        List<ConfigProblem> all(List<ConfigProblem> problems) {
            List<ConfigProblem> out = new ArrayList<>();
            for (ConfigProblem p : problems) {
                out.add(one(p));
            }
            out.sort(Comparator.comparingInt(p -> p.line() > 0 ? p.line() : Integer.MAX_VALUE));
            return out;
        }

        private ConfigProblem one(ConfigProblem p) {
            if (!p.file().equals(copy)) {
                return p;
            }
            ConfigOrigin o = p.line() > 0 && p.line() <= origins.size() ? origins.get(p.line() - 1) : null;
            String file = o != null && o.filename() != null ? o.filename() : name;
            int line = o != null ? o.lineNumber() : -1;
            return new ConfigProblem(p.severity(), file, line, p.key(), p.message().replace(copy, name));
        }
    }
}
