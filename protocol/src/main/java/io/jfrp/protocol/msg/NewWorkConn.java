package io.jfrp.protocol.msg;

/**
 * The first message on a new work connection (frp's {@code msg.NewWorkConn}, type {@code 'w'}):
 * the client offers it to the session identified by {@code runId}. The key is set only when the
 * client's {@code auth.additionalScopes} includes {@code NewWorkConns}.
 *
 * @param runId        the session this connection belongs to
 * @param privilegeKey {@code hex(MD5(token + timestamp))}, or empty
 * @param timestamp    unix seconds of the key, or 0
 */
public record NewWorkConn(
        String runId,
        String privilegeKey,
        long timestamp) implements Message {

    /** A work connection offer without authentication (the stock default). */
    public static NewWorkConn of(String runId) {
        return new NewWorkConn(runId, "", 0);
    }

    /** This message carrying the given authentication key and its timestamp. */
    public NewWorkConn withAuth(String privilegeKey, long timestamp) {
        return new NewWorkConn(runId, privilegeKey, timestamp);
    }
}
