package io.jfrp.protocol.msg;

/**
 * A visitor (the client side of stcp/sudp) connects to a secret proxy (frp's
 * {@code msg.NewVisitorConn}, type {@code 'v'}); answered by {@link NewVisitorConnResp}.
 *
 * @param runId          the visitor client's session
 * @param proxyName      the proxy to visit ({@code user.name})
 * @param signKey        {@code hex(MD5(secretKey + timestamp))}
 * @param timestamp      unix seconds of the sign key
 * @param useEncryption  wrap the connection in AES-128-CFB keyed by the secret key
 * @param useCompression wrap the connection in snappy framing
 */
public record NewVisitorConn(
        String runId,
        String proxyName,
        String signKey,
        long timestamp,
        boolean useEncryption,
        boolean useCompression) implements Message {

    /** This message carrying the given sign key and its timestamp. */
    public NewVisitorConn withAuth(String signKey, long timestamp) {
        return new NewVisitorConn(runId, proxyName, signKey, timestamp, useEncryption, useCompression);
    }
}
