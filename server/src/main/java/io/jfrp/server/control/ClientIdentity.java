package io.jfrp.server.control;

import java.util.Map;

/**
 * Who a logged-in client is, as server plugins are told (frp's {@code UserInfo}).
 *
 * @param user  the Login's user
 * @param metas the Login's metadata
 * @param runId the client's run id
 */
public record ClientIdentity(String user, Map<String, String> metas, String runId) {
    public ClientIdentity {
        metas = metas == null ? Map.of() : Map.copyOf(metas);
    }
}
