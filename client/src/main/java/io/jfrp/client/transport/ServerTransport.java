package io.jfrp.client.transport;

import io.netty.util.concurrent.Future;

/**
 * A way to reach the server (rathole's {@code Transport} trait, frp's {@code Connector}): one
 * implementation per family of {@code transport.protocol}. The control connection, the work
 * connections and the visitors' connections are written against it and its {@link ServerSession},
 * and never know which transport carries them.
 *
 * <ul>
 *   <li>{@link StreamServerTransport}: tcp, kcp, websocket and wss, optionally through a proxyURL;
 *   with tcpMux a session is a yamux session over one such connection, without it every connection
 *   is dialed anew.</li>
 *   <li>{@link io.jfrp.client.transport.quic.QuicServerTransport}: a session is a QUIC connection,
 *   every frp connection one of its streams.</li>
 * </ul>
 *
 * <p>Implementations are thread-safe.
 */
public interface ServerTransport {
    /**
     * Opens a session with the server: what one login and its work connections run on.
     *
     * @return completes when the session can open connections (for yamux and QUIC: the underlying
     *         connection is established and its handshakes done), or fails with why (refused, timed
     *         out, a TLS alert, the proxy said no)
     */
    Future<ServerSession> openSession();
}
