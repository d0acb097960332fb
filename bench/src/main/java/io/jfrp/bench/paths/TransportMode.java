package io.jfrp.bench.paths;

/**
 * How an frp-protocol path (jfrp or stock frp) is set up: frp's transport choices (tcpMux, TLS, work
 * connection pool) plus jfrp's own window auto-tuning switch. A path's name is its programs' family
 * and this mode's name, e.g. "jfrp-mux-tls", "frp-pool-tls".
 *
 * @param name       e.g. "mux-tls"
 * @param tcpMux     transport.tcpMux on both sides
 * @param tls        the client's transport.tls.enable
 * @param poolCount  the client's transport.poolCount
 * @param autoTuning jfrp.mux.window-auto-tuning on both sides (off = stock yamux's fixed 256 KiB window; jfrp only)
 * @param vhostHttp  publish an {@code http} proxy on the server's vhostHTTPPort instead of a tcp proxy
 */
public record TransportMode(String name, boolean tcpMux, boolean tls, int poolCount, boolean autoTuning,
                            boolean vhostHttp) {
    /** The Host every request through the vhost path carries (the proxy's customDomains). */
    public static final String VHOST_DOMAIN = "bench.test";

    /** frp's defaults: tcpMux and TLS. The reference of every "j" ratio as jfrp-mux-tls. */
    public static final TransportMode MUX_TLS = new TransportMode("mux-tls", true, true, 0, true, false);
    /** tcpMux without TLS. */
    public static final TransportMode MUX_PLAIN = new TransportMode("mux-plain", true, false, 0, true, false);
    /** tcpMux off, TLS on, 5 pooled work connections: a TLS connection per public connection. */
    public static final TransportMode POOL_TLS = new TransportMode("pool-tls", false, true, 5, true, false);
    /** An http proxy routed by Host on the vhostHTTPPort, over tcpMux + TLS. */
    public static final TransportMode VHOST_HTTP = new TransportMode("vhost-http", true, true, 0, true, true);
    /** tcpMux + TLS with the yamux window fixed at 256 KiB (auto-tuning off), as stock yamux. */
    public static final TransportMode MUX_TLS_FIXED_WINDOW = new TransportMode("mux-tls-fixed-256k", true, true, 0,
            false, false);
}
