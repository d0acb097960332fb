package io.jfrp.client;

import io.jfrp.config.model.ClientConfig;
import io.jfrp.config.model.proxy.ProxyConfig;
import io.jfrp.config.model.proxy.ProxyMessages;
import io.jfrp.mux.YamuxRole;
import io.jfrp.mux.YamuxSession;
import io.jfrp.protocol.FrpPipelines;
import io.jfrp.protocol.FrpVersion;
import io.jfrp.protocol.msg.Login;
import io.jfrp.protocol.msg.LoginResp;
import io.jfrp.protocol.msg.Message;
import io.jfrp.protocol.msg.NewProxyResp;
import io.jfrp.protocol.msg.Ping;
import io.jfrp.protocol.msg.Pong;
import io.jfrp.protocol.msg.ReqWorkConn;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import io.netty.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.TimeUnit;

/**
 * One connection of the client to the server: the transport (TCP, TLS), with tcpMux the yamux
 * session over it, the control stream (Login, then encrypted: NewProxy, ReqWorkConn, Ping), and the
 * work connections it opens on request (streams with tcpMux, new connections without).
 *
 * <p>{@link #connect()} completes when the login has succeeded, or fails with the reason: the
 * connection could not be made, or the server refused the login ({@link LoginRefusedException}).
 */
final class ClientConnection {
    private static final Logger log = LoggerFactory.getLogger(ClientConnection.class);

    private final FrpClient client;
    private final String previousRunId;
    private Channel connection;
    private YamuxSession session;
    private Channel control;
    private volatile String runId;
    private Promise<Void> loggedIn;
    private ScheduledFuture<?> heartbeat;
    private long lastPongNanos;
    /** The first error on the control connection (event loop only). */
    private Throwable failure;

    ClientConnection(FrpClient client, String previousRunId) {
        this.client = client;
        this.previousRunId = previousRunId == null ? "" : previousRunId;
    }

    FrpClient client() {
        return client;
    }

    String runId() {
        return runId;
    }

    /** The underlying TCP connection (for close futures). */
    Channel channel() {
        return connection;
    }

