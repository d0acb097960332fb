package io.jfrp.config.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.typesafe.config.ConfigFactory;
import io.jfrp.config.ConfigLoader;
import io.jfrp.config.ConfigProblem;
import io.jfrp.config.InvalidConfigException;
import io.jfrp.config.model.ClientConfig;
import io.jfrp.config.model.proxy.ProxyConfig;
import io.jfrp.config.model.visitor.VisitorConfig;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Reads a proxy or a visitor written in frp's JSON ({@link ProxyJson#full}, {@link VisitorJson#full}:
 * what jfrpc's store API receives and its store file holds) into the model, through the same
 * loader, schema and validation as a {@code [[proxies]]} table of frpc.toml: the JSON keys are
 * frpc's configuration keys, so a definition is accepted exactly when the same table in a file would
 * be, with the same error messages. {@code null}, empty strings, empty lists and empty objects are
 * taken as absent: Go writes its zero values so, and frp reads them as "not set".
 *
 * <p>Stateless and thread-safe; each read validates through a small temporary file.
 */
public final class ConfigJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final ConfigLoader LOADER = ConfigLoader.forClient(ConfigFactory.defaultReference());

    private ConfigJson() {
    }

    /**
     * The proxy {@code json} describes (an object with {@code name}, {@code type} and the type's keys).
     *
     * @throws IllegalArgumentException when it is not a valid proxy, with every problem in the message
     */
    public static ProxyConfig readProxy(JsonNode json) {
        ClientConfig c = load("proxies", json);
        return c.proxies().get(0);
    }

    /**
     * The visitor {@code json} describes.
     *
     * @throws IllegalArgumentException when it is not a valid visitor (jfrp refuses visitor types it
     *                                  does not run, as in a file)
     */
    public static VisitorConfig readVisitor(JsonNode json) {
        ClientConfig c = load("visitors", json);
        return c.visitors().get(0);
    }

    private static ClientConfig load(String table, JsonNode json) {
        if (!(json instanceof ObjectNode object)) {
            throw new IllegalArgumentException("expected a JSON object");
        }
        ObjectNode entry = withoutEmpty(object);
        boolean enabled = !entry.path("enabled").isBoolean() || entry.path("enabled").asBoolean();
        entry.remove("enabled"); // read as enabled, then set: a disabled entry is still a definition
        ObjectNode file = MAPPER.createObjectNode();
        file.putArray(table).add(entry);
        Path dir = null;
        try {
            dir = Files.createTempDirectory("jfrp-definition");
            Path path = dir.resolve("definition.json");
            Files.writeString(path, MAPPER.writeValueAsString(file));
            ClientConfig c = LOADER.load(path).clientConfig();
            if (!enabled) {
                c = table.equals("proxies")
                        ? c.withProxies(List.of(c.proxies().get(0).toBuilder().enabled(false).build()))
                        : c.withVisitors(List.of(c.visitors().get(0).toBuilder().enabled(false).build()));
            }
            return c;
        } catch (InvalidConfigException e) {
            throw new IllegalArgumentException(e.errors().stream().map(ConfigJson::describe)
                    .collect(Collectors.joining("; ")), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot validate a definition through a temporary file", e);
        } finally {
            deleteQuietly(dir);
        }
    }

    /** A problem without the temporary file's name: the message says which key. */
    private static String describe(ConfigProblem p) {
        return p.message();
    }

    private static ObjectNode withoutEmpty(ObjectNode in) {
        ObjectNode out = in.deepCopy();
        for (Iterator<Map.Entry<String, JsonNode>> it = out.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode v = e.getValue();
            if (v instanceof ObjectNode child) {
                v = withoutEmpty(child);
                e.setValue(v);
            }
            if (v.isNull() || (v.isTextual() && v.asText().isEmpty()) || (v.isContainerNode() && v.isEmpty())) {
                it.remove();
            }
        }
        return out;
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (var files = Files.list(dir)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Files.deleteIfExists(f);
            }
            Files.deleteIfExists(dir);
        } catch (IOException ignored) {
            // a stray temporary file is harmless
        }
    }
}
