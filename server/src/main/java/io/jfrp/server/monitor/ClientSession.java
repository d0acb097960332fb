package io.jfrp.server.monitor;

import java.util.Objects;

/**
 * A logged-in client as the server knows it from its Login message and its connection.
 *
 * @param runId        the session's run id (never empty for a registered client)
 * @param user         Login.user, "" when none
 * @param clientId     Login.client_id as configured, "" when none (then the run id stands in)
 * @param hostname     Login.hostname
 * @param version      Login.version, "" when not sent
 * @param wireProtocol "v1" or "v2", "" when unknown
 * @param clientIp     the peer's IP address without the port
 */
public record ClientSession(String runId, String user, String clientId, String hostname, String version,
                            String wireProtocol, String clientIp) {
    public ClientSession {
        runId = Objects.requireNonNullElse(runId, "");
        user = Objects.requireNonNullElse(user, "");
        clientId = Objects.requireNonNullElse(clientId, "");
        hostname = Objects.requireNonNullElse(hostname, "");
        version = Objects.requireNonNullElse(version, "");
        wireProtocol = Objects.requireNonNullElse(wireProtocol, "");
        clientIp = Objects.requireNonNullElse(clientIp, "");
    }

    /** The configured client id, else the run id: what frp shows as clientID and tags proxies with. */
    public String effectiveClientId() {
        return clientId.isEmpty() ? runId : clientId;
    }
}
