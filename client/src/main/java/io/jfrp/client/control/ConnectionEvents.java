package io.jfrp.client.control;

import io.jfrp.protocol.msg.NewProxyResp;

/** What a {@link ClientConnection} tells the client that owns it. Called on the connection's loops. */
public interface ConnectionEvents {
    /** The server answered a NewProxy. */
    void onProxyResult(NewProxyResp resp);

    /** The connection ended (after a login or not). */
    void onDisconnected(ClientConnection connection);
}
