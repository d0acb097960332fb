package io.jfrp.client.visitor;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.util.concurrent.Future;

/**
 * The client's current session with the server, as visitors need it (frp's visitor {@code Helper}):
 * its run id, and new connections to the server (yamux streams with tcpMux, else new connections of
 * the transport) framed as the session's work connections are. Implemented by the control's
 * connection; thread-safe.
 */
public interface ServerLink {
    /** The run id of the session, sent in NewVisitorConn so the server knows the visitor's user. */
    String runId();

    /**
     * A new connection to the server with the message framing and then {@code handler}, added before
     * the connection is active (so its {@code channelActive} fires). Fails when the session is gone.
     */
    Future<Channel> openConnection(ChannelHandler handler);
}
