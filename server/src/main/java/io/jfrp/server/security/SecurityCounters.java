package io.jfrp.server.security;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntSupplier;

/** The counters behind {@link SecurityMetrics}: one adder per {@link CloseReason}. Thread-safe. */
final class SecurityCounters implements SecurityMetrics {
    private final EnumMap<CloseReason, LongAdder> closes = new EnumMap<>(CloseReason.class);
    private final IntSupplier unauthenticated;
    private final IntSupplier backedOff;

    SecurityCounters(IntSupplier unauthenticated, IntSupplier backedOff) {
        for (CloseReason r : CloseReason.values()) {
            closes.put(r, new LongAdder());
        }
        this.unauthenticated = unauthenticated;
        this.backedOff = backedOff;
    }

    void count(CloseReason reason) {
        closes.get(reason).increment();
    }

    void count(CloseReason reason, long n) {
        closes.get(reason).add(n);
    }

    @Override
    public long closes(CloseReason reason) {
        return closes.get(reason).sum();
    }

    @Override
    public Map<CloseReason, Long> closesByReason() {
        EnumMap<CloseReason, Long> out = new EnumMap<>(CloseReason.class);
        closes.forEach((r, n) -> out.put(r, n.sum()));
        return Collections.unmodifiableMap(out);
    }

    @Override
    public int unauthenticatedConnections() {
        return unauthenticated.getAsInt();
    }

    @Override
    public int backedOffAddresses() {
        return backedOff.getAsInt();
    }
}
