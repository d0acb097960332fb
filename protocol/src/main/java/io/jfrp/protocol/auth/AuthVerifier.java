package io.jfrp.protocol.auth;

import io.jfrp.protocol.msg.Login;
import io.jfrp.protocol.msg.NewWorkConn;
import io.jfrp.protocol.msg.Ping;

/**
 * The server's side of an authentication method (frp's {@code auth.Verifier}): the token method
 * is {@link TokenAuthenticator}; another method (frp's OIDC) would be another implementation.
 */
public interface AuthVerifier {
    /** Accepts or refuses a client's login. */
    void verifyLogin(Login login) throws AuthenticationException;

    /** Accepts or refuses a heartbeat (a no-op unless the method covers heartbeats). */
    void verifyPing(Ping ping) throws AuthenticationException;

    /** Accepts or refuses a work connection (a no-op unless the method covers work connections). */
    void verifyNewWorkConn(NewWorkConn newWorkConn) throws AuthenticationException;
}
