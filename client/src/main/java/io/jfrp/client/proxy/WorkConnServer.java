package io.jfrp.client.proxy;

import io.netty.channel.socket.DuplexChannel;

/**
 * What serves a stream proxy's work connection on the client: {@link LocalServiceDial} dials
 * localIP:localPort and relays (frp's default), a client plugin speaks to the user itself (an HTTP or
 * SOCKS5 proxy, a file server, a TLS end) or reaches another kind of service (a UNIX socket). One
 * instance serves every work connection of its proxy.
 */
public interface WorkConnServer {
    /**
     * Serves one user connection carried by {@code work}: StartWorkConn received, the proxy's
     * encryption, compression and client-mode bandwidth limit in place, reading held
     * ({@code Relay.holdUntilJoined}). Called on the work connection's event loop; owns {@code work}
     * from here and closes it when the user cannot be served.
     */
    void serve(DuplexChannel work, UserConn user);
}
