package io.jfrp.server.control;

import io.jfrp.protocol.FrpVersion;
import io.jfrp.protocol.msg.Login;
import io.jfrp.protocol.msg.LoginResp;
import io.jfrp.protocol.relay.ReadGate;
import io.jfrp.protocol.wire.WirePipelines;
import io.jfrp.protocol.wire.WireRole;
import io.jfrp.server.monitor.ClientSession;
import io.jfrp.server.monitor.JfrpMeters.PreAuthCloseReason;
import io.jfrp.server.security.AuthenticatedClient;
import io.jfrp.server.security.CloseReason;
import io.jfrp.server.security.PendingConnection;
import io.jfrp.server.security.PreAuthLog;
import io.jfrp.server.security.Refusal;
import io.jfrp.server.security.ServerSecurity;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * A Login, accepted or refused.
 * <ul>
 *   <li>Refused ({@link ServerSecurity#checkLogin}: a field too long, a wrong or stale key, the wrong
 *   user certificate, a replay; or a second Login on a session): LoginResp with the error, then the
 *   whole connection closes (after a bounded linger that keeps the answer from being lost to a reset:
 *   {@link FirstMessageFailures#closeConnection}), and the address's failure is counted toward its
 *   back-off.</li>
 *   <li>Refused because its client id is online under another run id (frp's rule, {@link
 *   ControlMonitoring#register}): LoginResp with frp's error, then the connection closes; not held
 *   against the address.</li>
 *   <li>Accepted: the connection is authenticated (its deadline and place among the unauthenticated
 *   ones released, its session's stream limit raised), a {@link ServerControl} is made with the
 *   client's identity and its {@link ClientSession} (the dashboard's and metrics' record), LoginResp is
 *   sent and the control stream is encrypted with the client's key (v1: AES-128-CFB; v2: the
 *   negotiated AEAD).
 *   A run id already held by a control of another principal is not taken over: the client gets a
 *   new one. A run id held by the same principal (a client reconnecting before the server noticed its
 *   old connection die) replaces that control: as frps does, the old control is closed and the Login
 *   answered only once it has given back its proxies' names, ports and routes (the new connection
 *   reads nothing meanwhile), so the client's proxies register again under the same names.</li>
 * </ul>
 * Runs on the connection's event loop.
 */
final class LoginAcceptor {
    private static final Logger log = LoggerFactory.getLogger(LoginAcceptor.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private LoginAcceptor() {
    }

    /** Handles {@code login} read by {@code first} on {@code ctx}'s channel. */
    static void accept(ControlContext server, ChannelHandlerContext ctx, Login login, ChannelHandler first) {
        Channel channel = ctx.channel();
        PendingConnection pending = PendingConnection.of(channel);
        AuthenticatedClient who;
        try {
            if (pending != null && pending.isAuthenticated()) {
                throw new Refusal("a second Login on a session that has logged in", "already logged in",
                        CloseReason.LOGIN_REFUSED);
            }
            who = server.security().checkLogin(login, channel);
        } catch (Refusal r) {
            server.security().refused(channel, r);
            server.monitoring().meters().closedBeforeAuth(PreAuthCloseReason.AUTH_FAILED);
            PreAuthLog.refusal(log, channel, "login from {} refused: {}", channel.remoteAddress(), r.getMessage());
            ctx.writeAndFlush(LoginResp.failure(FrpVersion.SPOKEN, ControlContext.DETAILED_ERRORS_TO_CLIENT
                            ? r.clientError() : "register control error"))
                    .addListener(f -> FirstMessageFailures.closeConnection(channel));
            return;
        }
        String runId = runId(server, login, who);
        ServerControl replaced = server.controls().get(runId);
        if (replaced != null) {
            // frps closes the old control and waits for it (oldCtl.WaitClosed) before it answers: the
            // client's proxies come back at once under the same names and ports.
            ReadGate.pause(channel, ReadGate.Reason.HANDLER);
            replaced.close("replaced by a new login with the same run_id from " + channel.remoteAddress());
            replaced.cleanedUp().addListener(f -> channel.eventLoop().execute(() -> {
                if (channel.isActive() && ctx.pipeline().context(first) != null) {
                    ReadGate.resume(channel, ReadGate.Reason.HANDLER);
                    register(server, ctx, login, first, who, runId);
                }
            }));
            return;
        }
        register(server, ctx, login, first, who, runId);
    }

    /** Registers the accepted client under {@code runId}, answers its Login and starts its control. */
    private static void register(ControlContext server, ChannelHandlerContext ctx, Login login, ChannelHandler first,
                                 AuthenticatedClient who, String runId) {
        Channel channel = ctx.channel();
        PendingConnection pending = PendingConnection.of(channel);
        ClientSession session = server.monitoring().register(login, runId, channel); // meters a refusal
        if (session == null) {
            String error = ControlMonitoring.conflictError(login);
            PreAuthLog.refusal(log, channel, "login from {} refused: {}", channel.remoteAddress(), error);
            if (pending != null) {
                pending.closingFor(CloseReason.LOGIN_REFUSED);
            }
            ctx.writeAndFlush(LoginResp.failure(FrpVersion.SPOKEN, error))
                    .addListener(f -> FirstMessageFailures.closeConnection(channel));
            return;
        }
        if (pending != null) {
            pending.authenticated();
        }
        server.security().succeeded(channel);
        ServerControl control = new ServerControl(server, channel, login, session, who);
        ctx.writeAndFlush(LoginResp.success(FrpVersion.SPOKEN, runId));
        server.monitoring().loggedIn(session);
        // From here on the control stream is encrypted both ways, with the client's own key.
        WirePipelines.encryptControlStream(ctx.pipeline(), WireRole.SERVER, who.key());
        ctx.pipeline().replace(first, "control", control.handler());
        server.controls().register(control);
        log.info("client {} logged in from {} (version {}, os {}/{}, {}, pool {})", runId, channel.remoteAddress(),
                login.version(), login.os(), login.arch(), who.describe(), login.poolCount());
        control.start();
    }

    /** The Login's run id when it is free or held by the same principal (a reconnect), else a new one. */
    private static String runId(ControlContext server, Login login, AuthenticatedClient who) {
        if (login.runId().isEmpty()) {
            return newRunId();
        }
        ServerControl holder = server.controls().get(login.runId());
        if (holder != null && !holder.client().samePrincipal(who)) {
            log.warn("login as {} asked for run id {}, which belongs to {}: given a new one", who.describe(),
                    login.runId(), holder.client().describe());
            return newRunId();
        }
        return login.runId();
    }

    /** frp's run ids: 8 random bytes in hex. */
    static String newRunId() {
        byte[] b = new byte[8];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
