package io.jfrp.server.security;

import io.jfrp.config.model.ServerUser;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The ports each logged-in table user may take, by the run id its proxies reserve ports under, so
 * that the port policy places a {@code remotePort = 0} among them and refuses any other. Clients of
 * the shared token, and users without allowPorts, are not listed: the server's allowPorts alone
 * applies to them. Thread-safe.
 */
public final class UserPorts {
    private final ConcurrentMap<String, Registration> byRunId = new ConcurrentHashMap<>();

    /** One control's entry; closing it removes the entry unless a newer control took the run id. */
    public final class Registration implements AutoCloseable {
        private final String runId;
        private final ServerUser user;

        private Registration(String runId, ServerUser user) {
            this.runId = runId;
            this.user = user;
        }

        @Override
        public void close() {
            byRunId.remove(runId, this);
        }
    }

    /** Lists the ports of {@code client} (if it is a table user with ports) under {@code runId}. */
    public Registration register(String runId, AuthenticatedClient client) {
        ServerUser user = client.tableUser();
        Registration r = new Registration(runId, user);
        if (user != null && !user.allowPorts().isUnrestricted()) {
            byRunId.put(runId, r);
        }
        return r;
    }

    /**
     * Null when {@code owner} (a run id, or a load-balancing group's own name) may have {@code port}
     * as far as users go, else why not.
     */
    public String check(String owner, int port) {
        Registration r = byRunId.get(owner);
        if (r == null || r.user.allowPorts().allows(port)) {
            return null;
        }
        return "port " + port + " is not among the ports of user " + r.user.name() + " (" + r.user.allowPorts() + ")";
    }
}
