package io.jfrp.server.ssh;

import io.jfrp.config.model.ServerConfig;
import io.jfrp.config.model.SshTunnelGatewayConfig;
import io.jfrp.server.security.ServerSecurity;
import io.netty.channel.ChannelHandler;
import org.apache.sshd.common.keyprovider.FileKeyPairProvider;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.session.SessionListener;
import org.apache.sshd.core.CoreModuleProperties;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.auth.UserAuthFactory;
import org.apache.sshd.server.auth.UserAuthNoneFactory;
import org.apache.sshd.server.auth.pubkey.AcceptAllPublickeyAuthenticator;
import org.apache.sshd.server.auth.pubkey.UserAuthPublicKeyFactory;
import org.apache.sshd.server.channel.ChannelSessionFactory;
import org.apache.sshd.common.global.KeepAliveHandler;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;
import org.apache.sshd.server.session.ServerSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

/**
 * frps' SSH tunnel gateway ({@code sshTunnelGateway}), with Apache MINA SSHD as the SSH server:
 * {@code ssh -R :80:127.0.0.1:8080 v0@frps -p PORT tcp --proxy_name web} publishes a proxy without
 * frpc. Each SSH connection is a {@link TunnelSession}; its proxy is asked for by a
 * {@link TunnelClient} that logs in through an {@link InternalLink}, so it is a client of jfrps like
 * any other (auth, server plugins, ports, names).
 *
 * <h3>Keys</h3>
 * The host key is {@code privateKeyFile} (OpenSSH or PEM), else the key at
 * {@code autoGenPrivateKeyPath}, made (RSA 2048, OpenSSH format, mode 600) on the first start. With
 * {@code authorizedKeysFile}, clients log in with one of its keys ({@link AuthorizedKeys}); without,
 * anyone may (SSH {@code none}), and the token is the command's {@code --token}, as frp.
 *
 * <h3>What the SSH server offers</h3>
 * Session channels with {@code exec} (the command; a shell gets the usage), the {@code tcpip-forward}
 * request ({@link TunnelRequests}) and keepalives; no port forwarding of its own, no agent, no X11,
 * no SFTP. Authentication must end within jfrp.security.loginTimeout (30 s), at most
 * maxUnauthenticatedPerAddress sessions of one address and maxUnauthenticatedConnections in all may be
 * waiting for it ({@link UnauthenticatedSshSessions}), sessions whose keys were refused count as failed
 * logins of their address, which is then refused for a while as on bindPort ({@link SshLoginBackoff}),
 * the forwarding and command within three seconds
 * after it; an established tunnel has no idle limit (a tunnel may carry no
 * traffic for hours), the server sends a keepalive every 30 s.
 */
public final class SshTunnelGateway implements AutoCloseable {
    static final Duration HEARTBEAT = Duration.ofSeconds(30);
    /** Most authentication attempts of one SSH session (MINA's default: 20; OpenSSH's MaxAuthTries: 6). */
    static final int MAX_AUTH_REQUESTS = 6;
    private static final Logger log = LoggerFactory.getLogger(SshTunnelGateway.class);

    private final SshTunnelGatewayConfig config;
    private final InternalLink link;
    private final SshServer sshd;
    private final UnauthenticatedSshSessions unauthenticated;

