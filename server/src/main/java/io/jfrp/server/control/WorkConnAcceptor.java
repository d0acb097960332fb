package io.jfrp.server.control;

import io.jfrp.protocol.auth.AuthenticationException;
import io.jfrp.protocol.msg.NewWorkConn;
import io.jfrp.protocol.msg.StartWorkConn;
import io.jfrp.server.monitor.JfrpMeters.PreAuthCloseReason;
import io.jfrp.server.security.CloseReason;
import io.jfrp.server.security.MessageBounds;
import io.jfrp.server.security.PendingConnection;
import io.jfrp.server.security.PreAuthLog;
import io.jfrp.server.security.Refusal;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;


/**
 * A NewWorkConn, bound to the control it names or refused. Knowing a run id is not enough to receive
 * another client's public connections:
 * <ul>
 *   <li>it must come from the client's own session, or address and certificate ({@link ControlBinding});</li>
 *   <li>its key, when the client signs work connections (auth.additionalScopes = NewWorkConns, which
 *   the server then requires), must be fresh and made with that client's own token.</li>
 * </ul>
 * A refused one gets StartWorkConn with the error (as frps answers) and is closed: the whole connection
 * when it had not authenticated, else the stream alone. Runs on the work connection's event loop.
 */
final class WorkConnAcceptor {
    private static final Logger log = LoggerFactory.getLogger(WorkConnAcceptor.class);

    private WorkConnAcceptor() {
    }

    /** Handles {@code msg} read by {@code first} on {@code ctx}'s channel. */
    static void accept(ControlContext server, ChannelHandlerContext ctx, NewWorkConn msg, ChannelHandler first) {
        Channel channel = ctx.channel();
        ServerControl control;
        try {
            control = bind(server, channel, msg);
        } catch (Refusal r) {
            server.security().refused(channel, r);
            server.monitoring().meters().closedBeforeAuth(r.getCause() instanceof AuthenticationException
                    ? PreAuthCloseReason.AUTH_FAILED : PreAuthCloseReason.REJECTED);
            PreAuthLog.refusal(log, channel, "work connection from {} refused: {}", channel.remoteAddress(), r.getMessage());
            boolean authenticated = PendingConnection.isAuthenticated(channel);
            ctx.writeAndFlush(new StartWorkConn("", "", "", 0, 0, r.clientError())).addListener(f -> {
                if (authenticated) {
                    FirstMessageFailures.closeStream(channel);
                } else {
                    FirstMessageFailures.closeConnection(channel);
                }
            });
            return;
        }
        PendingConnection pending = PendingConnection.of(channel);
        if (pending != null) {
            pending.authenticated(); // without tcpMux the work connection is its own connection
        }
        ctx.pipeline().remove(first);
        control.offerWorkConn(channel);
    }

    private static ServerControl bind(ControlContext server, Channel channel, NewWorkConn msg) throws Refusal {
        String bad = MessageBounds.check(msg);
        if (bad != null) {
            throw refusal(bad, bad);
        }
        ServerControl control = server.controls().get(msg.runId());
        if (control == null) {
            throw refusal("no client with run id " + msg.runId(), "run id not found: " + msg.runId());
        }
        try {
            control.client().authenticator().verifyNewWorkConn(msg);
        } catch (AuthenticationException e) {
            Refusal r = refusal("run id " + msg.runId() + ": " + e.getMessage(), e.responseError(true));
            r.initCause(e); // a bad key (the meters' auth_failed), not a binding refused
            throw r;
        }
        ControlBinding.check(server, channel, control, msg.runId(), "work connection", CloseReason.WORK_CONN_REFUSED);
        return control;
    }

    private static Refusal refusal(String logReason, String clientError) {
        return new Refusal(logReason, clientError, CloseReason.WORK_CONN_REFUSED);
    }
}
