package io.jfrp.client.admin;

import io.jfrp.client.MultiServerClient;
import io.jfrp.client.manage.ProxyStatus;
import io.jfrp.client.servers.ServerLinkStatus;
import io.jfrp.client.visitor.Visitor;
import io.jfrp.config.ConfigLoader;
import io.jfrp.config.LoadedConfig;
import io.jfrp.config.cli.CliPreparation;
import io.jfrp.config.model.ClientConfig;
import io.jfrp.config.model.TypedConfig;
import io.jfrp.config.model.WebServerSettings;
import io.jfrp.config.model.proxy.ProxyConfig;
import io.jfrp.config.model.visitor.VisitorConfig;
import io.jfrp.web.WebServer;
import io.jfrp.web.WebServerConfig;
import io.jfrp.web.WebServerLimits;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A running jfrpc as its operator manages it (frp's Service with its config manager): the client,
 * its configuration file, the store ({@code store.path}) and the admin web server
 * ({@code webServer.*}, routes in {@link AdminApi}).
 *
 * <h3>Which proxies run</h3>
 * The file's proxies and visitors, then the store's (a store entry replaces a file entry of its name).
 * A reload reads the file again; a store change writes the store; either way the client applies only
 * the difference ({@link MultiServerClient#updateProxies}, on every server, and
 * {@link MultiServerClient#updateVisitors}). Settings outside the proxies and visitors (server
 * address, credentials, the web server itself) take effect at the next start, as in frp.
 *
 * <h3>Threading</h3>
 * Reloads and store changes are serialised by one lock; the client, the store and the web server
 * are thread-safe themselves. The web server serves before the client exists: the client is
 * published once (under the lock, with the store's proxies applied) and web routes that need it
 * wait for that on the web server's handler threads, never on an event loop.
 */
public final class ClientService implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ClientService.class);
    /** frpc's graceful stop: CloseProxy for every proxy, then this long before the session closes. */
    static final Duration STOP_GRACE = Duration.ofMillis(100);

    private final Path configFile;
    /** How long a web route waits for the client while jfrpc is still setting it up. */
    static final Duration CLIENT_WAIT = Duration.ofSeconds(30);

    private final StoreFile store;
    private final CompletableFuture<MultiServerClient> clientReady = new CompletableFuture<>();
    private volatile MultiServerClient client;
    private final Object reloadLock = new Object();
    private ClientConfig fileConfig;
    private volatile WebServer webServer;

    private ClientService(Path configFile, ClientConfig config, StoreFile store) {
        this.configFile = configFile;
        this.fileConfig = config;
        this.store = store;
    }

    /**
     * Sets jfrpc up from {@code config} (read from {@code configFile}): its store, if any, its web
     * server, if any, serving every route, and its client (not started) with the file's and the
     * store's proxies.
     *
     * <p>The web server starts first, with all its routes, so that its port never answers a route
     * with 404 (frp's e2e suite uses the store API as soon as the port accepts): a store change made
     * before the client exists is written to the store and applied with the rest when the client
     * joins; a route that needs the client waits for it (setting up TLS takes a moment).
     *
     * @throws IOException when the TLS files, the store or the web server's port cannot be had (the
     *                     message says which)
     */
    public static ClientService create(Path configFile, ClientConfig config) throws IOException {
        return create(configFile, config, MultiServerClient::new);
    }

    /** How the client is made (tests hold it back to see the web server serve before it exists). */
    @FunctionalInterface
    interface ClientFactory {
        MultiServerClient create(ClientConfig config) throws IOException;
    }

    /** {@link #create(Path, ClientConfig)} with the client made by {@code clients}. */
    static ClientService create(Path configFile, ClientConfig config, ClientFactory clients) throws IOException {
        StoreFile store = config.storePath().isEmpty() ? null : StoreFile.open(Path.of(config.storePath()));
        ClientService service = new ClientService(configFile, config, store);
        WebServer web = config.webServer().enabled() ? startWebServer(config.webServer(), service) : null;
        service.webServer = web;
        MultiServerClient client;
        try {
            client = clients.create(config);
        } catch (IOException e) {
            IOException failure = new IOException("cannot set up TLS: " + e.getMessage(), e);
            service.fail(failure);
            throw failure;
        } catch (RuntimeException e) {
            service.fail(e);
            throw e;
        }
        try {
            service.attach(client);
        } catch (StoreException e) {
            IOException failure = new IOException("store " + store.path() + ": " + e.getMessage(), e);
            client.close();
            service.fail(failure);
            throw failure;
        } catch (RuntimeException e) {
            client.close();
            service.fail(e);
            throw e;
        }
        return service;
    }

    /**
     * Gives the service its client and applies the store's proxies and visitors (with any change made
     * meanwhile). The client is published only after that: a route that finds it (or waits for it)
     * must see the store's proxies too, not the file's alone.
     */
    private void attach(MultiServerClient c) throws StoreException {
        synchronized (reloadLock) {
            if (store != null) {
                apply(c);
            }
            this.client = c;
        }
        clientReady.complete(c);
    }

    /** The client could not be made: routes waiting for it fail, the web server stops. */
    private void fail(Throwable cause) {
        clientReady.completeExceptionally(cause);
        close();
    }

    private static WebServer startWebServer(WebServerSettings s, ClientService service) throws IOException {
        WebServer web = new WebServer(new WebServerConfig(s.addr(), s.port(), s.user(), s.password(), s.certFile(),
                s.keyFile()), WebServerLimits.DEFAULTS);
        new AdminApi(service).register(web.router());
        try {
            return web.start();
        } catch (IOException | RuntimeException e) {
            web.close();
            throw new IOException("cannot start the admin web server (webServer.addr, webServer.port): "
                    + e.getMessage(), e);
        }
    }

    /**
     * The client: one connection per server (one, as frpc, unless jfrp.servers lists several). Set
     * once {@link #create} has returned; a web route that runs earlier waits for it (at most
     * {@link #CLIENT_WAIT}).
     *
     * @throws IllegalStateException when the client could not be made or did not come in time
     */
    public MultiServerClient client() {
        MultiServerClient c = client;
        if (c != null) {
            return c;
        }
        try {
            return clientReady.get(CLIENT_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the client to be set up", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("the client could not be set up: " + e.getCause().getMessage(), e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("the client was not set up within " + CLIENT_WAIT.toSeconds() + " s", e);
        }
    }

    /** The admin web server's address, or null without one. */
    public InetSocketAddress webServerAddress() {
        WebServer w = webServer;
        return w == null ? null : w.localAddress();
    }

    /** Whether proxies and visitors can be made through the API ({@code store.path} is set). */
    public boolean storeEnabled() {
        return store != null;
    }

    /**
     * Reads the configuration file again and applies its proxies and visitors (with the store's). jfrp always
     * validates strictly: an unknown key is an error whether or not {@code strictConfig} is asked for.
     *
     * @throws StoreException {@code INVALID} (400) when the file cannot be read or is not valid,
     *                        {@code APPLY_FAILED} (500) when the proxies or visitors cannot be applied
     */
    public void reload() throws StoreException {
        client(); // waits (outside the lock, which attach() takes) while jfrpc is still starting
        synchronized (reloadLock) {
            StringWriter problems = new StringWriter();
            CliPreparation.Prepared<ClientConfig> p = CliPreparation.prepare("jfrpc", configFile,
                    new PrintWriter(problems), ConfigLoader::forClient, LoadedConfig::clientConfig);
            if (p == null) {
                throw new StoreException(StoreException.Kind.INVALID, problems.toString().strip());
            }
            fileConfig = p.config();
            apply(client);
            log.info("success reload conf");
        }
    }

    /** Sets {@code c}'s running proxies and visitors to the file's and the store's. */
    private void apply(MultiServerClient c) throws StoreException {
        Set<String> fromStore = new TreeSet<>();
        List<ProxyConfig> proxies = merged(fileConfig.proxies(), store == null ? List.of() : store.proxies(), fromStore);
        List<VisitorConfig> visitors = merged(fileConfig.visitors(), store == null ? List.of() : store.visitors(),
                new TreeSet<>());
        try {
            c.updateProxies(proxies, fromStore);
            c.updateVisitors(visitors);
        } catch (RuntimeException e) {
            throw new StoreException(StoreException.Kind.APPLY_FAILED, e.getMessage());
        }
    }

    /**
     * The file's entries, then the store's: a store entry replaces a file entry of its name, a disabled
     * one removes it. The names taken from the store are added to {@code fromStore}.
     */
    private static <C extends TypedConfig<?>> List<C> merged(List<C> file, List<C> stored, Set<String> fromStore) {
        Map<String, C> merged = new LinkedHashMap<>();
        file.forEach(c -> merged.put(c.name(), c));
        for (C c : stored) {
            if (c.base().enabled()) {
                merged.put(c.name(), c);
                fromStore.add(c.name());
            } else {
                merged.remove(c.name());
            }
        }
        return new ArrayList<>(merged.values());
    }

    /** The configuration file's text. */
    public String readConfigFile() throws StoreException {
        try {
            return Files.readString(configFile);
        } catch (IOException e) {
            throw new StoreException(StoreException.Kind.INVALID, e.toString());
        }
    }

    /** Replaces the configuration file's text (no reload). */
    public void writeConfigFile(byte[] content) throws StoreException, IOException {
        if (content.length == 0) {
            throw new StoreException(StoreException.Kind.INVALID, "body can't be empty");
        }
        Files.write(configFile, content);
    }

    /** Withdraws every proxy, stops the client after {@link #STOP_GRACE}, and stops the web server. */
    public void stop() {
        log.info("stopping: asked through the admin API");
        MultiServerClient c = client();
        c.gracefulClose(STOP_GRACE);
        c.terminated().whenComplete((v, e) -> close());
    }

    /** The proxies' states. */
    public List<ProxyStatus> statuses() {
        return client().proxies().statuses();
    }

    /** Each server connection's state, for the {@code servers} field of {@code /api/status}. */
    public List<ServerLinkStatus> serverStatuses() {
        return client().serverStatuses();
    }

    /** The server address frpc prepends to tcp and udp remote addresses in the status. */
    public String serverAddr() {
        return client().config().serverAddr();
    }

    /** A running proxy's configuration, else the store's. */
    public Optional<ProxyConfig> proxyConfig(String name) {
        Optional<ProxyConfig> running = client().proxies().status(name).map(ProxyStatus::config);
        return running.isPresent() || store == null ? running : store.proxy(name);
    }

    /** A running visitor's configuration, else the store's. */
    public Optional<VisitorConfig> visitorConfig(String name) {
        Optional<VisitorConfig> running = client().visitors().visitor(name).map(Visitor::config);
        return running.isPresent() || store == null ? running : store.visitor(name);
    }

    /** The store, or {@link StoreException.Kind#DISABLED}. */
    StoreFile store() throws StoreException {
        if (store == null) {
            throw new StoreException(StoreException.Kind.DISABLED, "store API is disabled");
        }
        return store;
    }

    /** Runs a store change, then applies the proxies and visitors; serialised with reloads. */
    <T> T changeStore(StoreChange<T> change) throws StoreException, IOException {
        synchronized (reloadLock) {
            T result = change.apply(store());
            MultiServerClient c = client;
            if (c != null) {
                apply(c); // else attach() applies the store when the client joins
            }
            return result;
        }
    }

    /** A change of the store. */
    @FunctionalInterface
    interface StoreChange<T> {
        T apply(StoreFile store) throws StoreException, IOException;
    }

    /** Stops the web server (the client stops by itself or by {@link #stop}). */
    @Override
    public void close() {
        WebServer w = webServer;
        webServer = null;
        if (w != null) {
            w.close();
        }
    }
}
