package io.jfrp.client;

import io.jfrp.client.control.ClientConnection;
import io.jfrp.client.manage.ProxyManager;
import io.jfrp.client.servers.ServerLinkStatus;
import io.jfrp.client.transport.ClientEventLoops;
import io.jfrp.client.visitor.VisitorContext;
import io.jfrp.client.visitor.Visitors;
import io.jfrp.client.xtcp.XtcpRuntime;
import io.jfrp.config.model.ClientConfig;
import io.jfrp.config.model.ServerAddress;
import io.jfrp.config.model.proxy.ProxyConfig;
import io.jfrp.config.model.visitor.VisitorConfig;
import io.jfrp.protocol.msg.NewProxyResp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * jfrpc connected to its servers: one {@link FrpClient} per server (one, as frpc, with
 * serverAddr/serverPort; several at once with {@code jfrp.servers}),
 * all on one set of event loops, each with its own connection, login, reconnect backoff and run id,
 * and each registering every proxy. Any server can then serve any public connection, and a load
 * balancer in front of them (docs/multi-server.md) hides the loss of one: the others carry on
 * untouched while the lost one's client reconnects on its own.
 *
 * <h3>Lifecycle</h3>
 * {@link #start()} starts every connection and completes with the first login that succeeds. When the
 * first attempt to every server has failed, it fails; with loginFailExit the client then stops (as
 * frpc does with its one server), otherwise every connection keeps retrying. A server refusing or
 * failing later never stops the others. {@link #close()} stops every connection, then the loops.
 *
 * <h3>Visitors</h3>
 * A visitor is one local listener, not one per server: each visitor connection goes through the first
 * server of the list that is online ({@link #firstOnline()}), so it moves to the next when one is
 * lost and back when it returns.
 * <p>The visitors' ports are bound as soon as the client is made, before its members set up TLS,
 * rather than by {@link #start()}: a visitor has no log line to wait for, so frp's e2e suite (and
 * any user) dials it a fixed time after launching the program, and the TLS set-up was the longest
 * step between reading the configuration and listening. A connection that arrives before a server
 * is online waits for one, as between reconnects ({@link Visitors}). With {@code store.path} set
 * the ports are bound by {@link #start()} instead: the store's visitors replace the file's of the
 * same name first ({@code ClientService}), and a port the store moves is never bound.
 *
 * <h3>Threading</h3>
 * Thread-safe: the members are, and the futures are completed from their loops.
 */
public final class MultiServerClient implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(MultiServerClient.class);

    private final ClientConfig config;
    private final ClientEventLoops loops;
    private final List<FrpClient> members;
    /** The visitors, once for all servers, linked to the first server online. */
    private final Visitors visitors;
    /** xtcp's STUN and punching for the visitors, through the first server online. */
    private final XtcpRuntime xtcp;
    private final CompletableFuture<Void> firstLogin = new CompletableFuture<>();
    private final CompletableFuture<Void> terminated = new CompletableFuture<>();
    private final AtomicBoolean closed = new AtomicBoolean();

    /** @throws IOException when the TLS files cannot be read, or auth.tokenSource cannot be resolved */
    public MultiServerClient(ClientConfig config) throws IOException {
        // auth.tokenSource once for all servers, and before the loops, which a failure would leak
        this(config.withAuth(config.auth().resolved()), ClientEventLoops.create());
    }

    private MultiServerClient(ClientConfig config, ClientEventLoops loops) throws IOException {
        this.config = config;
        this.loops = loops;
        List<FrpClient> made = new ArrayList<>();
        this.xtcp = new XtcpRuntime(config.natHoleStunServer(), this::firstOnlineConnection, loops.group(),
                config.transport().quic());
        Visitors early = null;
        try {
            this.visitors = new Visitors(config.visitors(), FrpClient.visitors(xtcp), new VisitorContext(config.user(),
                    loops.group(), loops.serverChannel(), loops.datagramChannel(), config.udpPacketSize(), () -> null));
            early = visitors;
            xtcp.visitors(visitors::visitor);
            if (config.storePath().isEmpty()) {
                // Before the members set up TLS (the JDK's and Netty's TLS classes: some 900 classes,
                // about a second on a loaded machine): see the class comment.
                visitors.start();
            }
            for (ServerAddress server : config.servers()) {
                // Each member retries on its own; whether to give up is decided here, for all. The
                // visitors run once, here, not on each member.
                made.add(new FrpClient(config.forServer(server).withLoginFailExit(false).withVisitors(List.of()),
                        loops));
            }
        } catch (IOException | RuntimeException e) {
            if (early != null) {
                early.close();
            }
            made.forEach(FrpClient::close);
            loops.close();
            throw e;
        }
        this.members = List.copyOf(made);
        members.forEach(m -> m.onLinkChange(this::relinkVisitors));
    }

    /** Points the visitors at the first server online (none: they wait, as a client between reconnects). */
    private synchronized void relinkVisitors() {
        visitors.link(firstOnlineConnection());
    }

    /**
     * The connection of the first server online, or null (also while the constructor is still making
     * the members: the visitors, bound before them, may ask).
     */
    private ClientConnection firstOnlineConnection() {
        List<FrpClient> all = members;
        if (all == null) {
            return null;
        }
        for (FrpClient m : all) {
            ClientConnection c = m.onlineConnection();
            if (c != null) {
                return c;
            }
        }
        return null;
    }

    /** The visitors (each visitor connection goes through the first server online). */
    public Visitors visitors() {
        return visitors;
    }

    /** Connects to every server; completes with the first login, fails when every first attempt failed. */
    public CompletableFuture<Void> start() {
        AtomicInteger failed = new AtomicInteger();
        visitors.start();
        for (FrpClient member : members) {
            member.start().whenComplete((ok, error) -> {
                if (error == null) {
                    firstLogin.complete(null);
                } else if (failed.incrementAndGet() == members.size() && !firstLogin.isDone()) {
                    allFirstAttemptsFailed(error);
                }
            });
        }
        return firstLogin;
    }

    private void allFirstAttemptsFailed(Throwable last) {
        if (config.loginFailExit()) {
            log.error("login to {} failed: {}. With loginFailExit = true, jfrpc exits; set it to false to keep "
                    + "retrying", describeServers(config), last.getMessage() == null ? last : last.getMessage());
            firstLogin.completeExceptionally(last);
            terminated.completeExceptionally(last);
            close();
        } else {
            log.warn("no server ({}) accepted the first login; every connection keeps retrying", config.servers());
            firstLogin.completeExceptionally(last);
        }
    }

    /** "host:port" of the one server, or "every server [a, b]", for messages. */
    public static String describeServers(ClientConfig config) {
        return config.servers().size() == 1 ? config.servers().get(0).toString()
                : "every server " + config.servers();
    }

    /** Completes when the client has stopped: by {@link #close()}, or loginFailExit. */
    public CompletableFuture<Void> terminated() {
        return terminated;
    }

    /** The client of each server, in the order of {@code jfrp.servers}. */
    public List<FrpClient> members() {
        return members;
    }

    /** The configuration the client was started with (every server's). */
    public ClientConfig config() {
        return config;
    }

    /**
     * The proxies as the first server online runs them (else the first server's): phases, answers,
     * health checks; for {@code /api/status}, whose {@code servers} field has every connection.
     */
    public ProxyManager proxies() {
        return firstOnline().orElse(members.get(0)).proxies();
    }

    /**
     * Makes the running proxies {@code wanted} on every server (a reload, a store change): only the
     * difference is applied; an unchanged proxy keeps its connections.
     *
     * @return the first server's changes (every server gets the same ones)
     * @throws IllegalArgumentException when a proxy's type is not one jfrpc runs (nothing changes then)
     */
    public ProxyManager.Changes updateProxies(List<ProxyConfig> wanted, Set<String> fromStore) {
        ProxyManager.Changes first = null;
        for (FrpClient m : members) {
            ProxyManager.Changes c = m.updateProxies(wanted, fromStore);
            first = first == null ? c : first;
        }
        return first;
    }

    /**
     * Makes the running visitors {@code wanted} (a reload, a store change): only the difference is
     * applied ({@link Visitors#update}); an unchanged visitor keeps its port and connections.
     *
     * @throws IllegalArgumentException when a visitor's type is not one jfrpc runs (nothing changes then)
     */
    public Visitors.Changes updateVisitors(List<VisitorConfig> wanted) {
        return visitors.update(wanted);
    }

    /**
     * Stops as frpc's {@code /api/stop} does, on every server: every proxy withdrawn (CloseProxy), then
     * after {@code grace} the connections close and the client stops. Returns at once.
     */
    public void gracefulClose(Duration grace) {
        members.forEach(m -> m.proxies().close());
        loops.group().schedule(this::close, grace.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Each server's connection, in list order. */
    public List<ServerLinkStatus> serverStatuses() {
        return members.stream().map(FrpClient::linkStatus).toList();
    }

    /** The first server of the list that is online now: where a visitor connection goes. */
    public Optional<FrpClient> firstOnline() {
        return members.stream().filter(FrpClient::isOnline).findFirst();
    }

    /** Each server's answers to the proxies, by server, in list order. */
    public Map<ServerAddress, Map<String, NewProxyResp>> proxyResults() {
        Map<ServerAddress, Map<String, NewProxyResp>> out = new LinkedHashMap<>();
        for (FrpClient m : members) {
            out.put(m.linkStatus().server(), m.proxyResults());
        }
        return out;
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        visitors.close();
        xtcp.close();
        members.forEach(FrpClient::close);
        loops.close();
        terminated.complete(null);
    }
}
