package io.jfrp.client.control;

import io.jfrp.config.model.proxy.ProxyConfig;
import io.jfrp.config.model.proxy.ProxyMessages;
import io.jfrp.protocol.msg.NewProxyResp;
import io.netty.channel.Channel;

/** What a {@link ClientConnection} tells the client that owns it. Called on the connection's loops. */
public interface ConnectionEvents {
    /**
     * The login succeeded; {@code control} is the control stream, encrypted from here. By default
     * every proxy of the configuration is asked for at once (NewProxy); the client's proxy manager
     * takes over instead.
     */
    default void onLoggedIn(ClientContext context, Channel control) {
        for (ProxyConfig p : context.config().proxies()) {
            control.write(ProxyMessages.toNewProxy(p, context.config().user()));
        }
        control.flush();
    }

    /** The server answered a NewProxy. */
    void onProxyResult(NewProxyResp resp);

    /** The connection ended (after a login or not). */
    void onDisconnected(ClientConnection connection);
}
