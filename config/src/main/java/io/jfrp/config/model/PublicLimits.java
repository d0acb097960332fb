package io.jfrp.config.model;

import java.time.Duration;

/**
 * Limits of the shared public ports (vhostHTTPPort, vhostHTTPSPort, tcpmuxHTTPConnectPort) against
 * slow and greedy visitors ({@code jfrp.security.http*}, {@code maxPublicConnectionsPerAddress}).
 *
 * @param httpRequestHeadTimeout   how long an HTTP/1.1 client may take to send a whole request head,
 *                                 counted from the connection's start or the end of its previous
 *                                 exchange (frps' ReadHeaderTimeout is 60 s)
 * @param httpMaxHeaders           request header fields allowed in one request; more is answered 431
 * @param maxConnectionsPerAddress open connections from one address on each shared port; past it a new
 *                                 one is closed at once; 0 = no limit
 */
public record PublicLimits(Duration httpRequestHeadTimeout, int httpMaxHeaders, int maxConnectionsPerAddress) {
    /** The defaults of reference.conf. */
    public static final PublicLimits DEFAULTS = new PublicLimits(Duration.ofSeconds(60), 100, 256);

    public PublicLimits {
        PreAuthLimits.positive(httpRequestHeadTimeout, "jfrp.security.httpRequestHeadTimeout");
        if (httpMaxHeaders < 1) {
            throw new IllegalArgumentException("jfrp.security.httpMaxHeaders must be at least 1, got " + httpMaxHeaders);
        }
        PreAuthLimits.notNegative(maxConnectionsPerAddress, "jfrp.security.maxPublicConnectionsPerAddress");
    }
}
