package io.jfrp.server.security;

import java.net.InetAddress;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Open connections per source address, with a limit: {@link #tryAcquire} counts one more unless the
 * address is at the limit, {@link #release} counts one less. An address at zero holds no entry, so
 * the map holds at most as many entries as there are connections. Thread-safe.
 */
public final class AddressCounts {
    private final int limit;
    private final ConcurrentMap<InetAddress, Integer> counts = new ConcurrentHashMap<>();

    /** @param limit connections per address; 0 = no limit (still counted) */
    public AddressCounts(int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative: " + limit);
        }
        this.limit = limit;
    }

    /** One more connection from {@code address}; false (and nothing counted) when it is at the limit. */
    public boolean tryAcquire(InetAddress address) {
        boolean[] admitted = {false};
        counts.compute(address, (a, n) -> {
            int held = n == null ? 0 : n;
            if (limit > 0 && held >= limit) {
                return n;
            }
            admitted[0] = true;
            return held + 1;
        });
        return admitted[0];
    }

    /** One connection from {@code address} less. */
    public void release(InetAddress address) {
        counts.computeIfPresent(address, (a, n) -> n <= 1 ? null : n - 1);
    }

    /** Connections from {@code address} now. */
    public int count(InetAddress address) {
        return counts.getOrDefault(address, 0);
    }

    /** Addresses with at least one connection. */
    public int addresses() {
        return counts.size();
    }
}
