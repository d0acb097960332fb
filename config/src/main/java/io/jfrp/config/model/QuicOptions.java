package io.jfrp.config.model;

import java.time.Duration;
import java.util.Objects;

/**
 * frp's {@code transport.quic} table, the same on both programs (frp's {@code QUICOptions}).
 *
 * @param keepalivePeriod    transport.quic.keepalivePeriod: a PING is sent after this much silence (frp: 10 s)
 * @param maxIdleTimeout     transport.quic.maxIdleTimeout: the connection ends after this much silence
 *                           (frp: 30 s)
 * @param maxIncomingStreams transport.quic.maxIncomingStreams: streams the peer may have open at once
 *                           (frp: 100000)
 */
public record QuicOptions(Duration keepalivePeriod, Duration maxIdleTimeout, long maxIncomingStreams) {
    /** frp's defaults. */
    public static final QuicOptions DEFAULT = new QuicOptions(Duration.ofSeconds(10), Duration.ofSeconds(30), 100_000);

    public QuicOptions {
        Objects.requireNonNull(keepalivePeriod, "keepalivePeriod");
        Objects.requireNonNull(maxIdleTimeout, "maxIdleTimeout");
        if (keepalivePeriod.isNegative() || maxIdleTimeout.isNegative() || maxIncomingStreams < 0) {
            throw new IllegalArgumentException("transport.quic values must not be negative: " + keepalivePeriod
                    + ", " + maxIdleTimeout + ", " + maxIncomingStreams);
        }
    }
}
