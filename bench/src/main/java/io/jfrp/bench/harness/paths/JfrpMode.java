package io.jfrp.bench.harness.paths;

/**
 * How a jfrp path is configured: frp's transport choices (tcpMux, TLS, pool) plus jfrp's own
 * window auto-tuning switch. The names are the path names in reports.
 *
 * @param pathName    e.g. "jfrp-mux-tls"
 * @param tcpMux      transport.tcpMux on both sides
 * @param tls         jfrpc's transport.tls.enable
 * @param poolCount   jfrpc's transport.poolCount
 * @param autoTuning  jfrp.mux.window-auto-tuning on both sides (off = stock yamux's fixed 256 KiB window)
 * @param vhostHttp   publish as an {@code http} proxy on jfrps's vhostHTTPPort instead of a tcp proxy
 */
public record JfrpMode(String pathName, boolean tcpMux, boolean tls, int poolCount, boolean autoTuning,
                       boolean vhostHttp) {
    /** The Host every request through the vhost path carries (the proxy's customDomains). */
    public static final String VHOST_DOMAIN = "bench.test";

    /** frp's defaults: tcpMux and TLS. */
    public static final JfrpMode MUX_TLS = new JfrpMode("jfrp-mux-tls", true, true, 0, true, false);
    /** tcpMux without TLS. */
    public static final JfrpMode MUX_PLAIN = new JfrpMode("jfrp-mux-plain", true, false, 0, true, false);
    /** tcpMux off: every public connection takes a pooled TLS work connection (5 kept ready). */
    public static final JfrpMode POOL_TLS = new JfrpMode("jfrp-pool-tls", false, true, 5, true, false);
    /** An http proxy routed by Host on jfrps's vhostHTTPPort, over tcpMux + TLS. */
    public static final JfrpMode VHOST_HTTP = new JfrpMode("jfrp-vhost-http", true, true, 0, true, true);
    /** tcpMux + TLS with the yamux window fixed at 256 KiB (auto-tuning off), as stock yamux. */
    public static final JfrpMode MUX_TLS_FIXED_WINDOW = new JfrpMode("jfrp-mux-tls-fixed-256k", true, true, 0, false,
            false);
}
