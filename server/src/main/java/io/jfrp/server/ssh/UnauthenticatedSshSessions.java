package io.jfrp.server.ssh;

import io.jfrp.server.security.CloseReason;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.session.SessionListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetAddress;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The SSH gateway's sessions that have not authenticated yet, against the same two limits as
 * bindPort's connections (jfrp.security): per source address (a new session past it is closed at
 * once) and in total (past it the oldest is closed to admit the newest, so a flood from many
 * addresses never locks real users out). With MINA's authentication timeout (the gateway sets it to
 * jfrp.security.loginTimeout) no peer of the public SSH port holds more than these, for longer than
 * that, before it authenticates. Thread-safe: MINA calls it from its I/O threads.
 */
final class UnauthenticatedSshSessions implements SessionListener {
    private static final Logger log = LoggerFactory.getLogger(UnauthenticatedSshSessions.class);

    private final int max;
    private final int maxPerAddress;
    private final Consumer<CloseReason> counted;
    /** Oldest first, with the address each is counted under. Guarded by this. */
    private final LinkedHashMap<Session, InetAddress> pending = new LinkedHashMap<>();
    /** Guarded by this. */
    private final Map<InetAddress, Integer> perAddress = new HashMap<>();

    /**
     * @param max           sessions not authenticated, from all addresses
     * @param maxPerAddress sessions not authenticated from one address
     * @param counted       told of every session closed here, with why
     */
    UnauthenticatedSshSessions(int max, int maxPerAddress, Consumer<CloseReason> counted) {
        if (max < 1 || maxPerAddress < 1) {
            throw new IllegalArgumentException("limits must be positive: " + max + ", " + maxPerAddress);
        }
        this.max = max;
        this.maxPerAddress = maxPerAddress;
        this.counted = counted;
    }

    @Override
    public void sessionCreated(Session session) {
        if (session.isClosing()) { // refused already (SshLoginBackoff): it must not evict another
            return;
        }
        InetAddress address = SshLoginBackoff.address(session.getIoSession().getRemoteAddress());
        Session evicted = null;
        synchronized (this) {
            int held = perAddress.getOrDefault(address, 0);
            if (held >= maxPerAddress) {
                log.debug("ssh gateway: closing a session from {}: {} not authenticated from there already",
                        address, held);
                counted.accept(CloseReason.SSH_PER_ADDRESS);
                session.close(true);
                return;
            }
            perAddress.put(address, held + 1);
            pending.put(session, address);
            if (pending.size() > max) {
                Iterator<Session> oldest = pending.keySet().iterator();
                evicted = oldest.next();
                release(pending.get(evicted));
                oldest.remove();
            }
        }
        if (evicted != null) {
            counted.accept(CloseReason.SSH_EVICTED);
            evicted.close(true);
        }
    }

    @Override
    public void sessionEvent(Session session, Event event) {
        if (event == Event.Authenticated) {
            forget(session);
        }
    }

    @Override
    public void sessionClosed(Session session) {
        forget(session);
    }

    /** Sessions not authenticated now. */
    synchronized int size() {
        return pending.size();
    }

    private synchronized void forget(Session session) {
        InetAddress address = pending.remove(session);
        if (address != null) {
            release(address);
        }
    }

    /** Guarded by this. */
    private void release(InetAddress address) {
        perAddress.computeIfPresent(address, (a, n) -> n <= 1 ? null : n - 1);
    }
}
