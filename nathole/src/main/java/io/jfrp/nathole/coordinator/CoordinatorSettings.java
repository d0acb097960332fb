package io.jfrp.nathole.coordinator;

import io.jfrp.nathole.analysis.PunchAnalyzer;

import java.time.Duration;
import java.util.Objects;

/**
 * The coordinator's timings and limits; {@link #defaults()} are frp 0.70's values.
 *
 * @param clientTimeout      how long a session waits for the proxy client's NatHoleClient (frp's
 *                           {@code NatHoleTimeout}, 10 s)
 * @param senderDelay        how much later a sender gets its NatHoleResp than the receiver, so that
 *                           the receiver's probes are out first (1 s)
 * @param retentionExtra     how long an answered session is kept beyond the client's read timeout,
 *                           so that its NatHoleReport still finds it (30 s)
 * @param analysisReserve    {@code natholeAnalysisDataReserveHours} (168 h)
 * @param cleanInterval      how often old analysis data is forgotten (1 h)
 * @param maxSessions        sessions in progress at once; more get an error (frp has no limit)
 * @param maxAnalysisRecords NAT pairs remembered (frp has no limit)
 * @param signKeyVerifier    the visitor's sign key check
 */
public record CoordinatorSettings(Duration clientTimeout, Duration senderDelay, Duration retentionExtra,
                                  Duration analysisReserve, Duration cleanInterval, int maxSessions,
                                  int maxAnalysisRecords, SignKeyVerifier signKeyVerifier) {

    /** Default limit on sessions in progress: far above any real load, low enough to bound memory. */
    public static final int DEFAULT_MAX_SESSIONS = 10_000;

    public CoordinatorSettings {
        for (Duration d : new Duration[] {clientTimeout, senderDelay, retentionExtra, analysisReserve, cleanInterval}) {
            if (d == null || d.isNegative()) {
                throw new IllegalArgumentException("durations must be set and not negative: " + d);
            }
        }
        if (cleanInterval.isZero()) {
            throw new IllegalArgumentException("cleanInterval must be positive");
        }
        if (maxSessions < 1 || maxAnalysisRecords < 1) {
            throw new IllegalArgumentException("limits must be positive: maxSessions " + maxSessions
                    + ", maxAnalysisRecords " + maxAnalysisRecords);
        }
        Objects.requireNonNull(signKeyVerifier, "signKeyVerifier");
    }

    /** frp 0.70's values. */
    public static CoordinatorSettings defaults() {
        return new CoordinatorSettings(Duration.ofSeconds(10), Duration.ofSeconds(1), Duration.ofSeconds(30),
                PunchAnalyzer.DEFAULT_RESERVE, Duration.ofHours(1), DEFAULT_MAX_SESSIONS,
                PunchAnalyzer.DEFAULT_MAX_RECORDS, SignKeyVerifier.STOCK);
    }

    /** These settings with {@code natholeAnalysisDataReserveHours}. */
    public CoordinatorSettings withAnalysisReserveHours(long hours) {
        return new CoordinatorSettings(clientTimeout, senderDelay, retentionExtra, Duration.ofHours(hours),
                cleanInterval, maxSessions, maxAnalysisRecords, signKeyVerifier);
    }

    /** These settings with another sign key check. */
    public CoordinatorSettings withSignKeyVerifier(SignKeyVerifier verifier) {
        return new CoordinatorSettings(clientTimeout, senderDelay, retentionExtra, analysisReserve, cleanInterval,
                maxSessions, maxAnalysisRecords, verifier);
    }

    /** These settings with another session limit. */
    public CoordinatorSettings withMaxSessions(int max) {
        return new CoordinatorSettings(clientTimeout, senderDelay, retentionExtra, analysisReserve, cleanInterval,
                max, maxAnalysisRecords, signKeyVerifier);
    }
}
