package io.jfrp.config.read;

import io.jfrp.config.read.ini.LegacyIniReader;
import com.typesafe.config.ConfigOrigin;
import com.typesafe.config.ConfigOriginFactory;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueFactory;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a plain tree (maps, lists, strings, numbers, booleans: what Jackson reads from TOML and what
 * {@link LegacyIniReader} builds) into Typesafe Config values whose origins name the file and, where
 * known, the line. Map keys are taken literally (a TOML key {@code "a.b"} stays one key).
 */
final class TreeBuilder {
    private final String file;
    private final Map<String, Integer> lines;

    /**
     * @param file  the file name put in every origin
     * @param lines line of each path ({@code a.b}, {@code proxies[0].name}); missing paths take their parent's line
     */
    TreeBuilder(String file, Map<String, Integer> lines) {
        this.file = file;
        this.lines = lines;
    }

    ConfigValue build(Object node) {
        return build(node, "", -1);
    }

    private ConfigValue build(Object node, String path, int parentLine) {
        Integer known = lines.get(path);
        int line = known != null ? known : parentLine;
        ConfigOrigin origin = ConfigOriginFactory.newFile(file);
        if (line > 0) {
            origin = origin.withLineNumber(line);
        }
        if (node instanceof Map<?, ?> map) {
            Map<String, ConfigValue> out = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                String key = String.valueOf(e.getKey());
                out.put(key, build(e.getValue(), path.isEmpty() ? key : path + "." + key, line));
            }
            return ConfigValueFactory.fromMap(out).withOrigin(origin);
        }
        if (node instanceof List<?> list) {
            List<ConfigValue> out = new ArrayList<>(list.size());
            for (int i = 0; i < list.size(); i++) {
                out.add(build(list.get(i), path + "[" + i + "]", line));
            }
            return ConfigValueFactory.fromIterable(out).withOrigin(origin);
        }
        Object scalar = node;
        if (node instanceof BigInteger || node instanceof BigDecimal) {
            scalar = ((Number) node).doubleValue();
        } else if (node != null && !(node instanceof String || node instanceof Number || node instanceof Boolean)) {
            scalar = node.toString(); // TOML dates and times, read as text
        }
        return ConfigValueFactory.fromAnyRef(scalar).withOrigin(origin);
    }
}
