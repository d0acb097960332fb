package io.jfrp.nathole.analysis;

import io.jfrp.nathole.NatFeature;
import io.jfrp.nathole.NatType;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The coordinator's memory of what worked (frp's {@code nathole.Analyzer}): per analysis key (both
 * sides' public IPs and NAT features, see {@link AnalysisKey}), the {@link BehaviorScores} of every
 * candidate behaviour pair. A recommendation takes the best pair and assigns its two behaviours to
 * client and visitor; a success report raises the pair's score; {@link #clean()} forgets keys not
 * used for {@code natholeAnalysisDataReserveHours}.
 *
 * <h3>Limits</h3>
 * frp keeps any number of keys until they age out. Keys come from what authenticated clients claim
 * as their mapped addresses, so a client could fill the map; we keep at most {@code maxRecords}
 * keys and drop the least recently used beyond that, which changes nothing for real traffic (frp's
 * own comment sizes cleaning at 100,000 records).
 *
 * <p>Thread-safe: one lock for the map and the scores.
 */
public final class PunchAnalyzer {
    /** frp's default {@code natholeAnalysisDataReserveHours}: 7 days. */
    public static final Duration DEFAULT_RESERVE = Duration.ofHours(168);
    /** Default bound on remembered keys. */
    public static final int DEFAULT_MAX_RECORDS = 100_000;

    private final Duration reserve;
    private final InstantSource clock;
    private final Map<String, BehaviorScores> records;

    /**
     * @param reserve    how long a key is kept after its last use
     * @param clock      the time source
     * @param maxRecords the most keys kept
     */
    public PunchAnalyzer(Duration reserve, InstantSource clock, int maxRecords) {
        if (reserve.isNegative()) {
            throw new IllegalArgumentException("reserve duration must not be negative: " + reserve);
        }
        if (maxRecords < 1) {
            throw new IllegalArgumentException("maxRecords must be positive: " + maxRecords);
        }
        this.reserve = reserve;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.records = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, BehaviorScores> eldest) {
                return size() > maxRecords;
            }
        };
    }

    /** The behaviours to use next for {@code key}, creating its scores from the features on first use. */
    public synchronized Recommendation recommend(String key, NatFeature client, NatFeature visitor) {
        Instant now = clock.instant();
        BehaviorScores scores = records.computeIfAbsent(key, k -> BehaviorScores.forFeatures(client, visitor, now));
        int[] choice = scores.recommend(now);
        int mode = choice[0];
        int index = choice[1];
        BehaviorPair pair = PunchModes.pair(mode, index);
        PunchBehavior c = pair.a();
        PunchBehavior v = pair.b();
        boolean swap = switch (mode) {
            case 1 -> client.natType() == NatType.EASY_NAT; // the hard NAT sends
            case 2 -> client.natType() == NatType.HARD_NAT; // the hard NAT receives
            case 4 -> !client.regularPortsChange();         // the regular one sends
            default -> false;
        };
        return swap ? new Recommendation(mode, index, v, c) : new Recommendation(mode, index, c, v);
    }

    /** The proxy side reported success with {@code mode}/{@code index} for {@code key}. */
    public synchronized void reportSuccess(String key, int mode, int index) {
        BehaviorScores scores = records.get(key);
        if (scores != null) {
            scores.reportSuccess(mode, index, clock.instant());
        }
    }

    /** Forgets keys unused for longer than the reserve; returns {removed, total before}. */
    public synchronized CleanResult clean() {
        Instant now = clock.instant();
        int total = records.size();
        int removed = 0;
        for (Iterator<BehaviorScores> it = records.values().iterator(); it.hasNext(); ) {
            if (Duration.between(it.next().lastUpdate(), now).compareTo(reserve) > 0) {
                it.remove();
                removed++;
            }
        }
        return new CleanResult(removed, total);
    }

    /** How many keys are remembered. */
    public synchronized int size() {
        return records.size();
    }

    /** The scores of {@code key}, for tests (package-private). */
    synchronized BehaviorScores scores(String key) {
        return records.get(key);
    }

    /**
     * What a {@link #clean()} did.
     *
     * @param removed keys forgotten
     * @param total   keys before cleaning
     */
    public record CleanResult(int removed, int total) {
    }
}
