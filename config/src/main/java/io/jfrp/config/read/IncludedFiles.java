package io.jfrp.config.read;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueFactory;
import com.typesafe.config.ConfigValueType;
import io.jfrp.config.ConfigProblem;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * frpc's {@code includes}: more files whose proxies and visitors join the file's, as frp reads them.
 * Each entry is a path whose last part may be a glob ({@code ./conf.d/*.toml}); like frp, a
 * relative path is taken from the working directory, the directory must exist, and every regular
 * file in it whose name matches is read (in name order), in any format frp reads. Only
 * {@code proxies} and {@code visitors} are taken from an included file; other settings there are
 * ignored by frp, and reported here as a warning. The legacy INI format appends the included files'
 * text instead ({@link #legacyText}). Stateless.
 */
final class IncludedFiles {
    private IncludedFiles() {
    }

    /**
     * {@code main} with the proxies and visitors of its {@code includes} appended (each keeps its own
     * file and line), and without {@code includes}; null after adding errors to {@code problems}.
     */
    static Config merge(Config main, Function<Path, ConfigFileReader.Read> reader, String mainName,
                        List<ConfigProblem> problems) {
        ConfigValue value = main.getValue("includes");
        if (value.valueType() != ConfigValueType.LIST) {
            return main; // the validator reports the wrong type
        }
        List<Path> files = expand(((ConfigList) value).unwrapped(), mainName, value.origin().lineNumber(), problems);
        if (files == null) {
            return null;
        }
        List<ConfigValue> proxies = list(main, "proxies");
        List<ConfigValue> visitors = list(main, "visitors");
        boolean failed = false;
        for (Path f : files) {
            ConfigFileReader.Read read = reader.apply(f);
            if (read == null) {
                failed = true;
                continue;
            }
            Config c = read.config();
            proxies.addAll(list(c, "proxies"));
            visitors.addAll(list(c, "visitors"));
            for (Map.Entry<String, ConfigValue> e : c.root().entrySet()) {
                if (!e.getKey().equals("proxies") && !e.getKey().equals("visitors")) {
                    problems.add(new ConfigProblem(ConfigProblem.Severity.WARNING, f.toString(),
                            e.getValue().origin().lineNumber(), e.getKey(), "'" + e.getKey() + "' in an included file"
                            + " is ignored: frp reads only proxies and visitors from the files of 'includes'"));
                }
            }
        }
        if (failed) {
            return null;
        }
        Config out = main.withoutPath("includes");
        if (!proxies.isEmpty()) {
            out = out.withValue("proxies", ConfigValueFactory.fromIterable(proxies));
        }
        if (!visitors.isEmpty()) {
            out = out.withValue("visitors", ConfigValueFactory.fromIterable(visitors));
        }
        return out;
    }

    /** The legacy INI form: the rendered text of every included file, one after another; or null. */
    static String legacyText(List<?> patterns, Map<String, String> env, String mainName, List<ConfigProblem> problems) {
        List<Path> files = expand(patterns, mainName, -1, problems);
        if (files == null) {
            return null;
        }
        StringBuilder out = new StringBuilder();
        for (Path f : files) {
            String text;
            try {
                text = Files.readString(f, StandardCharsets.UTF_8);
            } catch (IOException e) {
                problems.add(new ConfigProblem(ConfigProblem.Severity.ERROR, mainName, -1, "includes",
                        "cannot read included file " + f + ": " + e));
                return null;
            }
            String rendered = GoTemplate.render(text, env, f.toString(), problems);
            if (rendered == null) {
                return null;
            }
            out.append(rendered).append('\n');
        }
        return out.toString();
    }

    /** The files the patterns name, in pattern order and then name order; null after an error. */
    static List<Path> expand(List<?> patterns, String mainName, int line, List<ConfigProblem> problems) {
        List<Path> files = new ArrayList<>();
        for (Object o : patterns) {
            String pattern = String.valueOf(o);
            Path path = Path.of(pattern).toAbsolutePath();
            Path dir = path.getParent();
            if (dir == null || !Files.isDirectory(dir)) {
                problems.add(new ConfigProblem(ConfigProblem.Severity.ERROR, mainName, line, "includes",
                        "includes: directory " + dir + " of '" + pattern + "' does not exist"));
                return null;
            }
            PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + path.getFileName());
            TreeSet<Path> matched = new TreeSet<>();
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
                for (Path p : entries) {
                    if (Files.isRegularFile(p) && matcher.matches(p.getFileName())) {
                        matched.add(p);
                    }
                }
            } catch (IOException e) {
                problems.add(new ConfigProblem(ConfigProblem.Severity.ERROR, mainName, line, "includes",
                        "includes: cannot list " + dir + ": " + e));
                return null;
            }
            files.addAll(matched);
        }
        return files;
    }

    private static List<ConfigValue> list(Config c, String key) {
        if (!c.hasPath(key) || c.getValue(key).valueType() != ConfigValueType.LIST) {
            return new ArrayList<>();
        }
        return new ArrayList<>(c.getList(key));
    }
}
