package io.jfrp.server.control;

import io.jfrp.protocol.FrpVersion;
import io.jfrp.protocol.auth.AuthenticationException;
import io.jfrp.protocol.msg.Login;
import io.jfrp.protocol.msg.LoginResp;
import io.jfrp.protocol.msg.Message;
import io.jfrp.protocol.msg.NewVisitorConn;
import io.jfrp.protocol.msg.NewWorkConn;
import io.jfrp.protocol.msg.StartWorkConn;
import io.jfrp.protocol.relay.ReadGate;
import io.jfrp.server.monitor.ClientSession;
import io.jfrp.server.monitor.JfrpMeters.PreAuthCloseReason;
import io.jfrp.protocol.wire.WirePipelines;
import io.jfrp.protocol.wire.WireRole;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;

/**
 * Reads the first frp message of a connection (or of a yamux stream) and hands it over: a Login
 * becomes a {@link ServerControl}, a NewWorkConn joins its client's work-connection pool, each once
 * the server plugins ({@link ControlHooks}) have let it through (possibly changed), a NewVisitorConn
 * goes to the stcp/sudp proxy it names ({@link VisitorConnAcceptor}). Anything else, anything more
 * before a plugin's answer, or nothing within {@link #FIRST_MESSAGE_TIMEOUT_SECONDS}, closes the
 * connection.
 */
public final class FirstMessageHandler extends SimpleChannelInboundHandler<Message> {
    private static final Logger log = LoggerFactory.getLogger(FirstMessageHandler.class);
    static final int FIRST_MESSAGE_TIMEOUT_SECONDS = 10;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final ControlContext server;
    private final long timeoutMillis;
    private ScheduledFuture<?> timeout;
    /** A server plugin is being asked about the first message: nothing else may come meanwhile. */
    private boolean asking;

    public FirstMessageHandler(ControlContext server) {
        this(server, TimeUnit.SECONDS.toMillis(FIRST_MESSAGE_TIMEOUT_SECONDS));
    }

    /** With another deadline for the first message (tests). */
    FirstMessageHandler(ControlContext server, long timeoutMillis) {
        this.server = server;
        this.timeoutMillis = timeoutMillis;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        timeout = ctx.executor().schedule(() -> {
            log.info("closing {}: no frp message within {} ms", ctx.channel().remoteAddress(), timeoutMillis);
            server.monitoring().meters().closedBeforeAuth(PreAuthCloseReason.TIMEOUT);
            ctx.close();
        }, timeoutMillis, TimeUnit.MILLISECONDS);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        if (timeout != null) {
            timeout.cancel(false);
        }
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, Message msg) {
        if (asking) {
            log.info("closing {}: {} before the answer to its first message", ctx.channel().remoteAddress(), msg.type());
            server.monitoring().meters().closedBeforeAuth(PreAuthCloseReason.PROTOCOL_ERROR);
            ctx.close();
            return;
        }
        if (msg instanceof Login login) {
            login(ctx, login);
        } else if (msg instanceof NewWorkConn workConn) {
            workConn(ctx, workConn);
        } else if (msg instanceof NewVisitorConn visitor) {
            new VisitorConnAcceptor(server).accept(ctx, visitor);
        } else {
            log.info("closing {}: first message is {}, expected Login, NewWorkConn or NewVisitorConn",
                    ctx.channel().remoteAddress(), msg.type());
            server.monitoring().meters().closedBeforeAuth(PreAuthCloseReason.PROTOCOL_ERROR);
            ctx.close();
        }
    }

    /**
     * Asks the server plugins ({@link ControlHooks}) about the first message, then goes on with what
     * they answer on the connection's loop: at once when there are none.
     */
    private <T> void ask(ChannelHandlerContext ctx, java.util.concurrent.CompletionStage<T> call,
                         java.util.function.Consumer<T> ok, java.util.function.Consumer<String> refused) {
        asking = true;
        ReadGate.pause(ctx.channel(), ReadGate.Reason.HANDLER);
        java.util.concurrent.CompletableFuture<T> future = call.toCompletableFuture();
        Runnable then = () -> {
            asking = false;
            if (!ctx.channel().isActive()) {
                return;
            }
            ReadGate.resume(ctx.channel(), ReadGate.Reason.HANDLER);
            T value;
            try {
                value = future.join();
            } catch (java.util.concurrent.CompletionException | java.util.concurrent.CancellationException e) {
                refused.accept(HookCalls.reason(e));
                return;
            }
            ok.accept(value);
        };
        if (future.isDone()) {
            then.run();
        } else {
            future.whenComplete((v, e) -> ctx.executor().execute(then));
        }
    }

