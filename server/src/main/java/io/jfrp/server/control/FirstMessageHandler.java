package io.jfrp.server.control;

import io.jfrp.protocol.msg.Login;
import io.jfrp.protocol.msg.Message;
import io.jfrp.protocol.msg.NewVisitorConn;
import io.jfrp.protocol.msg.NewWorkConn;
import io.jfrp.protocol.FrpVersion;
import io.jfrp.protocol.msg.LoginResp;
import io.jfrp.protocol.msg.StartWorkConn;
import io.jfrp.protocol.relay.ReadGate;
import io.jfrp.server.monitor.JfrpMeters.PreAuthCloseReason;
import io.jfrp.server.security.CloseReason;
import io.jfrp.server.security.PreAuthLog;
import io.jfrp.server.security.PendingConnection;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.TimeUnit;

/**
 * Reads the first frp message of a connection (or of a yamux stream) and hands it over: a Login to
 * {@link LoginAcceptor} (a {@link ServerControl} when accepted), a NewWorkConn to
 * {@link WorkConnAcceptor} (its client's work-connection pool when bound), each once the server
 * plugins ({@link ControlHooks}) have let it through (possibly changed): the plugins are asked first,
 * as frp does, then jfrp's own checks. A NewVisitorConn goes to the stcp/sudp proxy it names
 * ({@link VisitorConnAcceptor}). Anything else, anything more before a plugin's answer, or nothing
 * within jfrp.security.firstMessageTimeout, fails it ({@link FirstMessageFailures}: the whole
 * connection when it has not logged in, else the stream). A plugin's refusal closes the whole
 * connection and is counted (CloseReason.PLUGIN_REFUSED, the meters' rejected).
 */
public final class FirstMessageHandler extends SimpleChannelInboundHandler<Message> {
    private static final Logger log = LoggerFactory.getLogger(FirstMessageHandler.class);

    private final ControlContext server;
    private final long timeoutMillis;
    private ScheduledFuture<?> timeout;
    /** A server plugin is being asked about the first message: nothing else may come meanwhile. */
    private boolean asking;

    public FirstMessageHandler(ControlContext server) {
        this(server, server.security().settings().preAuth().firstMessageTimeout().toMillis());
    }

    /** With another deadline for the first message (tests). */
    FirstMessageHandler(ControlContext server, long timeoutMillis) {
        this.server = server;
        this.timeoutMillis = timeoutMillis;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        timeout = ctx.executor().schedule(() -> {
            PreAuthLog.info(log, ctx.channel(), "closing {}: no frp message within {} ms", ctx.channel().remoteAddress(), timeoutMillis);
            server.monitoring().meters().closedBeforeAuth(PreAuthCloseReason.TIMEOUT);
            FirstMessageFailures.close(server.security(), ctx.channel(), CloseReason.FIRST_MESSAGE_TIMEOUT);
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
        PendingConnection pending = PendingConnection.of(ctx.channel());
        if (pending != null && pending.closedFor() != null) {
            return; // refused: its final answer is on its way, what it sent after is dropped unread
        }
        if (asking) {
            PreAuthLog.info(log, ctx.channel(), "closing {}: {} before the answer to its first message", ctx.channel().remoteAddress(), msg.type());
            server.monitoring().meters().closedBeforeAuth(PreAuthCloseReason.PROTOCOL_ERROR);
            FirstMessageFailures.close(server.security(), ctx.channel(), CloseReason.BAD_FIRST_MESSAGE);
            return;
        }
        if (msg instanceof Login login) {
            login(ctx, login);
        } else if (msg instanceof NewWorkConn workConn) {
            workConn(ctx, workConn);
        } else if (msg instanceof NewVisitorConn visitor) {
            new VisitorConnAcceptor(server).accept(ctx, visitor);
        } else {
            PreAuthLog.info(log, ctx.channel(), "closing {}: first message is {}, expected Login, NewWorkConn or NewVisitorConn",
                    ctx.channel().remoteAddress(), msg.type());
            server.monitoring().meters().closedBeforeAuth(PreAuthCloseReason.PROTOCOL_ERROR);
            FirstMessageFailures.close(server.security(), ctx.channel(), CloseReason.BAD_FIRST_MESSAGE);
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
        ask(ctx, server.hooks().login(original, ctx.channel().remoteAddress()),
                login -> LoginAcceptor.accept(server, ctx, login, this), error -> {
                    PreAuthLog.refusal(log, ctx.channel(), "login from {} refused by a server plugin: {}",
                            ctx.channel().remoteAddress(), error);
                    pluginRefused(ctx, LoginResp.failure(FrpVersion.SPOKEN, error));
                });
    }

    private void workConn(ChannelHandlerContext ctx, NewWorkConn original) {
        ServerControl known = server.controls().get(original.runId());
        if (known == null) { // refused and counted by jfrp's own checks; no plugin is asked about it
            WorkConnAcceptor.accept(server, ctx, original, this);
            return;
        }
        ask(ctx, server.hooks().newWorkConn(known.identity(), original),
                msg -> WorkConnAcceptor.accept(server, ctx, msg, this), error -> {
                    PreAuthLog.refusal(log, ctx.channel(), "work connection from {} refused by a server plugin: {}",
                            ctx.channel().remoteAddress(), error);
                    pluginRefused(ctx, new StartWorkConn("", "", "", 0, 0, error));
                });
    }

    /** A plugin's refusal: the answer, then the whole connection closes, counted as such. */
    private void pluginRefused(ChannelHandlerContext ctx, Message answer) {
        server.monitoring().meters().closedBeforeAuth(PreAuthCloseReason.REJECTED);
        PendingConnection pending = PendingConnection.of(ctx.channel());
        if (pending == null || pending.isAuthenticated()) {
            server.security().count(CloseReason.PLUGIN_REFUSED, 1);
        } else {
            pending.closingFor(CloseReason.PLUGIN_REFUSED); // counts it
        }
        Channel channel = ctx.channel();
        ctx.writeAndFlush(answer).addListener(f -> FirstMessageFailures.closeConnection(channel));
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        PendingConnection pending = PendingConnection.of(ctx.channel());
        if (pending != null && pending.closedFor() != null) {
            return; // what it sent after a refusal does not decode: the refusal's answer closes it
        }
        PreAuthLog.info(log, ctx.channel(), "closing {}: {}", ctx.channel().remoteAddress(), cause.toString());
        server.monitoring().meters().closedBeforeAuth(PreAuthCloseReason.PROTOCOL_ERROR);
        FirstMessageFailures.close(server.security(), ctx.channel(), CloseReason.BAD_FIRST_MESSAGE);
    }

    /** frp's run ids: 8 random bytes in hex. */
    static String newRunId() {
        return LoginAcceptor.newRunId();
    }
}
