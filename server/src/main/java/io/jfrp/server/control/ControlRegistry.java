package io.jfrp.server.control;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Logged-in clients by run_id. A client that logs in again with its run_id replaces its old
 * control, which is closed (as stock frps does after a reconnect); {@link LoginAcceptor} waits for the
 * old control's cleanup before it registers the new one. Thread-safe.
 */
public final class ControlRegistry {
    private final ConcurrentMap<String, ServerControl> byRunId = new ConcurrentHashMap<>();

    /** Registers {@code control}, closing any control it replaces. */
    void register(ServerControl control) {
        ServerControl old = byRunId.put(control.runId(), control);
        if (old != null && old != control) {
            old.close("replaced by a new login with the same run_id");
        }
    }

    ServerControl get(String runId) {
        return byRunId.get(runId);
    }

    /** Removes {@code control} if it is still the one registered for its run_id. */
    void remove(ServerControl control) {
        byRunId.remove(control.runId(), control);
    }

    /** Clients logged in now. */
    public int size() {
        return byRunId.size();
    }
}
