package io.jfrp.server.ssh;

import io.jfrp.server.security.CloseReason;
import io.jfrp.server.security.ServerSecurity;
import org.apache.sshd.common.AttributeRepository.AttributeKey;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.session.SessionListener;
import org.apache.sshd.server.auth.pubkey.PublickeyAuthenticator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;

/**
 * jfrps's login back-off on the SSH gateway (jfrp.security.loginFailureLimit, loginFailureWindow,
 * loginBackoff, maxLoginBackoff), in the same table of failed logins per source address as bindPort's
 * ({@link ServerSecurity}): a session that ends without authenticating after the gateway refused one
 * of its keys is one failed login of its address; a session from an address refused now is closed as
 * soon as it is created, before its key exchange, and counted as {@link CloseReason#ADDRESS_BACKED_OFF}.
 * A peer trying keys thus gets {@link SshTunnelGateway#MAX_AUTH_REQUESTS} tries per session and
 * loginFailureLimit sessions per window, then waits out the back-off (twice as long each time it
 * happens again); a successful authentication with a checked key forgets its address's failures.
 * A tunnel whose Login is refused (a wrong {@code --token}) is a failed login of the SSH client's
 * address too, counted where the Login is. Memory is the table's, bounded whatever the number of
 * addresses.
 *
 * <p>Thread-safe: MINA calls it from its I/O threads; a session's refused key is a session attribute.
 */
final class SshLoginBackoff implements SessionListener {
    private static final Logger log = LoggerFactory.getLogger(SshLoginBackoff.class);
    /** Set on a session once the gateway refused one of its keys. */
    private static final AttributeKey<Boolean> KEY_REFUSED = new AttributeKey<>();

    private final ServerSecurity security;
    private final boolean keysChecked;

    /**
     * @param keysChecked whether keys are checked against authorizedKeysFile; without it anyone
     *                    authenticates, so an authentication forgets nothing (the tunnel's --token is
     *                    the credential: its Login, failed or accepted, counts for the SSH client's
     *                    address on the link, {@link InternalLink#connect})
     */
    SshLoginBackoff(ServerSecurity security, boolean keysChecked) {
        this.security = security;
        this.keysChecked = keysChecked;
    }

    /** {@code keys}, recording each refusal on its session. */
    PublickeyAuthenticator recording(PublickeyAuthenticator keys) {
        return (username, key, session) -> {
            boolean accepted = keys.authenticate(username, key, session);
            if (!accepted) {
                session.setAttribute(KEY_REFUSED, Boolean.TRUE);
            }
            return accepted;
        };
    }

    @Override
    public void sessionCreated(Session session) {
        InetAddress address = address(session.getIoSession().getRemoteAddress());
        if (security.backedOff(address)) {
            log.debug("ssh gateway: closing a session from {}: refused after failed logins", address);
            security.count(CloseReason.ADDRESS_BACKED_OFF, 1);
            session.close(true);
        }
    }

    @Override
    public void sessionEvent(Session session, Event event) {
        if (event == Event.Authenticated && keysChecked) {
            security.succeeded(address(session.getIoSession().getRemoteAddress()));
        }
    }

    @Override
    public void sessionClosed(Session session) {
        if (!session.isAuthenticated() && Boolean.TRUE.equals(session.getAttribute(KEY_REFUSED))) {
            security.failed(address(session.getIoSession().getRemoteAddress()));
        }
    }

    static InetAddress address(SocketAddress remote) {
        return remote instanceof InetSocketAddress a ? a.getAddress() : InetAddress.getLoopbackAddress();
    }
}