    /**
     * @param server       jfrps' settings (bindAddr, token, scopes, yamux)
     * @param firstMessage a new first-message handler of jfrps' control package, for the link
     * @param security     the limits on sessions before authentication (jfrp.security's
     *                     maxUnauthenticatedConnections, maxUnauthenticatedPerAddress, loginTimeout)
     *                     and their counters
     * @throws IOException when the host key cannot be read or made
     */
    public SshTunnelGateway(ServerConfig server, Supplier<ChannelHandler> firstMessage, ServerSecurity security)
            throws IOException {
        this.config = server.sshTunnelGateway();
        KeyPairProvider hostKeys = hostKeys(config);
        Path keyFile = config.privateKeyFile() != null ? config.privateKeyFile() : config.autoGenPrivateKeyPath();
        try {
            if (!hostKeys.loadKeys(null).iterator().hasNext()) {
                throw new IOException("sshTunnelGateway: no host key in " + keyFile);
            }
        } catch (java.security.GeneralSecurityException | RuntimeException e) {
            throw new IOException("sshTunnelGateway: the host key " + keyFile + " cannot be used: " + e.getMessage(), e);
        }
        this.link = new InternalLink(server.mux(), firstMessage);
        boolean keysChecked = config.authorizedKeysFile() != null;
        GatewayContext context = new GatewayContext(link, server.auth().token(), server.auth().additionalScopes(),
                keysChecked, link.group());
        sshd = SshServer.setUpDefaultServer();
        sshd.setHost(server.bindAddr());
        sshd.setPort(config.bindPort());
        sshd.setKeyPairProvider(hostKeys);
        List<UserAuthFactory> auth = keysChecked ? List.of(UserAuthPublicKeyFactory.INSTANCE)
                : List.of(UserAuthNoneFactory.INSTANCE, UserAuthPublicKeyFactory.INSTANCE);
        sshd.setUserAuthFactories(auth);
        SshLoginBackoff backoff = new SshLoginBackoff(security, keysChecked);
        sshd.setPublickeyAuthenticator(keysChecked ? backoff.recording(new AuthorizedKeys(config.authorizedKeysFile()))
                : AcceptAllPublickeyAuthenticator.INSTANCE);
        sshd.setPasswordAuthenticator(null);
        sshd.setKeyboardInteractiveAuthenticator(null);
        sshd.setChannelFactories(List.of(ChannelSessionFactory.INSTANCE));
        sshd.setGlobalRequestHandlers(List.of(KeepAliveHandler.INSTANCE,
                new TunnelRequests(session -> tunnel(session, context))));
        sshd.setCommandFactory((channel, command) -> new TunnelExec(command,
                exec -> tunnel(channel.getSession(), context).execStarted(exec)));
        sshd.setShellFactory(channel -> new TunnelExec("", exec -> {
            exec.print(usage());
            exec.exit(1);
        }));
        sshd.setSubsystemFactories(List.of());
        // Before authentication a session is bounded by loginTimeout and MAX_AUTH_REQUESTS, and their number by
        // jfrp.security's limits (UnauthenticatedSshSessions). After it, as in
        // frp, a tunnel may stay quiet as long as it likes: MINA's idle timer counts only what the peer sends
        // (not our heartbeat), so an idle timeout would cut quiet tunnels; the heartbeat finds dead peers.
        CoreModuleProperties.AUTH_TIMEOUT.set(sshd, security.settings().preAuth().loginTimeout());
        CoreModuleProperties.MAX_AUTH_REQUESTS.set(sshd, MAX_AUTH_REQUESTS);
        CoreModuleProperties.IDLE_TIMEOUT.set(sshd, Duration.ZERO);
        sshd.setSessionHeartbeat(org.apache.sshd.common.session.SessionHeartbeatController.HeartbeatType.IGNORE,
                HEARTBEAT);
        unauthenticated = new UnauthenticatedSshSessions(security.maxUnauthenticated(),
                security.settings().preAuth().maxPerAddress(), reason -> security.count(reason, 1));
        sshd.addSessionListener(backoff); // first: a session it refuses is not counted as waiting
        sshd.addSessionListener(unauthenticated);
        sshd.addSessionListener(new SessionListener() {
            @Override
            public void sessionEvent(Session session, Event event) {
                if (event == Event.Authenticated) {
                    tunnel(session, context).authenticated();
                }
            }

            @Override
            public void sessionClosed(Session session) {
                TunnelSession tunnel = session.getAttribute(TunnelSession.KEY);
                if (tunnel != null) {
                    tunnel.closed();
                }
            }
        });
    }

    private static TunnelSession tunnel(Session session, GatewayContext context) {
        return session.computeAttributeIfAbsent(TunnelSession.KEY,
                k -> new TunnelSession((ServerSession) session, context));
    }

    private static String usage() {
        return "jfrps SSH tunnel gateway: run a command, e.g.\n"
                + "  ssh -R :80:127.0.0.1:8080 v0@{address} -p {port} tcp --proxy_name web --remote_port 6000\n"
                + "types: " + String.join(", ", TunnelCommandLine.TYPES) + "; --help after a type lists its flags";
    }

    /** The host key: privateKeyFile, else the one kept at autoGenPrivateKeyPath (made when missing). */
    static KeyPairProvider hostKeys(SshTunnelGatewayConfig config) throws IOException {
        if (config.privateKeyFile() != null) {
            if (!Files.isReadable(config.privateKeyFile())) {
                throw new IOException("sshTunnelGateway.privateKeyFile " + config.privateKeyFile() + " cannot be read");
            }
            return new FileKeyPairProvider(config.privateKeyFile());
        }
        Path path = config.autoGenPrivateKeyPath().toAbsolutePath().normalize();
        if (path.getParent() != null) {
            Files.createDirectories(path.getParent());
        }
        SimpleGeneratorHostKeyProvider generated = new SimpleGeneratorHostKeyProvider(path);
        generated.setAlgorithm("RSA");
        generated.setKeySize(2048);
        return generated;
    }

    /** Listens on bindAddr:sshTunnelGateway.bindPort. */
    public SshTunnelGateway start() throws IOException {
        sshd.start();
        log.info("ssh tunnel gateway listening on {}:{} ({})", sshd.getHost(), sshd.getPort(),
                config.authorizedKeysFile() != null ? "keys from " + config.authorizedKeysFile() : "any client");
        return this;
    }

    /** Sessions that have not authenticated yet (tests, metrics). */
    public int unauthenticatedSessions() {
        return unauthenticated.size();
    }

    /** The address the gateway listens on (its port when 0 was asked for). */
    public InetSocketAddress address() {
        return new InetSocketAddress(sshd.getHost(), sshd.getPort());
    }

    @Override
    public void close() {
        try {
            sshd.stop(true);
        } catch (IOException e) {
            log.debug("ssh tunnel gateway: stopping: {}", e.toString());
        }
        link.close();
    }
}
