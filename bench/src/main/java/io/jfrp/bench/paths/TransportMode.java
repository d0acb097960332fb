package io.jfrp.bench.paths;

/**
 * How an frp-protocol path (jfrp or stock frp) is set up: frp's transport choices plus jfrp's own
 * window auto-tuning switch. A path's name is its family and this mode's, e.g. "jfrp-mux-tls".
 *
 * @param autoTuning jfrp.mux.window-auto-tuning on both sides (off = stock yamux's fixed 256 KiB window; jfrp only)
 * @param vhostHttp  publish an {@code http} proxy on the server's vhostHTTPPort instead of a tcp proxy
 * @param protocol   transport.protocol: tcp, websocket, wss, kcp or quic (for the last two the server's
 *                   kcpBindPort or quicBindPort is its bindPort's number, UDP)
 */
public record TransportMode(String name, boolean tcpMux, boolean tls, int poolCount, boolean autoTuning,
                            boolean vhostHttp, String protocol, String wireProtocol) {
    /** The Host every request through the vhost path carries (the proxy's customDomains). */
    public static final String VHOST_DOMAIN = "bench.test";

    /** frp's defaults: tcpMux and TLS. The reference of every "j" ratio as jfrp-mux-tls. */
    public static final TransportMode MUX_TLS = tcp("mux-tls", true, true, 0, true, false);
    /** tcpMux without TLS. */
    public static final TransportMode MUX_PLAIN = tcp("mux-plain", true, false, 0, true, false);
    /** tcpMux off, TLS on, 5 pooled work connections: a TLS connection per public connection. */
    public static final TransportMode POOL_TLS = tcp("pool-tls", false, true, 5, true, false);
    /** An http proxy routed by Host on the vhostHTTPPort, over tcpMux + TLS. */
    public static final TransportMode VHOST_HTTP = tcp("vhost-http", true, true, 0, true, true);
    /** tcpMux + TLS with the yamux window fixed at 256 KiB (auto-tuning off), as stock yamux. */
    public static final TransportMode MUX_TLS_FIXED_WINDOW = tcp("mux-tls-fixed-256k", true, true, 0, false, false);

    /** frp's defaults with wire protocol v2 (frp 0.69 and later). */
    public static final TransportMode MUX_TLS_V2 = over("mux-tls-v2", "tcp", true, "v2");
    /** transport.protocol websocket, TLS inside the WebSocket, tcpMux. */
    public static final TransportMode WEBSOCKET_TLS = over("ws-tls", "websocket", true, "v1");
    /** transport.protocol wss (TLS, then the WebSocket), tcpMux; jfrps terminates it, stock frps cannot. */
    public static final TransportMode WSS = over("wss", "wss", true, "v1");
    /** transport.protocol kcp, TLS over KCP, tcpMux. */
    public static final TransportMode KCP_TLS = over("kcp-tls", "kcp", true, "v1");
    /** transport.protocol quic: QUIC's own TLS 1.3, a QUIC stream per connection. */
    public static final TransportMode QUIC = over("quic", "quic", true, "v1");

    private static TransportMode tcp(String name, boolean tcpMux, boolean tls, int poolCount, boolean autoTuning,
                                     boolean vhostHttp) {
        return new TransportMode(name, tcpMux, tls, poolCount, autoTuning, vhostHttp, "tcp", "v1");
    }

    private static TransportMode over(String name, String protocol, boolean tls, String wireProtocol) {
        return new TransportMode(name, true, tls, 0, true, false, protocol, wireProtocol);
    }

    /** Whether the server needs kcpBindPort (kcp) or quicBindPort (quic). */
    public boolean udp() {
        return protocol.equals("kcp") || protocol.equals("quic");
    }
}
