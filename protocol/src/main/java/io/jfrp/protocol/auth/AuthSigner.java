package io.jfrp.protocol.auth;

import io.jfrp.protocol.msg.Login;
import io.jfrp.protocol.msg.NewWorkConn;
import io.jfrp.protocol.msg.Ping;

/**
 * The client's side of an authentication method (frp's {@code auth.Setter}): returns each message
 * carrying whatever the method puts into it.
 */
public interface AuthSigner {
    /** The login to send. */
    Login sign(Login login);

    /** The heartbeat to send. */
    Ping sign(Ping ping);

    /** The work-connection offer to send. */
    NewWorkConn sign(NewWorkConn newWorkConn);

    /**
     * Whether {@code sign} may block (OIDC fetches a token over the network): callers on an event
     * loop then run it on another thread. Default: false.
     */
    default boolean blocks() {
        return false;
    }
}
