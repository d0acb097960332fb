package io.jfrp.server.security;

import java.net.InetAddress;
import java.util.Iterator;
import java.util.LinkedHashSet;

/**
 * The connections not authenticated yet, against two limits: per source address (a new connection
 * past it is refused) and in total (past it the oldest is evicted to admit the newest, so a flood
 * from many addresses delays clients by its deadlines at most and never locks them out). An address
 * some client has logged in from is exempt from the per-address limit: without tcpMux its client
 * opens a connection per work connection, hundreds at once under load, each unauthenticated until
 * its NewWorkConn. Thread-safe.
 */
final class UnauthenticatedConnections {
    private final int max;
    private final AddressCounts perAddress;
    /** Oldest first. Guarded by this. */
    private final LinkedHashSet<PendingConnection> pending = new LinkedHashSet<>();

    UnauthenticatedConnections(int max, int maxPerAddress) {
        this.max = max;
        this.perAddress = new AddressCounts(maxPerAddress);
    }

    /**
     * Admits {@code c}, or returns false when its address is at its limit (nothing counted then).
     *
     * @param exempt the address has a logged-in client: no per-address limit
     */
    boolean admit(PendingConnection c, boolean exempt) {
        if (!exempt) {
            if (!perAddress.tryAcquire(c.address())) {
                return false;
            }
            c.countedPerAddress = true;
        }
        PendingConnection evicted = null;
        synchronized (this) {
            pending.add(c);
            if (pending.size() > max) {
                Iterator<PendingConnection> oldest = pending.iterator();
                evicted = oldest.next();
                oldest.remove();
            }
        }
        if (evicted != null) {
            evicted.close(CloseReason.UNAUTHENTICATED_EVICTED);
        }
        return true;
    }

    /** {@code c} authenticated or closed. Called once per admitted connection. */
    void release(PendingConnection c) {
        synchronized (this) {
            pending.remove(c);
        }
        if (c.countedPerAddress) {
            perAddress.release(c.address());
        }
    }

    synchronized int size() {
        return pending.size();
    }

    /** The limit in force. */
    int max() {
        return max;
    }
}
