package io.jfrp.client.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jfrp.config.json.ConfigJson;
import io.jfrp.config.json.VisitorJson;
import io.jfrp.config.model.proxy.ProxyConfig;
import io.jfrp.config.model.visitor.VisitorConfig;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The store of {@code store.path} (frp's StoreSource): proxies and visitors made through the admin
 * API, kept in a JSON file ({@code {"proxies":[…],"visitors":[…]}}, each entry in frp's JSON form,
 * {@link ProxyJson#full}) and run next to the configuration file's (a store entry replaces a file
 * entry of the same name, as in frp).
 *
 * <h3>Persistence</h3>
 * Read when jfrpc starts (a missing file is an empty store; an invalid one stops jfrpc with the
 * entry's index and problem); every change is written at once, to a temporary file then renamed
 * over the store, so the file is always whole.
 *
 * <p>Thread-safe (one lock).
 */
public final class StoreFile {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** Go's {@code json.MarshalIndent(v, "", "  ")}: two spaces, {@code "key": value}, arrays one entry a line. */
    private static final DefaultPrettyPrinter GO_INDENT = new DefaultPrettyPrinter()
            .withObjectIndenter(new DefaultIndenter("  ", "\n"))
            .withArrayIndenter(new DefaultIndenter("  ", "\n"))
            .withSeparators(Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER));

    private final Path path;
    private final Map<String, Definitions.StoredProxy> proxies = new TreeMap<>();
    private final Map<String, VisitorConfig> visitors = new TreeMap<>();

    private StoreFile(Path path) {
        this.path = path;
    }

    /**
     * The store at {@code path}, read when the file exists.
     *
     * @throws IOException when it cannot be read, or holds something that is not a valid proxy or
     *                     visitor (the message names the entry)
     */
    public static StoreFile open(Path path) throws IOException {
        StoreFile store = new StoreFile(path);
        if (Files.exists(path)) {
            JsonNode root;
            try {
                root = MAPPER.readTree(path.toFile());
            } catch (IOException e) {
                throw new IOException("store " + path + ": failed to parse JSON: " + e.getMessage(), e);
            }
            int i = 0;
            for (JsonNode p : root.path("proxies")) {
                try {
                    if (!(p instanceof ObjectNode o)) {
                        throw new StoreException(StoreException.Kind.INVALID, "not a JSON object");
                    }
                    Definitions.StoredProxy stored = Definitions.proxyBlock(o);
                    store.proxies.put(stored.config().name(), stored);
                } catch (StoreException e) {
                    throw new IOException("store " + path + ": failed to decode proxy at index " + i + ": " + e.getMessage());
                }
                i++;
            }
            i = 0;
            for (JsonNode v : root.path("visitors")) {
                try {
                    VisitorConfig c = ConfigJson.readVisitor(v);
                    store.visitors.put(c.name(), c);
                } catch (IllegalArgumentException e) {
                    throw new IOException("store " + path + ": failed to decode visitor at index " + i + ": " + e.getMessage());
                }
                i++;
            }
        }
        return store;
    }

    public Path path() {
        return path;
    }

    /** Every proxy, by name. */
    public synchronized List<ProxyConfig> proxies() {
        return proxies.values().stream().map(Definitions.StoredProxy::config).toList();
    }

    public synchronized Optional<ProxyConfig> proxy(String name) {
        return Optional.ofNullable(proxies.get(name)).map(Definitions.StoredProxy::config);
    }

    /** Every proxy as written, by name. */
    synchronized List<Definitions.StoredProxy> storedProxies() {
        return new ArrayList<>(proxies.values());
    }

    /** The proxy {@code name} as written. */
    synchronized Optional<Definitions.StoredProxy> storedProxy(String name) {
        return Optional.ofNullable(proxies.get(name));
    }

    /** Every visitor, by name. */
    public synchronized List<VisitorConfig> visitors() {
        return new ArrayList<>(visitors.values());
    }

    public synchronized Optional<VisitorConfig> visitor(String name) {
        return Optional.ofNullable(visitors.get(name));
    }

    /** Adds a proxy; {@link StoreException.Kind#CONFLICT} when the name is taken. */
    synchronized void add(Definitions.StoredProxy p) throws StoreException, IOException {
        String name = p.config().name();
        if (proxies.containsKey(name)) {
            throw new StoreException(StoreException.Kind.CONFLICT, "already exists: proxy \"" + name + "\"");
        }
        proxies.put(name, p);
        save();
    }

    /** Replaces the proxy of the same name; {@link StoreException.Kind#NOT_FOUND} when there is none. */
    synchronized void replace(Definitions.StoredProxy p) throws StoreException, IOException {
        requireProxy(p.config().name());
        proxies.put(p.config().name(), p);
        save();
    }

    public synchronized void removeProxy(String name) throws StoreException, IOException {
        requireProxy(name);
        proxies.remove(name);
        save();
    }

    public synchronized void add(VisitorConfig v) throws StoreException, IOException {
        if (visitors.containsKey(v.name())) {
            throw new StoreException(StoreException.Kind.CONFLICT, "already exists: visitor \"" + v.name() + "\"");
        }
        visitors.put(v.name(), v);
        save();
    }

    public synchronized void replace(VisitorConfig v) throws StoreException, IOException {
        requireVisitor(v.name());
        visitors.put(v.name(), v);
        save();
    }

    public synchronized void removeVisitor(String name) throws StoreException, IOException {
        requireVisitor(name);
        visitors.remove(name);
        save();
    }

    private void requireProxy(String name) throws StoreException {
        if (!proxies.containsKey(name)) {
            throw new StoreException(StoreException.Kind.NOT_FOUND, "proxy \"" + name + "\"");
        }
    }

    private void requireVisitor(String name) throws StoreException {
        if (!visitors.containsKey(name)) {
            throw new StoreException(StoreException.Kind.NOT_FOUND, "visitor \"" + name + "\"");
        }
    }

    /** Writes the whole store: a temporary file next to it, then renamed over it. */
    private void save() throws IOException {
        ObjectNode root = MAPPER.createObjectNode();
        if (!proxies.isEmpty()) {
            ArrayNode a = root.putArray("proxies");
            proxies.values().forEach(p -> a.add(p.written()));
        }
        if (!visitors.isEmpty()) {
            ArrayNode a = root.putArray("visitors");
            visitors.values().forEach(v -> a.add(VisitorJson.full(v)));
        }
        Path dir = path.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = dir.resolve(path.getFileName() + ".tmp");
        Files.write(tmp, MAPPER.writer(GO_INDENT).writeValueAsBytes(root));
        try {
            Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
