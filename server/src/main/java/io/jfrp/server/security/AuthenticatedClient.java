package io.jfrp.server.security;

import io.jfrp.config.model.ServerUser;
import io.jfrp.protocol.auth.AuthVerifier;
import io.jfrp.protocol.crypto.CryptoKey;

/**
 * Who a logged-in client is: a user of jfrps' table ({@code jfrp.users}), or a holder of the shared
 * auth.token or OIDC (with whatever {@code user} its Login named). It carries the credential everything after
 * the Login is checked and encrypted with: the authenticator of Ping and NewWorkConn keys, and the key
 * of the control stream and of the proxies' work connections. Immutable; made by {@link Credentials}.
 *
 * @param user          the Login's user ("" for none)
 * @param tableUser     the user's entry in jfrp.users, or null for a client of the shared token
 * @param authenticator checks the keys of this client's Pings and NewWorkConns (with its own token)
 * @param key           the key of this client's control stream and work-connection encryption
 */
public record AuthenticatedClient(String user, ServerUser tableUser, AuthVerifier authenticator, CryptoKey key) {
    /** Whether {@code other} is the same principal: the same table user, or both of the shared token. */
    public boolean samePrincipal(AuthenticatedClient other) {
        return tableUser == null ? other.tableUser == null : other.tableUser != null
                && tableUser.name().equals(other.tableUser.name());
    }

    /** For log lines: "user 'alice'" or "the shared token". */
    public String describe() {
        return tableUser != null ? "user '" + user + "'" : "the shared token" + (user.isEmpty() ? "" : " (user '" + user + "')");
    }

    @Override
    public String toString() {
        return "AuthenticatedClient[" + describe() + "]";
    }
}
