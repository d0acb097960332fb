package io.jfrp.server.monitor;

import java.time.Clock;
import java.time.LocalDate;

/**
 * A count per local day for the last {@link #DAYS} days, today first: frp's {@code DateCounter}
 * with 7 reserved days. Days roll over lazily, on the next read or write after midnight of the
 * clock's zone; days without events count 0, and a gap of 7 days or more clears everything.
 *
 * <p>frp measures the gap in hours / 24 between midnights, which loses a day when a daylight
 * saving change makes one 23 hours long; this counts calendar days.
 *
 * <p>Not thread-safe: {@link ServerStatistics} guards every counter with its own lock.
 */
final class DailyCounter {
    static final int DAYS = 7;

    private final Clock clock;
    private long[] counts = new long[DAYS];
    private LocalDate lastUpdate;

    DailyCounter(Clock clock) {
        this.clock = clock;
        this.lastUpdate = LocalDate.now(clock);
    }

    void add(long n) {
        rotate();
        counts[0] += n;
    }

    long today() {
        rotate();
        return counts[0];
    }

    /** The last 7 days, today first. */
    long[] lastDays() {
        rotate();
        return counts.clone();
    }

    private void rotate() {
        LocalDate today = LocalDate.now(clock);
        long days = today.toEpochDay() - lastUpdate.toEpochDay();
        if (days <= 0) {
            return;
        }
        long[] rolled = new long[DAYS];
        if (days < DAYS) {
            System.arraycopy(counts, 0, rolled, (int) days, DAYS - (int) days);
        }
        counts = rolled;
        lastUpdate = today;
    }
}
