package io.jfrp.client.control;

import io.jfrp.config.model.ClientConfig;
import io.jfrp.config.model.proxy.ProxyConfig;
import io.jfrp.config.model.proxy.ProxyMessages;
import io.jfrp.client.LoginRefusedException;
import io.jfrp.client.visitor.ServerLink;
import io.jfrp.mux.YamuxRole;
import io.jfrp.mux.YamuxSession;
import io.jfrp.protocol.FrpPipelines;
import io.jfrp.protocol.FrpVersion;
import io.jfrp.protocol.msg.Login;
import io.jfrp.protocol.msg.LoginResp;
import io.jfrp.protocol.msg.Message;
import io.jfrp.protocol.msg.NatHoleResp;
import io.jfrp.protocol.msg.NewProxyResp;
import io.jfrp.protocol.msg.Ping;
import io.jfrp.protocol.msg.Pong;
import io.jfrp.protocol.msg.ReqWorkConn;
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
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * One connection of the client to the server: the connection its {@code ServerTransport} gives, with
 * tcpMux the yamux session over it, the control stream (Login, then encrypted: NewProxy, ReqWorkConn,
 * Ping), and the work connections it opens on request (streams with tcpMux, new connections from the
 * transport without).
 *
 * <p>{@link #connect()} completes when the login has succeeded, or fails with the reason: the
 * connection could not be made, or the server refused the login ({@link LoginRefusedException}).
 *
 * <h3>Threading</h3>
 * The control stream's events run on its event loop; {@link #runId()} may be read from anywhere.
 */
public final class ClientConnection implements ServerLink {
    private static final Logger log = LoggerFactory.getLogger(ClientConnection.class);

    private final ClientContext context;
    private final String previousRunId;
    private final Promise<Void> loggedIn;
    /** Written once on connect, before the login completes; read by visitors' threads after it. */
    private volatile Channel connection;
    private volatile YamuxSession session;
    private volatile String runId;
    private ScheduledFuture<?> heartbeat;
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
        ClientConfig config = context.config();
        context.transport().connect(null).addListener(f -> {
            if (!f.isSuccess()) {
                loggedIn.tryFailure(f.cause());
                return;
            }
            connection = (Channel) f.getNow();
            connection.closeFuture().addListener(c -> onClosed());
            if (config.tcpMux()) {
                session = new YamuxSession(YamuxRole.CLIENT, config.mux().withAcceptBacklog(0), null);
                connection.pipeline().addLast("yamux", session);
                session.openStream(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel stream) {
                        startControl(stream);
                    }
                }).addListener(s -> {
                    if (!s.isSuccess()) {
                        loggedIn.tryFailure(s.cause());
                    }
                });
            } else {
                startControl(connection);
            }
        });
        return loggedIn;
    }

    private void startControl(Channel ch) {
        control = ch;
        FrpPipelines.addMessageCodec(ch.pipeline());
        ch.pipeline().addLast("control", new ControlHandler());
        ch.writeAndFlush(context.authenticator().sign(login(context.config(), previousRunId)));
    }

    /** The Login jfrpc sends: frp's version, Go's names for the OS and the architecture. */
    static Login login(ClientConfig config, String previousRunId) {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        return Login.builder()
                .version(FrpVersion.SPOKEN)
                .os(os.startsWith("linux") ? "linux" : os)
                .arch(goArch(System.getProperty("os.arch", "")))
                .user(config.user())
                .runId(previousRunId)
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

    /** Opens a work connection for the server (ReqWorkConn). */
    private void openWorkConn() {
        openConnection(new WorkConnHandler(context, runId)).addListener(f -> {
            if (!f.isSuccess()) {
                log.warn("could not open a work connection: {}", f.cause().getMessage());
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
        ChannelInitializer<Channel> init = new ChannelInitializer<>() {
            @Override
            protected void initChannel(Channel ch) {
                FrpPipelines.addMessageCodec(ch.pipeline());
                ch.pipeline().addLast("work", handler);
            }
        };
        YamuxSession mux = session;
        if (mux != null) {
            Promise<Channel> opened = connection.eventLoop().newPromise();
            mux.openStream(init).addListener(f -> {
                if (f.isSuccess()) {
                    opened.trySuccess((Channel) f.getNow());
                } else {
                    opened.tryFailure(f.cause());
                }
            });
            return opened;
        }
        // The handlers go in with the transport: added after the connect completed, they could miss
        // channelActive (when NewWorkConn is sent) and the server would wait in vain.
        return context.transport().connect(init);
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
        if (session != null || interval <= 0) {
            return; // with tcpMux, yamux keepalive covers liveness (as stock frp)
        }
        lastPongNanos = System.nanoTime();
        heartbeat = ctx.executor().scheduleAtFixedRate(() -> {
            long silent = System.nanoTime() - lastPongNanos;
            if (config.heartbeatTimeout().toMillis() > 0 && silent > config.heartbeatTimeout().toNanos()) {
                log.warn("heartbeat timeout: no Pong for {} s, reconnecting", TimeUnit.NANOSECONDS.toSeconds(silent));
                connection.close();
                return;
            }
            ctx.writeAndFlush(context.authenticator().sign(Ping.EMPTY));
        }, interval, interval, TimeUnit.MILLISECONDS);
    }

    /** Closes the connection (and so the session, the control and the work streams). */
    public void close() {
        if (connection != null) {
            connection.close();
        }
    }

    private void onClosed() {
        if (heartbeat != null) {
            heartbeat.cancel(false);
        }
        natHoleWaiters.failAll(new IOException("the connection to the server ended"));
        if (!loggedIn.isDone()) {
            // SslHandler closes the channel before it fires the exception that says why (a TLS
            // alert such as certificate_required): look for the reason once that has run.
            try {
                connection.eventLoop().execute(() -> loggedIn.tryFailure(closeCause()));
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
        if (cause == null && session != null) {
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
                    connection.close();
                } else {
                    lastPongNanos = System.nanoTime();
                }
            } else {
                log.debug("control: ignoring {}", msg.type());
            }
        }

        private void onLoginResp(ChannelHandlerContext ctx, LoginResp resp) {
            if (!resp.error().isEmpty()) {
                log.error("login to server failed: {}", resp.error());
                loggedIn.tryFailure(new LoginRefusedException(resp.error()));
                connection.close();
                return;
            }
            runId = resp.runId();
            FrpPipelines.encryptControlStream(ctx.pipeline(), context.tokenKey());
            log.info("login to server success, get run id [{}]", runId);
            for (ProxyConfig p : context.config().proxies()) {
                ctx.write(ProxyMessages.toNewProxy(p, context.config().user()));
            }
            ctx.flush();
            startHeartbeat(ctx);
            loggedIn.trySuccess(null);
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            // The control stream ended: the connection is of no use any more.
            connection.close();
            ctx.fireChannelInactive();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            log.warn("control connection failed: {}", cause.toString());
            if (failure == null) {
                failure = cause;
            }
            connection.close();
        }
    }
}
