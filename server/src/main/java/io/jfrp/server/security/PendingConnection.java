package io.jfrp.server.security;

import io.jfrp.mux.YamuxStreamChannel;
import io.jfrp.protocol.transport.LingeringClose;
import io.netty.channel.Channel;
import io.netty.handler.codec.quic.QuicChannel;
import io.netty.handler.codec.quic.QuicStreamChannel;
import io.netty.util.AttributeKey;
import io.netty.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetAddress;
import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One connection to bindPort (a TCP connection, a KCP session or a QUIC connection) from its accept
 * until its client has authenticated: it holds a place
 * among the unauthenticated connections (total and per address) and a deadline. {@link PreAuthGuard}
 * makes it and keeps it as an attribute of the connection; the control code finds it from the
 * connection or any of its yamux streams ({@link #of}) and calls {@link #authenticated()} once a Login
 * (or, without tcpMux or QUIC, a NewWorkConn) is accepted, which gives the place back, cancels the deadline
 * and runs what waited for it (the session's stream limit is raised).
 *
 * <h3>Closing</h3>
 * {@link #close} closes the connection for a {@link CloseReason}, counted once per connection (the
 * first reason wins). The place is given back when the connection closes, whoever closed it.
 *
 * <h3>Threading</h3>
 * {@link #authenticated()} and {@link #onAuthenticated} run on the connection's event loop; {@link #close}
 * and the getters from any thread (the total limit evicts from other loops).
 */
public final class PendingConnection {
    private static final Logger log = LoggerFactory.getLogger(PendingConnection.class);
    static final AttributeKey<PendingConnection> KEY = AttributeKey.valueOf("jfrp.pendingConnection");
    /** The outside peer a connection made inside jfrps stands for ({@link #standsFor}). */
    private static final AttributeKey<SocketAddress> STANDS_FOR = AttributeKey.valueOf("jfrp.standsFor");

    private final Channel connection;
    private final InetAddress address;
    private final ServerSecurity security;
    private final AtomicReference<CloseReason> closedFor = new AtomicReference<>();
    private final AtomicBoolean released = new AtomicBoolean();
    private volatile boolean authenticated;
    /** Counted against its address's limit (set once at admission, before the connection is shared). */
    boolean countedPerAddress;
    /** Event loop only. */
    private final List<Runnable> whenAuthenticated = new ArrayList<>(1);
    /** Event loop only. */
    private ScheduledFuture<?> loginDeadline;
    /** Streams a QUIC connection opened before its Login. Event loop only. */
    private int streamsBeforeLogin;

    PendingConnection(Channel connection, InetAddress address, ServerSecurity security) {
        this.connection = connection;
        this.address = address;
        this.security = security;
    }

    /**
     * The pending state of the connection {@code channel} belongs to ({@code channel} itself, or the
     * connection under a yamux stream); null for a connection that did not come through
     * {@link PreAuthGuard} (tests that build pipelines by hand), which counts as authenticated.
     */
    public static PendingConnection of(Channel channel) {
        Channel c = connectionOf(channel);
        return c.attr(KEY).get();
    }

    /**
     * The accepted connection under {@code channel}: its session's connection for a yamux stream, its
     * QUIC connection for a QUIC stream.
     */
    public static Channel connectionOf(Channel channel) {
        return channel instanceof YamuxStreamChannel || channel instanceof QuicStreamChannel ? channel.parent() : channel;
    }

    /**
     * The peer's IP address and port of the connection under {@code channel} (QUIC's UDP address for
     * QUIC; for a connection made inside jfrps, the peer it {@link #standsFor stands for}).
     */
    public static SocketAddress peerAddress(Channel channel) {
        Channel c = connectionOf(channel);
        SocketAddress outside = c.attr(STANDS_FOR).get();
        if (outside != null) {
            return outside;
        }
        return c instanceof QuicChannel quic ? quic.remoteSocketAddress() : c.remoteAddress();
    }

    /**
     * Makes {@code connection}, which jfrps made in-process for the outside peer at {@code peer} (an SSH
     * tunnel's link), that peer's: its {@link #peerAddress} is {@code peer}, so its logins count for
     * and against that address in the login back-off, not loopback's. Before the connection is read.
     */
    public static void standsFor(Channel connection, SocketAddress peer) {
        connection.attr(STANDS_FOR).set(peer);
    }

    /** Whether the connection under {@code channel} has authenticated (true when it is not tracked). */
    public static boolean isAuthenticated(Channel channel) {
        PendingConnection p = of(channel);
        return p == null || p.authenticated;
    }

    /** The server's security that admitted it. */
    ServerSecurity security() {
        return security;
    }

    /** The accepted connection. */
    public Channel connection() {
        return connection;
    }

    /** The peer's address. */
    public InetAddress address() {
        return address;
    }

    public boolean isAuthenticated() {
        return authenticated;
    }

    /** Starts the login deadline (from {@link PreAuthGuard}, on the connection's loop). */
    void startDeadline(long millis) {
        loginDeadline = connection.eventLoop().schedule(() -> {
            if (!authenticated) {
                security.preAuthLog().info(log, "closing {}: not logged in within {} ms (jfrp.security.loginTimeout)", connection.remoteAddress(),
                        millis);
                close(CloseReason.LOGIN_TIMEOUT);
            }
        }, millis, TimeUnit.MILLISECONDS);
        connection.closeFuture().addListener(f -> {
            loginDeadline.cancel(false);
            release();
        });
    }

    /**
     * The client has authenticated (a Login, or a NewWorkConn without tcpMux, was accepted): the
     * connection leaves the unauthenticated ones and its deadline. Event loop only; idempotent.
     */
    public void authenticated() {
        assert connection.eventLoop().inEventLoop();
        if (authenticated) {
            return;
        }
        authenticated = true;
        if (loginDeadline != null) {
            loginDeadline.cancel(false);
        }
        release();
        for (Runnable r : whenAuthenticated) {
            r.run();
        }
        whenAuthenticated.clear();
    }

    /** One more stream opened before the Login (QUIC); returns how many so far. Event loop only. */
    public int streamOpenedBeforeLogin() {
        assert connection.eventLoop().inEventLoop();
        return ++streamsBeforeLogin;
    }

    /**
     * The connection was taken by a public proxy sharing its port (https on bindPort): it is no frp
     * client, so it leaves the unauthenticated connections and its login deadline as an authenticated
     * one does. Event loop only.
     */
    public void takenByPublicProxy() {
        authenticated();
    }

    /** Runs {@code action} once the connection has authenticated (at once if it has). Event loop only. */
    public void onAuthenticated(Runnable action) {
        assert connection.eventLoop().inEventLoop();
        if (authenticated) {
            action.run();
        } else {
            whenAuthenticated.add(action);
        }
    }

    /**
     * Closes the connection for {@code reason}, counted unless it was closed for a reason already; at
     * once, also when it lingers after a refusal's answer ({@link LingeringClose#closeNow}): a deadline
     * or an eviction does not wait. Any thread.
     */
    public void close(CloseReason reason) {
        closingFor(reason);
        LingeringClose.closeNow(connection);
    }

    /**
     * Notes (and counts) that the connection is being closed for {@code reason}, when it closes after
     * an answer is written; false when a reason was noted already. Any thread.
     */
    public boolean closingFor(CloseReason reason) {
        if (closedFor.compareAndSet(null, reason)) {
            security.count(reason);
            return true;
        }
        return false;
    }

    /** The reason it was closed for, or null. */
    public CloseReason closedFor() {
        return closedFor.get();
    }

    private void release() {
        if (released.compareAndSet(false, true)) {
            security.released(this);
        }
    }
}