    private void login(ChannelHandlerContext ctx, Login original) {
        ask(ctx, server.hooks().login(original, ctx.channel().remoteAddress()), login -> loginChecked(ctx, login),
                error -> {
                    log.warn("login from {} refused by a server plugin: {}", ctx.channel().remoteAddress(), error);
                    server.monitoring().meters().closedBeforeAuth(PreAuthCloseReason.REJECTED);
                    ctx.writeAndFlush(LoginResp.failure(FrpVersion.SPOKEN, error)).addListener(ChannelFutureListener.CLOSE);
                });
    }

    private void loginChecked(ChannelHandlerContext ctx, Login login) {
        try {
            server.authenticator().verifyLogin(login);
        } catch (AuthenticationException e) {
            log.warn("login from {} refused: {}", ctx.channel().remoteAddress(), e.getMessage());
            server.monitoring().meters().closedBeforeAuth(PreAuthCloseReason.AUTH_FAILED);
            ctx.writeAndFlush(LoginResp.failure(FrpVersion.SPOKEN, e.responseError(ControlContext.DETAILED_ERRORS_TO_CLIENT)))
                    .addListener(ChannelFutureListener.CLOSE);
            return;
        }
        String runId = login.runId().isEmpty() ? newRunId() : login.runId();
        ClientSession session = server.monitoring().register(login, runId, ctx.channel());
        if (session == null) {
            String error = ControlMonitoring.conflictError(login);
            log.warn("login from {} refused: {}", ctx.channel().remoteAddress(), error);
            ctx.writeAndFlush(LoginResp.failure(FrpVersion.SPOKEN, error)).addListener(ChannelFutureListener.CLOSE);
            return;
        }
        ServerControl control = new ServerControl(server, ctx.channel(), login, session);
        ctx.writeAndFlush(LoginResp.success(FrpVersion.SPOKEN, runId));
        server.monitoring().loggedIn(session);
        // From here on the control stream is encrypted both ways (v1: AES-128-CFB; v2: the negotiated AEAD).
        WirePipelines.encryptControlStream(ctx.pipeline(), WireRole.SERVER, server.tokenKey());
        ctx.pipeline().replace(this, "control", control.handler());
        server.controls().register(control);
        log.info("client {} logged in from {} (version {}, os {}/{}, user '{}', pool {})", runId,
                ctx.channel().remoteAddress(), login.version(), login.os(), login.arch(), login.user(),
                login.poolCount());
        control.start();
    }

    private void workConn(ChannelHandlerContext ctx, NewWorkConn original) {
        ServerControl known = server.controls().get(original.runId());
        if (known == null) {
            log.info("work connection for unknown run_id {} from {}: closed", original.runId(),
                    ctx.channel().remoteAddress());
            server.monitoring().meters().closedBeforeAuth(PreAuthCloseReason.REJECTED);
            ctx.close();
            return;
        }
        ask(ctx, server.hooks().newWorkConn(known.identity(), original), msg -> workConnChecked(ctx, msg), error -> {
            log.warn("work connection from {} refused by a server plugin: {}", ctx.channel().remoteAddress(), error);
            server.monitoring().meters().closedBeforeAuth(PreAuthCloseReason.REJECTED);
            ctx.writeAndFlush(new StartWorkConn("", "", "", 0, 0, error)).addListener(ChannelFutureListener.CLOSE);
        });
    }

    private void workConnChecked(ChannelHandlerContext ctx, NewWorkConn msg) {
        try {
            server.authenticator().verifyNewWorkConn(msg);
        } catch (AuthenticationException e) {
            log.warn("work connection from {} refused: {}", ctx.channel().remoteAddress(), e.getMessage());
            server.monitoring().meters().closedBeforeAuth(PreAuthCloseReason.AUTH_FAILED);
            ctx.close();
            return;
        }
        ServerControl control = server.controls().get(msg.runId());
        if (control == null) {
            log.info("work connection for unknown run_id {} from {}: closed", msg.runId(),
                    ctx.channel().remoteAddress());
            server.monitoring().meters().closedBeforeAuth(PreAuthCloseReason.REJECTED);
            ctx.close();
            return;
        }
        ctx.pipeline().remove(this);
        control.offerWorkConn(ctx.channel());
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.info("closing {}: {}", ctx.channel().remoteAddress(), cause.toString());
        server.monitoring().meters().closedBeforeAuth(PreAuthCloseReason.PROTOCOL_ERROR);
        ctx.close();
    }

    /** frp's run ids: 8 random bytes in hex. */
    static String newRunId() {
        byte[] b = new byte[8];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
