package io.jfrp.server.ssh;

import io.jfrp.protocol.FrpVersion;
import io.jfrp.protocol.auth.TokenAuthenticator;
import io.jfrp.protocol.crypto.CryptoKey;
import io.jfrp.protocol.msg.ClientSpec;
import io.jfrp.protocol.msg.Login;
import io.jfrp.protocol.msg.NewProxyResp;
import io.jfrp.protocol.msg.StartWorkConn;
import io.netty.channel.socket.DuplexChannel;
import org.apache.sshd.common.AttributeRepository.AttributeKey;
import org.apache.sshd.common.session.ConnectionService;
import org.apache.sshd.server.session.ServerSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One SSH connection to the gateway, as frp's {@code TunnelServer}: within {@link #SETUP_TIMEOUT}
 * of authenticating, the client must have asked for a forwarding ({@code -R}) and run a command;
 * the command names the proxy ({@link TunnelCommandLine}); a {@link TunnelClient} then logs in to
 * jfrps with the tunnel's user (the matched key's comment, else {@code --user}) and token (the
 * server's own when the key was checked against authorizedKeysFile, frp's {@code AlwaysAuthPass};
 * else {@code --token}), asks for the proxy and, when it runs, shows
 * <pre>
 * frp (via SSH) (Ctrl+C to quit)
 *
 * User: ...
 * ProxyName: ...
 * Type: ...
 * RemoteAddress: ...
 * </pre>
 * Each user connection of the proxy becomes a {@code forwarded-tcpip} channel to the client. A
 * command that cannot be read, a refused login or proxy, or no answer within
 * {@link #PROXY_TIMEOUT} shows the reason and ends the SSH connection; ending the SSH connection
 * ends the proxy.
 *
 * <p>Thread-safe: SSH events come on MINA's threads, the tunnel client's on the link's loop.
 */
final class TunnelSession {
    static final AttributeKey<TunnelSession> KEY = new AttributeKey<>();
    /** The comment of the authorized key the client logged in with. */
    static final AttributeKey<String> KEY_USER = new AttributeKey<>();
    static final Duration SETUP_TIMEOUT = Duration.ofSeconds(3);
    static final Duration PROXY_TIMEOUT = Duration.ofSeconds(10);
    private static final Logger log = LoggerFactory.getLogger(TunnelSession.class);

    private final ServerSession session;
    private final GatewayContext gateway;
    private String forwardHost;
    private int forwardPort;
    private boolean forwarded;
    private TunnelExec exec;
    private boolean started;
    private boolean closed;
    private TunnelClient client;
    private ScheduledFuture<?> setupTimer;

    TunnelSession(ServerSession session, GatewayContext gateway) {
        this.session = session;
        this.gateway = gateway;
    }

    /** The client has authenticated: the forwarding and the command must follow in time. */
    synchronized void authenticated() {
        setupTimer = gateway.scheduler().schedule(this::setupTimedOut, SETUP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    }

    synchronized void forwardRequested(String host, int port) {
        if (!forwarded) {
            forwarded = true;
            forwardHost = host;
            forwardPort = port;
        }
        maybeStart();
    }

    synchronized void execStarted(TunnelExec command) {
        if (exec == null) {
            exec = command;
        }
        maybeStart();
    }

    private void setupTimedOut() {
        synchronized (this) {
            if (started || closed) {
                return;
            }
        }
        log.info("ssh tunnel from {}: no forwarding and command within {} s, closing", session.getClientAddress(),
                SETUP_TIMEOUT.toSeconds());
        session.close(true);
    }

    private void maybeStart() {
        if (started || closed || !forwarded || exec == null) {
            return;
        }
        started = true;
        if (setupTimer != null) {
            setupTimer.cancel(false);
        }
        TunnelCommandLine line;
        try {
            line = TunnelCommandLine.parse(exec.command());
        } catch (TunnelCommandLine.HelpRequested help) {
            end(help.getMessage(), 0);
            return;
        } catch (IllegalArgumentException e) {
            log.info("ssh tunnel from {}: bad command [{}]: {}", session.getClientAddress(), exec.command(), e.getMessage());
            end(e.getMessage(), 1);
            return;
        }
        String keyUser = session.getAttribute(KEY_USER);
        String user = keyUser != null && !keyUser.isEmpty() ? keyUser : line.user();
        boolean keyChecked = gateway.keysChecked();
        String token = keyChecked ? gateway.serverToken() : line.token();
        Login login = Login.builder()
                .version(FrpVersion.SPOKEN)
                .hostname("")
                .os("linux")
                .arch("amd64")
                .user(user)
                .clientId(line.clientId())
                .clientSpec(new ClientSpec("ssh-tunnel", keyChecked))
                .poolCount(1)
                .build();
        client = new TunnelClient(gateway.link(), new TokenAuthenticator(token, gateway.scopes(), Duration.ZERO),
                CryptoKey.fromSecret(token), login, line.proxy(), this::serveWork, session.getClientAddress());
        TunnelExec out = exec;
        client.start().orTimeout(PROXY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).whenComplete((resp, error) -> {
            if (error != null) {
                Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
                end(cause instanceof TimeoutException ? "wait proxy status ready timeout" : cause.getMessage(), 1);
            } else if (!resp.error().isEmpty()) {
                end(resp.error(), 1);
            } else {
                log.info("ssh tunnel from {}: proxy [{}] ({}) serving on {}", session.getClientAddress(),
                        line.proxy().name(), line.proxy().type().frpName(), resp.remoteAddr());
                out.print(successInfo(user, line, resp));
            }
        });
    }

    private static String successInfo(String user, TunnelCommandLine line, NewProxyResp resp) {
        return "\nfrp (via SSH) (Ctrl+C to quit)\n\n"
                + "User: " + user + "\n"
                + "ProxyName: " + line.proxy().name() + "\n"
                + "Type: " + line.proxy().type().frpName() + "\n"
                + "RemoteAddress: " + resp.remoteAddr() + "\n";
    }

    /** Shows {@code message}, ends the command with {@code status} and the SSH connection after it. */
    private void end(String message, int status) {
        TunnelExec out;
        synchronized (this) {
            out = exec;
        }
        if (out != null) {
            out.print(message);
            out.exit(status);
        }
        gateway.scheduler().schedule(() -> session.close(false), 200, TimeUnit.MILLISECONDS);
        if (client != null) {
            client.close();
        }
    }

    /** A user connection of the proxy: a forwarded-tcpip channel to the client, then the relay. */
    private void serveWork(DuplexChannel work, StartWorkConn start) {
        String host;
        int port;
        synchronized (this) {
            host = forwardHost;
            port = forwardPort;
        }
        ForwardedChannel channel = new ForwardedChannel(work, host, port);
        try {
            ConnectionService service = session.getService(ConnectionService.class);
            service.registerChannel(channel);
            channel.open().addListener(f -> {
                if (f.isOpened()) {
                    work.eventLoop().execute(channel::join);
                } else {
                    log.debug("ssh tunnel from {}: forwarded-tcpip refused: {}", session.getClientAddress(),
                            f.getException() == null ? "" : f.getException().getMessage());
                    service.unregisterChannel(channel);
                    work.close();
                }
            });
        } catch (Exception e) {
            log.debug("ssh tunnel from {}: cannot open forwarded-tcpip: {}", session.getClientAddress(), e.toString());
            work.close();
        }
    }

    /** The SSH connection ended: so does the tunnel's client, and with it the proxy. */
    void closed() {
        synchronized (this) {
            closed = true;
            if (setupTimer != null) {
                setupTimer.cancel(false);
            }
        }
        if (client != null) {
            client.close();
        }
    }
}
