package io.jfrp.server.ssh;

import org.apache.sshd.common.config.keys.AuthorizedKeyEntry;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntryResolver;
import org.apache.sshd.server.auth.pubkey.PublickeyAuthenticator;
import org.apache.sshd.server.session.ServerSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.security.PublicKey;

/**
 * The gateway's {@code authorizedKeysFile}, as frp reads it: OpenSSH's authorized_keys format, read
 * again at every attempt (keys added or removed count at once), and the comment of the key that
 * matched is the frp user of the tunnel's proxy (recorded in the session). A file that cannot be
 * read refuses everyone, with the reason in the log.
 *
 * @param file the authorized_keys file
 */
record AuthorizedKeys(Path file) implements PublickeyAuthenticator {
    private static final Logger log = LoggerFactory.getLogger(AuthorizedKeys.class);

    @Override
    public boolean authenticate(String username, PublicKey key, ServerSession session) {
        try {
            for (AuthorizedKeyEntry entry : AuthorizedKeyEntry.readAuthorizedKeys(file)) {
                PublicKey allowed = entry.resolvePublicKey(session, PublicKeyEntryResolver.IGNORING);
                if (allowed != null && KeyUtils.compareKeys(allowed, key)) {
                    String comment = entry.getComment() == null ? "" : entry.getComment().trim();
                    session.setAttribute(TunnelSession.KEY_USER, comment);
                    return true;
                }
            }
        } catch (Exception e) {
            log.error("ssh tunnel gateway: cannot read authorizedKeysFile {}: {}", file, e.toString());
            return false;
        }
        log.info("ssh tunnel gateway: unknown public key from {}", session.getClientAddress());
        return false;
    }
}
