package io.jfrp.protocol.auth;

import io.jfrp.protocol.msg.Login;
import io.jfrp.protocol.msg.NewWorkConn;
import io.jfrp.protocol.msg.Ping;

import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * frp's token authentication method, both ends: the client {@code sign}s its messages, the server
 * {@code verify}s them.
 *
 * <h3>What is checked</h3>
 * Login always; Ping and NewWorkConn only for the configured {@link AuthScope}s (stock frp skips
 * them otherwise, and so do we). The key must equal {@code hex(MD5(token + timestamp))}, compared in
 * constant time. Unlike stock frps, the timestamp must also lie within {@code freshnessWindow} of
 * the server's clock, which bounds how long a captured Login can be replayed; a window of zero turns
 * the check off (stock behaviour). The freshness check runs after the key check, so an
 * unauthenticated peer learns nothing about the server's clock.
 *
 * <h3>Errors</h3>
 * Failures are {@link AuthenticationException}s carrying stock frps' client-facing wording and our
 * own reason for the log; the reason is logged here at debug level only, the caller logs the
 * failure once.
 *
 * <p>Immutable and thread-safe.
 */
public final class TokenAuthenticator implements AuthVerifier, AuthSigner {
    private final String token;
    private final Set<AuthScope> additionalScopes;
    private final TimedKeyCheck keyCheck;

    /**
     * @param token            the shared token ({@code auth.token}); may be empty
     * @param additionalScopes messages besides Login that carry a key
     * @param freshnessWindow  largest accepted distance between a timestamp and now; zero disables
     * @param clock            the time source (the system UTC clock in production)
     */
    public TokenAuthenticator(String token, Set<AuthScope> additionalScopes, Duration freshnessWindow, Clock clock) {
        this.token = Objects.requireNonNull(token, "token");
        this.additionalScopes = additionalScopes.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(additionalScopes));
        this.keyCheck = new TimedKeyCheck(freshnessWindow, clock);
    }

    /** An authenticator on the system clock. */
    public TokenAuthenticator(String token, Set<AuthScope> additionalScopes, Duration freshnessWindow) {
        this(token, additionalScopes, freshnessWindow, Clock.systemUTC());
    }

    // ---- client side ----

    /** {@code login} stamped with the current time and its key, as frpc sends it. */
    @Override
    public Login sign(Login login) {
        return stamped(login, Login::withAuth);
    }

    /** {@code ping} with a key if heartbeats are in scope, else unchanged. */
    @Override
    public Ping sign(Ping ping) {
        return additionalScopes.contains(AuthScope.HEARTBEATS) ? stamped(ping, Ping::withAuth) : ping;
    }

    /** {@code newWorkConn} with a key if work connections are in scope, else unchanged. */
    @Override
    public NewWorkConn sign(NewWorkConn newWorkConn) {
        return additionalScopes.contains(AuthScope.NEW_WORK_CONNS)
                ? stamped(newWorkConn, NewWorkConn::withAuth) : newWorkConn;
    }

    /** How a message takes a key and its timestamp: the message types' {@code withAuth}. */
    private interface KeyStamp<M> {
        M withAuth(M message, String privilegeKey, long timestamp);
    }

    private <M> M stamped(M message, KeyStamp<M> stamp) {
        long now = keyCheck.nowSeconds();
        return stamp.withAuth(message, AuthKeys.privilegeKey(token, now), now);
    }

    // ---- server side ----

    /** Verifies the key and the freshness of a Login. */
    @Override
    public void verifyLogin(Login login) throws AuthenticationException {
        keyCheck.check(login.privilegeKey(), login.timestamp(), token, "login",
                "token in login doesn't match token from configuration", "register control error");
    }

    /** Verifies a Ping if heartbeats are in scope. */
    @Override
    public void verifyPing(Ping ping) throws AuthenticationException {
        if (additionalScopes.contains(AuthScope.HEARTBEATS)) {
            keyCheck.check(ping.privilegeKey(), ping.timestamp(), token, "heartbeat",
                    "token in heartbeat doesn't match token from configuration", "invalid ping");
        }
    }

    /** Verifies a NewWorkConn if work connections are in scope. */
    @Override
    public void verifyNewWorkConn(NewWorkConn newWorkConn) throws AuthenticationException {
        if (additionalScopes.contains(AuthScope.NEW_WORK_CONNS)) {
            keyCheck.check(newWorkConn.privilegeKey(), newWorkConn.timestamp(), token, "NewWorkConn",
                    "token in NewWorkConn doesn't match token from configuration", "invalid NewWorkConn");
        }
    }
}
