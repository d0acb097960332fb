package io.jfrp.server.monitor;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The in-memory statistics behind the dashboard, kept exactly as frp's {@code pkg/metrics/mem}
 * keeps them.
 *
 * <h3>What is kept</h3>
 * Server-wide: today's traffic in and out, open user connections, logged-in clients, registered
 * proxies per type. Per proxy name: 7 daily buckets of traffic in and out, open connections, the
 * last start and close times, user and client id, and while online its configuration.
 *
 * <h3>Lifetime of a proxy's entry</h3>
 * Registering a name again with the same type keeps its traffic history (a client that reconnects
 * keeps its charts); with another type starts afresh. An offline entry is dropped once it has been
 * offline for more than 7 days ({@link #clearExpired}, which {@link ServerMonitor} runs every
 * 12 hours, as frp), or at once by {@link #pruneOffline} (the two prune calls of the API).
 * Events for unknown names only count server-wide, as in frp.
 *
 * <p>Nothing is persisted. The clock (and its zone, which decides where days begin) is injected
 * so tests can move time. Thread-safe: one lock guards everything; each event is a few map
 * operations.
 */
public final class ServerStatistics implements ServerMetrics {
    /** frp's continuous-offline limit before an entry is cleared. */
    public static final Duration OFFLINE_RETENTION = Duration.ofDays(7);

    private final Clock clock;
    private final DailyCounter totalIn;
    private final DailyCounter totalOut;
    private long curConns;
    private long clients;
    private final Map<String, Long> proxyTypeCounts = new TreeMap<>();
    private final Map<String, Entry> proxies = new LinkedHashMap<>();

    /** Mutable per-proxy state; guarded by the statistics' lock. */
    private static final class Entry {
        final String name;
        final String type;
        final DailyCounter in;
        final DailyCounter out;
        String user = "";
        String clientId = "";
        long curConns;
        Instant lastStart;
        Instant lastClose;
        boolean online;
        Object conf;

        Entry(String name, String type, Clock clock) {
            this.name = name;
            this.type = type;
            this.in = new DailyCounter(clock);
            this.out = new DailyCounter(clock);
        }

        ProxySnapshot snapshot() {
            return new ProxySnapshot(name, type, user, clientId, in.today(), out.today(), curConns, lastStart, lastClose,
                    online, online ? conf : null);
        }
    }

    public ServerStatistics(Clock clock) {
        this.clock = clock;
        this.totalIn = new DailyCounter(clock);
        this.totalOut = new DailyCounter(clock);
    }

    /** The zone days and the API's local times are counted in. */
    public ZoneId zone() {
        return clock.getZone();
    }

    /** The clock the statistics use. */
    public Clock clock() {
        return clock;
    }

    @Override
    public synchronized void clientLoggedIn(ClientSession client) {
        clients++;
    }

    @Override
    public synchronized void clientGone(ClientSession client) {
        clients--;
    }

    @Override
    public synchronized void proxyRegistered(ProxyRegistration proxy) {
        proxyTypeCounts.merge(proxy.type(), 1L, Long::sum);
        Entry e = proxies.get(proxy.name());
        if (e == null || !e.type.equals(proxy.type())) {
            e = new Entry(proxy.name(), proxy.type(), clock);
            proxies.put(proxy.name(), e);
        }
        e.user = proxy.user();
        e.clientId = proxy.clientId();
        e.lastStart = clock.instant();
        e.online = true;
        e.conf = proxy.conf();
    }

    @Override
    public synchronized void proxyClosed(String name, String type) {
        proxyTypeCounts.computeIfPresent(type, (t, n) -> n - 1);
        Entry e = proxies.get(name);
        if (e != null) {
            e.lastClose = clock.instant();
            e.online = false;
            e.conf = null;
        }
    }

    @Override
    public synchronized void userConnectionOpened(String name, String type) {
        curConns++;
        entry(name).ifPresent(e -> e.curConns++);
    }

    @Override
    public synchronized void userConnectionClosed(String name, String type) {
        curConns--;
        entry(name).ifPresent(e -> e.curConns--);
    }

    @Override
    public synchronized void trafficIn(String name, String type, long bytes) {
        totalIn.add(bytes);
        entry(name).ifPresent(e -> e.in.add(bytes));
    }

    @Override
    public synchronized void trafficOut(String name, String type, long bytes) {
        totalOut.add(bytes);
        entry(name).ifPresent(e -> e.out.add(bytes));
    }

    /** The server-wide numbers. */
    public synchronized ServerSnapshot server() {
        return new ServerSnapshot(totalIn.today(), totalOut.today(), curConns, clients, new TreeMap<>(proxyTypeCounts));
    }

    /** Every proxy entry of {@code type}, online or not, in registration order. */
    public synchronized List<ProxySnapshot> proxiesByType(String type) {
        return proxies.values().stream().filter(e -> e.type.equals(type)).map(Entry::snapshot).toList();
    }

    /** Every proxy entry, in registration order. */
    public synchronized List<ProxySnapshot> proxies() {
        return proxies.values().stream().map(Entry::snapshot).toList();
    }

    /** The entry named {@code name}, of any type. */
    public synchronized Optional<ProxySnapshot> proxy(String name) {
        return entry(name).map(Entry::snapshot);
    }

    /** The entry named {@code name}, if there is one (with the lock held). */
    private Optional<Entry> entry(String name) {
        return Optional.ofNullable(proxies.get(name));
    }

    /** The entry named {@code name} when it has type {@code type}. */
    public synchronized Optional<ProxySnapshot> proxy(String type, String name) {
        return entry(name).filter(e -> e.type.equals(type)).map(Entry::snapshot);
    }

    /** The last 7 days of traffic of {@code name}, today first. */
    public synchronized Optional<ProxyTraffic> traffic(String name) {
        return entry(name).map(e -> new ProxyTraffic(name, e.in.lastDays(), e.out.lastDays()));
    }

    /** How many entries a clean-up removed, of how many there were. */
    public record PruneResult(int cleared, int total) {
    }

    /** Drops every offline entry now ({@code DELETE /api/proxies?status=offline}, v2 prune). */
    public PruneResult pruneOffline() {
        return clear(Duration.ZERO);
    }

    /** Drops entries offline for more than {@link #OFFLINE_RETENTION} (the 12-hourly clean-up). */
    public PruneResult clearExpired() {
        return clear(OFFLINE_RETENTION);
    }

    private synchronized PruneResult clear(Duration offlineFor) {
        Instant now = clock.instant();
        int total = proxies.size();
        int cleared = 0;
        for (Iterator<Entry> it = proxies.values().iterator(); it.hasNext(); ) {
            Entry e = it.next();
            // frp's rule: closed after its last start, and closed long enough (any time for a prune).
            boolean offline = e.lastClose != null && e.lastStart.isBefore(e.lastClose);
            Duration since = Duration.between(e.lastClose == null ? now : e.lastClose, now);
            if (offline && (offlineFor.isZero() || since.compareTo(offlineFor) > 0)) {
                it.remove();
                cleared++;
            }
        }
        return new PruneResult(cleared, total);
    }
}
