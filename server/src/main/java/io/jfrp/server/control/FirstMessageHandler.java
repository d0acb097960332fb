package io.jfrp.server.control;

import io.jfrp.protocol.msg.Login;
import io.jfrp.protocol.msg.Message;
import io.jfrp.protocol.msg.NewVisitorConn;
import io.jfrp.protocol.msg.NewWorkConn;
import io.jfrp.server.monitor.JfrpMeters.PreAuthCloseReason;
import io.jfrp.server.security.CloseReason;
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
 * {@link WorkConnAcceptor} (its client's work-connection pool when bound), a NewVisitorConn to the
 * stcp/sudp proxy it names ({@link VisitorConnAcceptor}). Anything else, or nothing within
 * jfrp.security.firstMessageTimeout, fails it ({@link FirstMessageFailures}: the whole connection
 * when it has not logged in, else the stream).
 */
public final class FirstMessageHandler extends SimpleChannelInboundHandler<Message> {
    private static final Logger log = LoggerFactory.getLogger(FirstMessageHandler.class);

    private final ControlContext server;
    private final long timeoutMillis;
    private ScheduledFuture<?> timeout;

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
            log.info("closing {}: no frp message within {} ms", ctx.channel().remoteAddress(), timeoutMillis);
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
        if (msg instanceof Login login) {
            LoginAcceptor.accept(server, ctx, login, this);
        } else if (msg instanceof NewWorkConn workConn) {
            WorkConnAcceptor.accept(server, ctx, workConn, this);
        } else if (msg instanceof NewVisitorConn visitor) {
            new VisitorConnAcceptor(server).accept(ctx, visitor);
        } else {
            log.info("closing {}: first message is {}, expected Login, NewWorkConn or NewVisitorConn",
                    ctx.channel().remoteAddress(), msg.type());
            server.monitoring().meters().closedBeforeAuth(PreAuthCloseReason.PROTOCOL_ERROR);
            FirstMessageFailures.close(server.security(), ctx.channel(), CloseReason.BAD_FIRST_MESSAGE);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.info("closing {}: {}", ctx.channel().remoteAddress(), cause.toString());
        server.monitoring().meters().closedBeforeAuth(PreAuthCloseReason.PROTOCOL_ERROR);
        FirstMessageFailures.close(server.security(), ctx.channel(), CloseReason.BAD_FIRST_MESSAGE);
    }

    /** frp's run ids: 8 random bytes in hex. */
    static String newRunId() {
        return LoginAcceptor.newRunId();
    }
}
