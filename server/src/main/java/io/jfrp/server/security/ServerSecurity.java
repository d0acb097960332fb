package io.jfrp.server.security;

import io.jfrp.mux.LogBudget;
import io.jfrp.config.model.SecurityConfig;
import io.jfrp.config.model.ServerConfig;
import io.jfrp.protocol.msg.Login;
import io.jfrp.server.monitor.JfrpMeters;
import io.jfrp.server.monitor.JfrpMeters.PreAuthCloseReason;
import io.netty.channel.Channel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;

/**
 * jfrps' defences against hostile peers, one instance per server, shared by the listener
 * ({@link PreAuthGuard}), the control code (Login, work connections, proxies) and the public ports:
 * <ul>
 *   <li>admission of new connections: addresses refused after failed logins ({@link LoginFailures}),
 *   limits on unauthenticated connections in total and per address ({@link UnauthenticatedConnections}),
 *   each tracked as a {@link PendingConnection} until it authenticates;</li>
 *   <li>the Login: field bounds ({@link MessageBounds}), whose credential it is ({@link Credentials}:
 *   the shared token or a user of jfrp.users), replay ({@link LoginReplays});</li>
 *   <li>what a client may publish ({@link ProxyRights}, {@link UserPorts});</li>
 *   <li>the counters of what was refused ({@link SecurityMetrics}); the closes only this package
 *   sees (deadlines, admission) also go to the operations meters ({@link JfrpMeters}), the others
 *   are metered where they happen.</li>
 * </ul>
 * Thread-safe.
 */
public final class ServerSecurity {
    private static final Logger log = LoggerFactory.getLogger(ServerSecurity.class);

    private final SecurityConfig settings;
    private final Clock clock;
    private final LoginFailures failures;
    private final UnauthenticatedConnections unauthenticated;
    private final LoginReplays replays;
    private final Credentials credentials;
    private final ProxyRights proxyRights;
    private final UserPorts userPorts = new UserPorts();
    /** Logged-in clients by the address they logged in from. */
    private final AddressCounts loggedIn = new AddressCounts(0);
    private final SecurityCounters counters;
    private final JfrpMeters meters;
    /** The lines peers cause before they authenticate ({@link PreAuthLog}). */
    private final LogBudget preAuthLog = new LogBudget();

    /** With no operations meters (tests). */
    public ServerSecurity(ServerConfig config) {
        this(config, JfrpMeters.NOOP);
    }

    /** @param meters the operations meters, told of the closes before authentication this package makes */
    public ServerSecurity(ServerConfig config, JfrpMeters meters) {
        this(config, Clock.systemUTC(), System::nanoTime, OpenFileLimit.soft(), meters);
    }

    /**
     * @param clock         the wall clock of Login timestamps
     * @param nanoTime      the monotonic time of back-offs
     * @param openFileLimit the process's soft open-file limit (-1 unknown), which sizes the automatic
     *                      limit on unauthenticated connections
     */
    ServerSecurity(ServerConfig config, Clock clock, LongSupplier nanoTime, long openFileLimit, JfrpMeters meters) {
        this.meters = meters;
        this.settings = config.security();
        this.clock = clock;
        this.failures = new LoginFailures(settings.loginBackoff(), nanoTime, preAuthLog);
        this.unauthenticated = new UnauthenticatedConnections(settings.preAuth().effectiveMaxConnections(openFileLimit),
                settings.preAuth().maxPerAddress());
        this.replays = new LoginReplays(config.loginMaxSkew(), settings.loginReplayGrace());
        this.credentials = new Credentials(config, clock);
        this.proxyRights = new ProxyRights(credentials, config.vhost().subDomainHost(), settings.maxProxiesPerClient());
        this.counters = new SecurityCounters(unauthenticated::size, failures::refusedNow);
        log.debug("at most {} unauthenticated connections ({} per address); open-file limit {}", unauthenticated.max(),
                settings.preAuth().maxPerAddress(), openFileLimit);
    }

    /** The budget of the lines peers cause before they authenticate ({@link PreAuthLog}). */
    public LogBudget preAuthLog() {
        return preAuthLog;
    }

    public SecurityConfig settings() {
        return settings;
    }

    public SecurityMetrics metrics() {
        return counters;
    }

    public Credentials credentials() {
        return credentials;
    }

    public ProxyRights proxyRights() {
        return proxyRights;
    }

    public UserPorts userPorts() {
        return userPorts;
    }

    /** The limit on unauthenticated connections in force. */
    public int maxUnauthenticated() {
        return unauthenticated.max();
    }

    /**
     * Admits a new connection and starts its login deadline, or closes it (counted) when its address
     * is refused or at its limit. Returns its pending state, or null when it was refused.
     */
    public PendingConnection admit(Channel connection) {
        InetAddress address = addressOf(PendingConnection.peerAddress(connection));
        PendingConnection pending = new PendingConnection(connection, address, this);
        if (failures.isRefused(address)) {
            pending.close(CloseReason.ADDRESS_BACKED_OFF);
            return null;
        }
        if (!unauthenticated.admit(pending, loggedIn.count(address) > 0)) {
            log.debug("refusing {}: {} connections not logged in from it already", connection.remoteAddress(),
                    settings.preAuth().maxPerAddress());
            pending.close(CloseReason.UNAUTHENTICATED_PER_ADDRESS);
            return null;
        }
        connection.attr(PendingConnection.KEY).set(pending);
        pending.startDeadline(settings.preAuth().loginTimeout().toMillis());
        return pending;
    }

