package io.jfrp.server.proxy;

/**
 * What one proxy reports about its user connections, for frps' statistics and metrics (the
 * dashboard's current connections and traffic, {@code frp_server_connection_counts},
 * {@code frp_server_traffic_in/out}). The control gives each proxy's {@link WorkConnBridge} one bound
 * to the proxy's name and type; the bridge reports every connection it serves (see
 * {@link TrafficCounter}). A proxy that moves datagrams rather than connections (udp) reports
 * {@link #traffic} per datagram, as frp does.
 *
 * <p>Thread-safe and cheap: called from every event loop.
 *
 * <p>Every report has a no-op default: {@link #NONE} is the interface itself.
 */
public interface UserConnectionMeter {
    /** Counts nothing. */
    UserConnectionMeter NONE = new UserConnectionMeter() {
    };

    /** A user connection was joined to a work connection. */
    default void opened() {
    }

    /** That connection ended. */
    default void closed() {
    }

    /** Bytes moved: {@code fromUser} towards the client's service, {@code toUser} back to the user. */
    default void traffic(long fromUser, long toUser) {
    }
}
