package io.jfrp.server.control;

import io.jfrp.protocol.FrpPipelines;
import io.jfrp.protocol.StreamWrapping;
import io.jfrp.protocol.auth.AuthenticationException;
import io.jfrp.protocol.auth.VisitorAuthenticator;
import io.jfrp.protocol.msg.NewVisitorConn;
import io.jfrp.protocol.msg.NewVisitorConnResp;
import io.jfrp.protocol.relay.Relay;
import io.jfrp.server.monitor.JfrpMeters.PreAuthCloseReason;
import io.jfrp.server.proxy.SudpMessageBridge;
import io.jfrp.server.proxy.VisitorTargets;
import io.jfrp.server.security.CloseReason;
import io.jfrp.server.security.PendingConnection;
import io.jfrp.server.security.PreAuthLog;
import io.jfrp.server.security.Refusal;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.socket.DuplexChannel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A connection (or stream) whose first message is NewVisitorConn: a visitor of another client wants
 * an stcp or sudp proxy (frp's {@code RegisterVisitorConn} and visitor {@code Manager.NewConn}).
 *
 * <h3>Checks, in frps' order</h3>
 * <ol>
 *   <li>the visitor's user: that of the control its run_id names (an unknown run_id is refused), and
 *       the visitor connection bound to that control as a work connection is ({@link ControlBinding}:
 *       the same session, or the same address and client certificate), so that a visitor cannot
 *       borrow another client's run id, and its user's place in allow lists; an empty run_id (frpc
 *       before 0.50) is the user "";</li>
 *   <li>a proxy of that exact wire name open to visitors;</li>
 *   <li>sign_key = hex(MD5(secretKey + timestamp)), in constant time, and the timestamp within
 *       jfrp.loginMaxSkew of our clock (stock frps does not look at it);</li>
 *   <li>the user in the proxy's allow list, or the list holding {@code *}.</li>
 * </ol>
 * A refusal is logged here with its reason and answered NewVisitorConnResp{error} (the same detailed
 * text as stock frps), counted (jfrp.security's counters, the meters; a wrong sign key also as a failed
 * login of the address, toward its back-off) and closed: the whole connection when it had not
 * authenticated, else the stream (closed, not reset, so that the visitor reads the answer). Once admitted the connection counts as authenticated (without tcpMux a visitor
 * connection is its own TCP connection, which must not meet the login deadline), then: an empty
 * NewVisitorConnResp in the clear, then the visitor's own wrapping (its flags, keyed by the secret) and
 * the relay to one of the owner's work connections through the proxy's bridge. An sudp visitor whose
 * wire protocol differs from the owner's is bridged message by message ({@link SudpMessageBridge}).
 *
 * <p>Runs on the connection's event loop. Stateless but for the shared, thread-safe parts.
 */
final class VisitorConnAcceptor {
    private static final Logger log = LoggerFactory.getLogger(VisitorConnAcceptor.class);

    private final ControlContext server;
    private final VisitorAuthenticator authenticator;

    VisitorConnAcceptor(ControlContext server) {
        this.server = server;
        this.authenticator = server.visitorAuthenticator();
    }

    /** Answers {@code msg}, read by {@code ctx}'s handler (which this removes on success). */
    void accept(ChannelHandlerContext ctx, NewVisitorConn msg) {
        Channel channel = ctx.channel();
        String name = msg.proxyName();
        String user = "";
        if (!msg.runId().isEmpty()) {
            ServerControl control = server.controls().get(msg.runId());
            if (control == null) {
                refuse(ctx, msg, "no client control found for run id [" + msg.runId() + "]", null, false);
                return;
            }
            try {
                ControlBinding.check(server, channel, control, msg.runId(), "visitor connection",
                        CloseReason.VISITOR_CONN_REFUSED);
            } catch (Refusal r) { // someone else's run id: held against the address like a stolen work connection
                refuse(ctx, msg, r.clientError(), r.getMessage(), true);
                return;
            }
            user = control.user();
        }
        VisitorTargets.Target target = server.visitorTargets().find(name);
        if (target == null) {
            refuse(ctx, msg, "custom listener for [" + name + "] doesn't exist", null, false);
            return;
        }
        try {
            authenticator.verify(msg, target.secretKey());
        } catch (AuthenticationException e) {
            refuse(ctx, msg, e.responseError(ControlContext.DETAILED_ERRORS_TO_CLIENT), e.getMessage(), true);
            return;
        }
        if (!target.admits(user)) {
            refuse(ctx, msg, "visitor connection of [" + name + "] user [" + user + "] not allowed", null, false);
            return;
        }
        if (!(channel instanceof DuplexChannel visitorConn)) { // TCP connections and yamux streams are both
            refuse(ctx, msg, "a visitor connection must be a stream", null, false);
            return;
        }
        log.info("visitor connection from {} (user '{}') to {} proxy [{}]", channel.remoteAddress(), user,
                target.proxyType(), name);
        PendingConnection pending = PendingConnection.of(channel);
        if (pending != null) {
            pending.authenticated(); // its own connection without tcpMux: its sign key was its credential
        }
        ctx.writeAndFlush(new NewVisitorConnResp(name, ""));
        // The visitor may send right behind NewVisitorConn: hold what comes until the relay is joined.
        Relay.holdUntilJoined(channel);
        ctx.pipeline().remove(ctx.handler());
        String visitorWire = ControlMonitoring.wireProtocolOf(channel);
        if ("sudp".equals(target.proxyType()) && !visitorWire.equals(target.bridge().wireProtocol())) {
            // v1 and v2 frame UDPPacket differently: bridge message by message, each side in its framing
            log.info("sudp proxy [{}]: bridging a {} visitor to its {} client message by message", name, visitorWire,
                    target.bridge().wireProtocol());
            FrpPipelines.wrapBelowFraming(channel.pipeline(), StreamWrapping.of(msg), target.visitorKey());
            target.bridge().relayMessages(visitorConn, SudpMessageBridge::join);
            return;
        }
        FrpPipelines.startRelay(channel.pipeline(), StreamWrapping.of(msg), target.visitorKey());
        target.bridge().relay(visitorConn, null);
    }

    /**
     * @param error     the text for NewVisitorConnResp (stock frps' detailed error)
     * @param logReason a more precise reason for our log, or null when {@code error} says it all
     * @param badKey    the sign key was wrong (the meters' auth_failed; else rejected)
     */
    private void refuse(ChannelHandlerContext ctx, NewVisitorConn msg, String error, String logReason, boolean badKey) {
        Channel channel = ctx.channel();
        PreAuthLog.refusal(log, channel, "visitor connection from {} to [{}] refused: {}", channel.remoteAddress(),
                msg.proxyName(), logReason == null ? error : logReason);
        PendingConnection pending = PendingConnection.of(channel);
        boolean authenticated = pending == null || pending.isAuthenticated();
        if (badKey) { // a guess at a secretKey: held against the address like a failed login
            server.security().refused(channel, new Refusal(logReason == null ? error : logReason, error,
                    CloseReason.VISITOR_CONN_REFUSED));
        } else if (!authenticated) { // a proxy not (yet) there, a user not allowed: counted only
            pending.closingFor(CloseReason.VISITOR_CONN_REFUSED);
        } else {
            server.security().count(CloseReason.VISITOR_CONN_REFUSED, 1);
        }
        server.monitoring().meters().closedBeforeAuth(badKey ? PreAuthCloseReason.AUTH_FAILED : PreAuthCloseReason.REJECTED);
        ctx.writeAndFlush(new NewVisitorConnResp(msg.proxyName(), error)).addListener(f -> {
            if (authenticated) {
                channel.close(); // graceful: a reset could drop the answer, which the visitor logs
            } else {
                FirstMessageFailures.closeConnection(channel);
            }
        });
    }
}