    /** A pending connection authenticated or closed. */
    void released(PendingConnection pending) {
        unauthenticated.release(pending);
    }

    /** A connection closed for {@code reason} (once per connection). */
    void count(CloseReason reason) {
        counters.count(reason);
        PreAuthCloseReason metered = switch (reason) {
            case FIRST_BYTE_TIMEOUT, LOGIN_TIMEOUT -> PreAuthCloseReason.TIMEOUT;
            case UNAUTHENTICATED_EVICTED, UNAUTHENTICATED_PER_ADDRESS, ADDRESS_BACKED_OFF -> PreAuthCloseReason.LIMIT;
            default -> null; // metered where it happens (the transports, the first message)
        };
        if (metered != null) {
            meters.closedBeforeAuth(metered);
        }
    }

    /** Counts {@code n} refusals of {@code reason} that closed no connection (streams, requests). */
    public void count(CloseReason reason, long n) {
        if (n > 0) {
            counters.count(reason, n);
        }
    }

    /**
     * Checks a Login received on {@code channel}: its fields, its credential, and that it was not seen
     * before. Returns who it is.
     *
     * @throws Refusal saying why not; the caller answers, then calls {@link #refused}
     */
    public AuthenticatedClient checkLogin(Login login, Channel channel) throws Refusal {
        String bad = MessageBounds.check(login);
        if (bad != null) {
            throw new Refusal("login: " + bad, bad, CloseReason.LOGIN_REFUSED);
        }
        AuthenticatedClient who = credentials.identify(login, channel);
        if (!replays.firstTime(login.user(), login.privilegeKey(), login.timestamp(), !Credentials.underTls(channel),
                clock.millis(), who.tableUser() != null)) {
            throw new Refusal("login: a Login with timestamp " + login.timestamp() + " and the same key was accepted"
                    + " before: a replay", "login replayed", CloseReason.LOGIN_REPLAYED);
        }
        return who;
    }

    /**
     * A Login or work connection on {@code channel} was refused: counted (once per unauthenticated
     * connection), and held against its address, which may then be refused for a while. Closing is
     * the caller's, once its answer is written.
     */
    public void refused(Channel channel, Refusal refusal) {
        PendingConnection pending = PendingConnection.of(channel);
        if (pending != null && !pending.isAuthenticated()) {
            pending.closingFor(refusal.counted());
        } else {
            counters.count(refusal.counted());
        }
        failures.failed(addressOf(PendingConnection.peerAddress(channel)));
    }

    /** Whether {@code address} is refused now for its failed logins (the SSH gateway's sessions). */
    public boolean backedOff(InetAddress address) {
        return failures.isRefused(address);
    }

    /** A login from {@code address} failed elsewhere than on a channel (an SSH gateway session's keys). */
    public void failed(InetAddress address) {
        failures.failed(address);
    }

    /** A login from {@code address} succeeded elsewhere than on a channel: its failures are forgotten. */
    public void succeeded(InetAddress address) {
        failures.succeeded(address);
    }

    /** A client on {@code channel} logged in: its address's failures are forgotten. */
    public void succeeded(Channel channel) {
        failures.succeeded(addressOf(PendingConnection.peerAddress(channel)));
    }

    /**
     * A client logged in on {@code channel} as {@code client} under {@code runId}, until the returned
     * registration is closed: its address is exempt from the per-address limit of unauthenticated
     * connections (its work connections), and its ports as a table user are known to the port policy.
     */
    public LoggedIn loggedIn(String runId, AuthenticatedClient client, Channel channel) {
        InetAddress address = addressOf(PendingConnection.peerAddress(channel));
        loggedIn.tryAcquire(address);
        UserPorts.Registration ports = userPorts.register(runId, client);
        AtomicBoolean closed = new AtomicBoolean();
        return () -> {
            if (closed.compareAndSet(false, true)) {
                ports.close();
                loggedIn.release(address);
            }
        };
    }

    /** A logged-in client's registration ({@link #loggedIn}); closing it twice does nothing. */
    @FunctionalInterface
    public interface LoggedIn extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * The first handler of the connections of one shared public listener: its own per-address limit
     * (jfrp.security.maxPublicConnectionsPerAddress). One per listener.
     */
    public PublicConnectionLimit newPublicConnectionLimit() {
        return new PublicConnectionLimit(new AddressCounts(settings.publicSide().maxConnectionsPerAddress()), counters);
    }

    static InetAddress addressOf(SocketAddress a) {
        if (a instanceof InetSocketAddress i && i.getAddress() != null) {
            return i.getAddress();
        }
        return InetAddress.getLoopbackAddress(); // local channels in tests
    }
}
