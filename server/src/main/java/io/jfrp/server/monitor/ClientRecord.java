package io.jfrp.server.monitor;

import java.time.Instant;

/**
 * What the server remembers about a client (frp's {@code registry.ClientInfo}).
 *
 * @param key              {@code user.clientID}, or the id alone when user is empty
 * @param user             the client's user
 * @param rawClientId      the configured client id, "" when none
 * @param runId            the current run id, "" once offline
 * @param hostname         from the last Login
 * @param clientIp         the peer's IP of the last login, without port
 * @param version          from the last Login
 * @param wireProtocol     "v1" or "v2"
 * @param firstConnectedAt the first login under this key
 * @param lastConnectedAt  the last login
 * @param disconnectedAt   when it went offline, null while online
 * @param online           logged in now
 */
public record ClientRecord(String key, String user, String rawClientId, String runId, String hostname,
                           String clientIp, String version, String wireProtocol, Instant firstConnectedAt,
                           Instant lastConnectedAt, Instant disconnectedAt, boolean online) {

    /** The configured client id, else the run id (frp's {@code ClientInfo.ClientID()}). */
    public String clientId() {
        return rawClientId.isEmpty() ? runId : rawClientId;
    }
}
