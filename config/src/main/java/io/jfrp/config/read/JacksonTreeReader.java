package io.jfrp.config.read;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.jfrp.classpath.OptionalJars;
import io.jfrp.config.ConfigProblem;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a JSON or YAML configuration file into a plain tree (maps, lists, strings, numbers,
 * booleans) with the line of every value, by streaming Jackson's parser: frp reads both formats
 * with the same v1 schema as TOML (YAML through its JSON form), so the tree goes on to
 * {@link TreeBuilder} and the validator like a TOML file's.
 *
 * <p>As frp: a duplicate key is an error; YAML top-level keys starting with '.' are dropped (frp
 * keeps them for anchors to refer to). YAML merge keys ({@code <<}) are an error naming them (frp's
 * YAML decoder merges them; Jackson's streaming parser does not). Stateless.
 */
final class JacksonTreeReader {
    private static final JsonFactory JSON = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    /**
     * The YAML parser's factory, made when a YAML file is first read. Its own class, with the field
     * typed as {@link JsonFactory}, so that loading this reader for a TOML or JSON file does not load
     * {@link YAMLFactory}: the class-data archive would then also hold the some 20 classes of
     * snakeyaml and the YAML module that verifying it loads (docs/PERFORMANCE.md, "Memory and start-up").
     */
    private static final class Yaml {
        static final JsonFactory FACTORY = YAMLFactory.builder()
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
    }

    /** A tree and the line of each of its paths ({@code a.b}, {@code proxies[0].name}). */
    record Tree(Map<String, Object> root, Map<String, Integer> lines) {
    }

    private final Map<String, Integer> lines = new HashMap<>();
    private final boolean yaml;

    private JacksonTreeReader(boolean yaml) {
        this.yaml = yaml;
    }

    /** The JSON text as a tree, or null after adding the error (with its line) to {@code problems}. */
    static Tree json(String text, String file, List<ConfigProblem> problems) {
        return new JacksonTreeReader(false).read(JSON, text, file, problems);
    }

    /** The YAML text as a tree, or null after adding the error (with its line) to {@code problems}. */
    static Tree yaml(String text, String file, List<ConfigProblem> problems) {
        OptionalJars.require(); // jackson-dataformat-yaml and snakeyaml
        return new JacksonTreeReader(true).read(Yaml.FACTORY, text, file, problems);
    }

    /**
     * The document {@code factory} parses from {@code text} as a plain tree (an empty map for an empty
     * document), without lines: for TOML, whose parser gives none ({@link TomlLineIndex} finds them).
     *
     * @throws JsonProcessingException if the text is not valid, with the parser's location
     */
    static Object plain(JsonFactory factory, String text) throws IOException {
        try (JsonParser p = factory.createParser(text)) {
            return p.nextToken() == null ? new LinkedHashMap<>() : new JacksonTreeReader(false).value(p, "", "");
        }
    }

    private Tree read(JsonFactory factory, String text, String file, List<ConfigProblem> problems) {
        String kind = yaml ? "YAML" : "JSON";
        try (JsonParser p = factory.createParser(text)) {
            JsonToken first = p.nextToken();
            if (first == null) {
                return new Tree(new LinkedHashMap<>(), lines); // an empty file: nothing set
            }
            if (first != JsonToken.START_OBJECT) {
                problems.add(new ConfigProblem(ConfigProblem.Severity.ERROR, file, line(p), "",
                        "not valid " + kind + " configuration: expected a table of settings at the top, got " + first.asString()));
                return null;
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> root = (Map<String, Object>) value(p, "", file);
            if (p.nextToken() != null) {
                problems.add(new ConfigProblem(ConfigProblem.Severity.ERROR, file, line(p), "",
                        "not valid " + kind + ": more after the top-level table"));
                return null;
            }
            if (yaml) {
                root.keySet().removeIf(k -> k.startsWith("."));
            }
            return new Tree(root, lines);
        } catch (JsonProcessingException e) {
            int line = e.getLocation() != null ? e.getLocation().getLineNr() : -1;
            problems.add(new ConfigProblem(ConfigProblem.Severity.ERROR, file, line, "",
                    "not valid " + kind + ": " + e.getOriginalMessage()));
            return null;
        } catch (IOException e) {
            problems.add(new ConfigProblem(ConfigProblem.Severity.ERROR, file, -1, "", "cannot read " + kind + ": " + e));
            return null;
        }
    }

    /** The value at the parser's current token (a scalar, or a whole object or array). */
    private Object value(JsonParser p, String path, String file) throws IOException {
        lines.put(path, line(p));
        JsonToken t = p.currentToken();
        switch (t) {
            case START_OBJECT -> {
                Map<String, Object> map = new LinkedHashMap<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String key = p.currentName();
                    if (yaml && key.equals("<<")) {
                        throw new JsonProcessingException("YAML merge keys ('<<') are not supported by jfrp; "
                                + "write the keys out", p.currentLocation()) {
                        };
                    }
                    String child = path.isEmpty() ? key : path + "." + key;
                    p.nextToken();
                    map.put(key, value(p, child, file));
                }
                return map;
            }
            case START_ARRAY -> {
                List<Object> list = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    list.add(value(p, path + "[" + list.size() + "]", file));
                }
                return list;
            }
            case VALUE_STRING -> {
                return p.getText();
            }
            case VALUE_NUMBER_INT -> {
                return p.getNumberValue();
            }
            case VALUE_NUMBER_FLOAT -> {
                return p.getDoubleValue();
            }
            case VALUE_TRUE, VALUE_FALSE -> {
                return p.getBooleanValue();
            }
            case VALUE_NULL -> {
                return null;
            }
            default -> throw new JsonProcessingException("unexpected " + t.asString(), p.currentLocation()) {
            };
        }
    }

    private static int line(JsonParser p) {
        return p.currentTokenLocation().getLineNr();
    }
}