    Future<Void> connect() {
        ClientConfig o = client.options();
        loggedIn = client.transport().group.next().newPromise();
        dialServer(null).addListener((ChannelFuture f) -> {
            if (!f.isSuccess()) {
                loggedIn.tryFailure(f.cause());
                return;
            }
            connection = f.channel();
            connection.closeFuture().addListener(c -> onClosed());
            transportReady(connection).addListener(t -> {
                if (!t.isSuccess()) {
                    loggedIn.tryFailure(t.cause());
                    connection.close();
                    return;
                }
                if (o.tcpMux()) {
                    session = new YamuxSession(YamuxRole.CLIENT, o.mux().withAcceptBacklog(0), null);
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
        });
        return loggedIn;
    }

    /**
     * A new TCP (+TLS) connection to the server; its pipeline holds the transport, then
     * {@code next} if not null. {@code next} is in place before the connection is active, so its
     * channelActive fires: the connection may run on another event loop and be active before a
     * listener on the returned future could add anything.
     */
    private ChannelFuture dialServer(ChannelHandler next) {
        ClientConfig o = client.options();
        return new Bootstrap()
                .group(client.transport().group)
                .channel(client.transport().socketChannel)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.SO_KEEPALIVE, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) o.dialServerTimeout().toMillis())
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        if (o.tls().enable()) {
                            if (!o.tls().disableCustomTLSFirstByte()) {
                                ch.pipeline().addLast("tls-first-byte", TlsFirstByte.INSTANCE);
                            }
                            ch.pipeline().addLast("tls", client.tls().newHandler(ch.alloc(), o.serverAddr(),
                                    o.serverPort()));
                        }
                        if (next != null) {
                            ch.pipeline().addLast(next);
                        }
                    }
                })
                .connect(o.serverAddr(), o.serverPort());
    }

    /** Completes when TLS (if any) has finished its handshake. */
    private static Future<?> transportReady(Channel ch) {
        SslHandler ssl = ch.pipeline().get(SslHandler.class);
        return ssl == null ? ch.newSucceededFuture() : ssl.handshakeFuture();
    }

    private void startControl(Channel ch) {
        control = ch;
        FrpPipelines.addMessageCodec(ch.pipeline());
        ch.pipeline().addLast("control", new ControlHandler());
        ClientConfig o = client.options();
        Login login = Login.builder()
                .version(FrpVersion.SPOKEN)
                .os(System.getProperty("os.name", "").toLowerCase().startsWith("linux") ? "linux"
                        : System.getProperty("os.name", "").toLowerCase())
                .arch(goArch())
                .user(o.user())
                .runId(previousRunId)
                .poolCount(o.poolCount())
                .build();
        ch.writeAndFlush(client.authenticator().sign(login));
    }

    private static String goArch() {
        String arch = System.getProperty("os.arch", "");
        return switch (arch) {
            case "amd64", "x86_64" -> "amd64";
            case "aarch64" -> "arm64";
            default -> arch;
        };
    }

    /** Opens a work connection for the server (ReqWorkConn). */
    private void openWorkConn() {
        ChannelInitializer<Channel> init = new ChannelInitializer<>() {
            @Override
            protected void initChannel(Channel ch) {
                FrpPipelines.addMessageCodec(ch.pipeline());
                ch.pipeline().addLast("work", new WorkConnHandler(ClientConnection.this));
            }
        };
        if (session != null) {
            session.openStream(init).addListener(f -> {
                if (!f.isSuccess()) {
                    log.warn("could not open a work stream: {}", f.cause().getMessage());
                }
            });
        } else {
            // The work handlers go in with the transport: added after the connect completed, they
            // could miss channelActive (when NewWorkConn is sent) and the server would wait in vain.
            dialServer(init).addListener((ChannelFuture f) -> {
                if (!f.isSuccess()) {
                    log.warn("could not open a work connection: {}", f.cause().getMessage());
                }
            });
        }
    }

    private void startHeartbeat(ChannelHandlerContext ctx) {
        ClientConfig o = client.options();
        long interval = o.heartbeatInterval().toMillis();
        if (session != null || interval <= 0) {
            return; // with tcpMux, yamux keepalive covers liveness (as stock frp)
        }
        lastPongNanos = System.nanoTime();
        heartbeat = ctx.executor().scheduleAtFixedRate(() -> {
            long silent = System.nanoTime() - lastPongNanos;
            if (o.heartbeatTimeout().toMillis() > 0 && silent > o.heartbeatTimeout().toNanos()) {
                log.warn("heartbeat timeout: no Pong for {} s, reconnecting", TimeUnit.NANOSECONDS.toSeconds(silent));
                connection.close();
                return;
            }
            ctx.writeAndFlush(client.authenticator().sign(Ping.EMPTY));
        }, interval, interval, TimeUnit.MILLISECONDS);
    }

    void close() {
        if (connection != null) {
            connection.close();
        }
    }

    private void onClosed() {
        if (heartbeat != null) {
            heartbeat.cancel(false);
        }
        if (!loggedIn.isDone()) {
            // SslHandler closes the channel before it fires the exception that says why (a TLS
            // alert such as certificate_required): look for the reason once that has run.
            try {
                connection.eventLoop().execute(() -> loggedIn.tryFailure(closeCause()));
            } catch (java.util.concurrent.RejectedExecutionException e) {
                loggedIn.tryFailure(closeCause());
            }
        }
        client.onDisconnected(this);
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
        return cause != null ? cause
                : new java.io.IOException("the server closed the connection before the login completed");
    }

    /** Reads the control stream. */
    private final class ControlHandler extends SimpleChannelInboundHandler<Message> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, Message msg) {
            if (msg instanceof LoginResp resp) {
                onLoginResp(ctx, resp);
            } else if (msg instanceof ReqWorkConn) {
                openWorkConn();
            } else if (msg instanceof NewProxyResp resp) {
                client.onProxyResult(resp);
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
            FrpPipelines.encryptControlStream(ctx.pipeline(), client.tokenKey());
            log.info("login to server success, get run id [{}]", runId);
            for (ProxyConfig p : client.options().proxies()) {
                ctx.write(ProxyMessages.toNewProxy(p, client.options().user()));
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
