package io.jfrp.server.monitor;

import java.util.Locale;

/**
 * jfrp's own meters beyond frp's, for the parts frp does not measure: the multiplexer, connections
 * that never authenticated, TLS handshakes, reloads and datagrams dropped by full udp queues. The
 * server calls these from wherever the event happens; with Prometheus off they are {@link #NOOP}.
 * All methods are thread-safe and cheap.
 *
 * <p>Exposed as {@code jfrp_mux_streams_open} (gauge), {@code jfrp_mux_window_stalls_total},
 * {@code jfrp_connections_closed_before_auth_total{reason}},
 * {@code jfrp_tls_handshakes_total{result="ok|failed"}},
 * {@code jfrp_reloads_total{result="ok|failed"}} and {@code jfrp_udp_datagrams_dropped_total}.
 * Labels come from enums and booleans only, so no peer can make the label sets grow.
 *
 * <p>Every meter has a no-op default: {@link #NOOP} is the interface itself, and an implementation
 * overrides what it counts.
 */
public interface JfrpMeters {
    /** A yamux stream opened (either side). */
    default void muxStreamOpened() {
    }

    /** A yamux stream is gone (closed, reset or its session ended). */
    default void muxStreamClosed() {
    }

    /** A sender had data but no window left for it. */
    default void muxWindowStalled() {
    }

    /** A connection was closed before it authenticated, for {@code reason}. */
    default void closedBeforeAuth(PreAuthCloseReason reason) {
    }

    /** A TLS handshake on an frp port finished, successfully or not. */
    default void tlsHandshake(boolean ok) {
    }

    /** A configuration reload finished, successfully or not. */
    default void reload(boolean ok) {
    }

    /** A udp proxy dropped a datagram from a user because its queue to the client was full. */
    default void udpDatagramDropped() {
    }

    /** Why a connection was closed before it authenticated; the {@code reason} label. */
    enum PreAuthCloseReason {
        /** Nothing (or not enough) arrived before the first-message deadline. */
        TIMEOUT,
        /** Bytes that are no frp transport, message or TLS hello. */
        PROTOCOL_ERROR,
        /** The TLS handshake failed. */
        TLS_FAILED,
        /** Plain TCP where {@code transport.tls.force} demands TLS. */
        TLS_REQUIRED,
        /** Wrong token or OIDC credentials. */
        AUTH_FAILED,
        /** A server plugin refused the Login, or the client id is already online. */
        REJECTED,
        /** Over a connection limit. */
        LIMIT;

        /** The label value: the name in lower case ("protocol_error"). */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Counts nothing. */
    JfrpMeters NOOP = new JfrpMeters() {
    };
}
