package io.jfrp.protocol.msg;

/**
 * Application-level heartbeat from the client (frp's {@code msg.Ping}, type {@code 'h'}), used when
 * tcpMux is off. The key is set only when {@code auth.additionalScopes} includes {@code HeartBeats}.
 *
 * @param privilegeKey {@code hex(MD5(token + timestamp))}, or empty
 * @param timestamp    unix seconds of the key, or 0
 */
public record Ping(
        String privilegeKey,
        long timestamp) implements Message {

    /** A heartbeat without authentication (the stock default). */
    public static final Ping EMPTY = new Ping("", 0);

    /** A heartbeat carrying the given authentication key and its timestamp. */
    public Ping withAuth(String privilegeKey, long timestamp) {
        return new Ping(privilegeKey, timestamp);
    }
}
