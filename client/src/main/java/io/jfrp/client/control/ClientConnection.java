package io.jfrp.client.control;

import io.jfrp.config.model.ClientConfig;
import io.jfrp.client.LoginRefusedException;
import io.jfrp.client.transport.ServerSession;
import io.jfrp.client.visitor.ServerLink;
import io.jfrp.mux.LogBudget;
import io.jfrp.protocol.FrpVersion;
import io.jfrp.protocol.msg.Login;
import io.jfrp.protocol.msg.LoginResp;
import io.jfrp.protocol.msg.Message;
import io.jfrp.protocol.msg.NatHoleResp;
import io.jfrp.protocol.msg.MessageType;
import io.jfrp.protocol.msg.NewProxyResp;
import io.jfrp.protocol.msg.Ping;
import io.jfrp.protocol.msg.Pong;
import io.jfrp.protocol.msg.ReqWorkConn;
import io.jfrp.protocol.wire.ClientWireSettings;
import io.jfrp.protocol.wire.WireHandshakeException;
import io.jfrp.protocol.wire.WirePipelines;
import io.jfrp.protocol.wire.WireRole;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import io.netty.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * One connection of the client to the server: the session its {@code ServerTransport} opens (yamux over
 * one connection, a QUIC connection, or a new connection each time without tcpMux), the control
 * connection on it (Login, then encrypted: NewProxy, ReqWorkConn, Ping), and the work connections it
 * opens on request. transport.wireProtocol decides the framing and the control stream's cipher.
 *
 * <p>{@link #connect()} completes when the login has succeeded, or fails with the reason: the
 * connection could not be made, the wire v2 hellos failed ({@link WireHandshakeException}), no
 * LoginResp came within {@link #LOGIN_TIMEOUT_SECONDS} (stock frpc's deadline), or the server refused
 * the login ({@link LoginRefusedException}).
 *
 * <h3>Threading</h3>
 * The control stream's events run on its event loop; {@link #runId()} may be read from anywhere.
 */
public final class ClientConnection implements ServerLink {
    private static final Logger log = LoggerFactory.getLogger(ClientConnection.class);
    /** How long the server may take to answer Login (and, with wire v2, the ClientHello): stock frpc's 10 s. */
    static final int LOGIN_TIMEOUT_SECONDS = 10;

    private final ClientContext context;
    private final String previousRunId;
    /**
     * The budget of "could not open a work connection" lines: the server asks for one per public
     * connection (ReqWorkConn), so while they fail a public peer could write one line per connection.
     * One per session, as ReqWorkConn names no proxy.
     */
    private final LogBudget workConnFailures = new LogBudget();
    private final Promise<Void> loggedIn;
    private volatile ServerSession session;
    private volatile String runId;
    private ScheduledFuture<?> heartbeat;
    private ScheduledFuture<?> loginTimeout;
    private long lastPongNanos;
    /** The first error on the control connection (event loop only). */
    private Throwable failure;
    /** The control stream, once opened. */
    private volatile Channel control;
    /** xtcp requests waiting for their NatHoleResp. */
    private final NatHoleWaiters natHoleWaiters = new NatHoleWaiters();

    /** @param previousRunId the run id of the client's last login, to be replaced; null for none */
    public ClientConnection(ClientContext context, String previousRunId) {
        this.context = context;
        this.previousRunId = previousRunId == null ? "" : previousRunId;
        this.loggedIn = context.loops().group().next().newPromise();
    }

    /** The run id the server gave, or null before the login. */
    @Override
    public String runId() {
        return runId;
    }

    /** Connects and logs in; the future completes with the login, or fails with why it did not happen. */
    public Future<Void> connect() {
        context.transport().openSession().addListener(f -> {
            if (!f.isSuccess()) {
                loggedIn.tryFailure(f.cause());
                return;
            }
            session = (ServerSession) f.getNow();
            session.closeFuture().addListener(c -> onClosed());
            session.openConnection(new ChannelInitializer<Channel>() {
                @Override
                protected void initChannel(Channel control) {
                    startControl(control);
                }
            }).addListener(c -> {
                if (!c.isSuccess()) {
                    loggedIn.tryFailure(c.cause());
                    session.close();
                }
            });
        });
        return loggedIn;
    }

    private void startControl(Channel ch) {
        control = ch;
        ClientConfig config = context.config();
        WirePipelines.addClientControlCodec(ch.pipeline(), config.transport().wireProtocol(),
                ClientWireSettings.forToken(config.auth().token(), config.transport().protocol().frpName(),
                        config.transport().protocol().tlsOn(config.tls().enable()), config.tcpMux()));
        ch.pipeline().addLast("control", new ControlHandler());
        Login login = login(context.config(), previousRunId);
        Signing.send(ch, context.authenticator(), () -> context.authenticator().sign(login), e -> {
            loggedIn.tryFailure(e); // e.g. no OIDC token: a failed login
            ch.close();
        });
        loginTimeout = ch.eventLoop().schedule(() -> {
            if (loggedIn.tryFailure(new IOException("no answer to Login within " + LOGIN_TIMEOUT_SECONDS + " s"))) {
                session.close();
            }
        }, LOGIN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    /** The Login jfrpc sends: frp's version, the host name, Go's names for the OS and the architecture. */
    static Login login(ClientConfig config, String previousRunId) {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        return Login.builder()
                .version(FrpVersion.SPOKEN)
                .hostname(LocalHostname.get())
                .os(os.startsWith("linux") ? "linux" : os)
                .arch(goArch(System.getProperty("os.arch", "")))
                .user(config.user())
                .runId(previousRunId)
                .clientId(config.clientId())
                .metas(config.metadatas())
                .poolCount(config.poolCount())
                .build();
    }

    static String goArch(String javaArch) {
        return switch (javaArch) {
            case "amd64", "x86_64" -> "amd64";
            case "aarch64" -> "arm64";
            default -> javaArch;
        };
    }

    /** Opens a work connection for the server (ReqWorkConn): a stream, or a new connection without tcpMux. */
    private void openWorkConn() {
        openConnection(new WorkConnHandler(context, runId), Set.of(MessageType.START_WORK_CONN)).addListener(f -> {
            if (!f.isSuccess()) {
                workConnFailures.warn(log, "could not open a work connection: {}", f.cause().getMessage());
            }
        });
    }

    /**
     * A new connection to the server for this session, framed as work connections are, with
     * {@code handler} after the framing: a yamux stream with tcpMux, else a new connection of the
     * transport. Work connections and visitor connections are opened here.
     */
    @Override
    public Future<Channel> openConnection(ChannelHandler handler) {
        return openConnection(handler, Set.of(MessageType.NEW_VISITOR_CONN_RESP)); // visitors' connections
    }

    /** As {@link #openConnection(ChannelHandler)}; {@code firstMessage}: what the server may send first (v2). */
    private Future<Channel> openConnection(ChannelHandler handler, Set<MessageType> firstMessage) {
        ChannelInitializer<Channel> init = new ChannelInitializer<>() {
            @Override
            protected void initChannel(Channel ch) {
                WirePipelines.addClientConnectionCodec(ch.pipeline(), context.config().transport().wireProtocol(),
                        firstMessage);
                ch.pipeline().addLast("work", handler);
            }
        };
        @SuppressWarnings("unchecked") // a Future of a Channel subtype is one of Channel: it is only read
        Future<Channel> opened = (Future<Channel>) session.openConnection(init);
        return opened;
    }

    @Override
    public Future<NatHoleResp> exchangeNatHole(Message request, String transactionId) {
        Channel ch = control;
        if (ch == null || runId == null || !ch.isActive()) {
            return context.loops().group().next().newFailedFuture(new IOException("not connected to the server"));
        }
        Future<NatHoleResp> resp = natHoleWaiters.await(ch.eventLoop(), transactionId);
        if (!resp.isDone()) {
            ch.writeAndFlush(request);
        }
        return resp;
    }

    @Override
    public void sendControl(Message message) {
        Channel ch = control;
        if (ch != null) {
            ch.writeAndFlush(message);
        }
    }

    private void startHeartbeat(ChannelHandlerContext ctx) {
        ClientConfig config = context.config();
        long interval = config.heartbeatInterval().toMillis();
        if (interval <= 0) {
            return; // off by default with tcpMux (yamux or QUIC keepalive covers liveness); frpc pings when set
        }
        lastPongNanos = System.nanoTime();
        // The first Ping right after the login, as frpc's heartbeat worker (wait.BackoffUntil calls its
        // function before it first waits), then one every interval.
        sendPing(ctx);
        heartbeat = ctx.executor().scheduleAtFixedRate(() -> {
            long silent = System.nanoTime() - lastPongNanos;
            if (config.heartbeatTimeout().toMillis() > 0 && silent > config.heartbeatTimeout().toNanos()) {
                log.warn("heartbeat timeout: no Pong for {} s, reconnecting", TimeUnit.NANOSECONDS.toSeconds(silent));
                session.close();
                return;
            }
            sendPing(ctx);
        }, interval, interval, TimeUnit.MILLISECONDS);
    }

    private void sendPing(ChannelHandlerContext ctx) {
        log.debug("send heartbeat to server");
        Signing.send(ctx.channel(), context.authenticator(), () -> context.authenticator().sign(Ping.EMPTY),
                e -> log.warn("error during ping authentication: {}, skip sending ping message", e.getMessage()));
    }

    /** Closes the session (the control and the work connections with it, with tcpMux or QUIC). */
    public void close() {
        ServerSession s = session;
        if (s != null) {
            s.close();
        }
    }

    private void onClosed() {
        if (heartbeat != null) {
            heartbeat.cancel(false);
        }
        natHoleWaiters.failAll(new IOException("the connection to the server ended"));
        if (loginTimeout != null) {
            loginTimeout.cancel(false);
        }
        if (!loggedIn.isDone()) {
            // SslHandler closes the channel before it fires the exception that says why (a TLS
            // alert such as certificate_required): look for the reason once that has run.
            try {
                context.loops().group().next().execute(() -> loggedIn.tryFailure(closeCause()));
            } catch (RejectedExecutionException e) {
                loggedIn.tryFailure(closeCause());
            }
        }
        context.events().onDisconnected(this);
    }

    /**
     * Why the connection ended before the login completed, for start()'s failure and the log: the
     * first error seen on the control connection or the yamux session (e.g. the server's TLS alert
     * certificate_required), else the bare fact that the server closed it.
     */
    private Throwable closeCause() {
        Throwable cause = failure;
        if (cause == null) {
            cause = session.terminationCause();
        }
        return cause != null ? cause : new IOException("the server closed the connection before the login completed");
    }

    /** Reads the control stream. */
    private final class ControlHandler extends SimpleChannelInboundHandler<Message> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, Message msg) {
            if (msg instanceof LoginResp resp) {
                onLoginResp(ctx, resp);
            } else if (msg instanceof ReqWorkConn) {
                openWorkConn();
            } else if (msg instanceof NatHoleResp resp) {
                natHoleWaiters.complete(resp);
            } else if (msg instanceof NewProxyResp resp) {
                context.events().onProxyResult(resp);
            } else if (msg instanceof Pong pong) {
                if (!pong.error().isEmpty()) {
                    log.warn("heartbeat refused by the server: {}", pong.error());
                    session.close();
                } else {
                    lastPongNanos = System.nanoTime();
                }
            } else {
                log.debug("control: ignoring {}", msg.type());
            }
        }

        private void onLoginResp(ChannelHandlerContext ctx, LoginResp resp) {
            if (loginTimeout != null) {
                loginTimeout.cancel(false);
            }
            if (!resp.error().isEmpty()) {
                log.error("login to server failed: {}", resp.error());
                loggedIn.tryFailure(new LoginRefusedException(resp.error()));
                session.close();
                return;
            }
            if (loggedIn.isDone()) {
                return; // timed out meanwhile: the session is closing
            }
            runId = resp.runId();
            WirePipelines.encryptControlStream(ctx.pipeline(), WireRole.CLIENT, context.tokenKey());
            log.info("login to server success, get run id [{}]", runId);
            // The heartbeat before the proxies: frpc starts its heartbeat worker first, and its first
            // Ping usually reaches frps before the NewProxy messages (its goroutines race).
            startHeartbeat(ctx);
            context.events().onLoggedIn(context, ctx.channel());
            loggedIn.trySuccess(null);
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            // The control stream ended: the session is of no use any more.
            session.close();
            ctx.fireChannelInactive();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            if (cause instanceof WireHandshakeException refused) {
                // wire v2: the server refused our ClientHello, or chose what we did not offer: the login failed.
                log.error("login to server failed: wire protocol v2 negotiation: {}", refused.getMessage());
                cause = new LoginRefusedException("wire protocol v2 negotiation failed: " + refused.getMessage());
            } else {
                log.warn("control connection failed: {}", cause.toString());
            }
            if (failure == null) {
                failure = cause;
            }
            loggedIn.tryFailure(cause);
            session.close();
        }
    }
}
