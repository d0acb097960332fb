package io.jfrp.config.model;

import java.time.Duration;
import java.util.Objects;

/**
 * What a connection to bindPort may cost before its client has authenticated (a Login accepted, or
 * in pool mode a NewWorkConn): deadlines and counts ({@code jfrp.security}). Every deadline runs from
 * the moment the connection is accepted, or the stream opened, and closes it when it passes.
 *
 * @param firstByteTimeout      no byte at all within this: closed (frp closes after 10 s too)
 * @param tlsHandshakeTimeout   a TLS handshake not complete within this: closed
 * @param firstMessageTimeout   a connection or yamux stream that has not sent its first frp message
 *                              (Login, NewWorkConn, NewVisitorConn) within this: closed
 * @param loginTimeout          a connection not authenticated within this: closed, whatever it sent
 * @param maxConnections        connections not authenticated yet, from all addresses; past it the
 *                              oldest is closed to admit the newest; 0 = a quarter of the open-file
 *                              limit, at most {@link #AUTO_MAX_CONNECTIONS_CAP}
 * @param maxPerAddress         connections not authenticated yet from one address; past it a new one
 *                              is closed at once; 0 = no limit
 * @param maxStreamsBeforeLogin yamux streams a session may have open before its Login is accepted
 *                              (a stock frpc opens one); a SYN beyond it gets RST
 */
public record PreAuthLimits(Duration firstByteTimeout, Duration tlsHandshakeTimeout, Duration firstMessageTimeout,
                            Duration loginTimeout, int maxConnections, int maxPerAddress, int maxStreamsBeforeLogin) {
    /** The most unauthenticated connections the automatic limit allows, whatever the open-file limit. */
    public static final int AUTO_MAX_CONNECTIONS_CAP = 4096;

    /** The defaults of reference.conf. */
    public static final PreAuthLimits DEFAULTS = new PreAuthLimits(Duration.ofSeconds(10), Duration.ofSeconds(10),
            Duration.ofSeconds(10), Duration.ofSeconds(30), 0, 64, 4);

    public PreAuthLimits {
        positive(firstByteTimeout, "jfrp.security.firstByteTimeout");
        positive(tlsHandshakeTimeout, "jfrp.security.tlsHandshakeTimeout");
        positive(firstMessageTimeout, "jfrp.security.firstMessageTimeout");
        positive(loginTimeout, "jfrp.security.loginTimeout");
        notNegative(maxConnections, "jfrp.security.maxUnauthenticatedConnections");
        notNegative(maxPerAddress, "jfrp.security.maxUnauthenticatedPerAddress");
        if (maxStreamsBeforeLogin < 1) {
            throw new IllegalArgumentException("jfrp.security.maxStreamsBeforeLogin must be at least 1 (a client"
                    + " logs in on a stream), got " + maxStreamsBeforeLogin);
        }
    }

    /** All four deadlines set to {@code d} (tests). */
    public PreAuthLimits withDeadlines(Duration d) {
        return new PreAuthLimits(d, d, d, d, maxConnections, maxPerAddress, maxStreamsBeforeLogin);
    }

    public PreAuthLimits withLoginTimeout(Duration d) {
        return new PreAuthLimits(firstByteTimeout, tlsHandshakeTimeout, firstMessageTimeout, d, maxConnections,
                maxPerAddress, maxStreamsBeforeLogin);
    }

    public PreAuthLimits withCounts(int total, int perAddress) {
        return new PreAuthLimits(firstByteTimeout, tlsHandshakeTimeout, firstMessageTimeout, loginTimeout, total,
                perAddress, maxStreamsBeforeLogin);
    }

    /**
     * The limit on unauthenticated connections in force: {@link #maxConnections}, or when it is 0 a
     * quarter of {@code openFileLimit} (between 16 and {@link #AUTO_MAX_CONNECTIONS_CAP}), so that a
     * flood of silent connections is turned away long before the process runs out of descriptors.
     *
     * @param openFileLimit the process's soft limit on open files, or a negative number when unknown
     */
    public int effectiveMaxConnections(long openFileLimit) {
        if (maxConnections > 0) {
            return maxConnections;
        }
        if (openFileLimit <= 0) {
            return AUTO_MAX_CONNECTIONS_CAP;
        }
        return (int) Math.max(16, Math.min(AUTO_MAX_CONNECTIONS_CAP, openFileLimit / 4));
    }

    static Duration positive(Duration d, String key) {
        Objects.requireNonNull(d, key);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(key + " must be positive, got " + d);
        }
        return d;
    }

    static int notNegative(int n, String key) {
        if (n < 0) {
            throw new IllegalArgumentException(key + " must not be negative, got " + n);
        }
        return n;
    }
}
