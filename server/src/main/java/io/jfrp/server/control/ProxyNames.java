package io.jfrp.server.control;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Proxy names in use across all clients: a name belongs to one proxy at a time. Public as a part of
 * {@link ControlContext}; only the control package claims and releases names. Thread-safe.
 */
public final class ProxyNames {
    private final ConcurrentMap<String, String> ownerByName = new ConcurrentHashMap<>();

    /** Claims {@code name} for {@code runId}; false when another client's proxy has it. */
    boolean claim(String name, String runId) {
        String owner = ownerByName.putIfAbsent(name, runId);
        return owner == null;
    }

    void release(String name, String runId) {
        ownerByName.remove(name, runId);
    }
}
