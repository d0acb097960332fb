package io.jfrp.config.cli;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.zone.ZoneRules;

/**
 * The log line's timestamp, {@code yyyy-MM-dd HH:mm:ss.SSS} in the zone the program started in,
 * written with integer arithmetic: the same text as {@code DateTimeFormatter.ofPattern(PATTERN)
 * .withZone(zone)} gives, without loading the formatter, its printer-parsers, chronology and
 * temporal queries on every start (issue 16). The offset is the zone's {@link ZoneRules}' (the
 * formatter's own source; {@code java.util.TimeZone} differs from it before 1900 and after 2037).
 * Years outside 1-9999 (which the formatter writes differently: year of era, a sign) are handed to
 * the formatter itself.
 */
final class LocalTimestamp {
    /** What this writes, in {@code DateTimeFormatter}'s pattern syntax. */
    static final String PATTERN = "yyyy-MM-dd HH:mm:ss.SSS";

    private static final long MILLIS_PER_DAY = 86_400_000L;

    private final ZoneId zone;
    private final ZoneRules rules;

    /** The timestamp in {@code zone}. */
    LocalTimestamp(ZoneId zone) {
        this.zone = zone;
        this.rules = zone.getRules();
    }

    /** The timestamp in the JVM's default zone at the time of the call. */
    static LocalTimestamp systemDefault() {
        return new LocalTimestamp(ZoneId.systemDefault());
    }

    /** Appends the local time of {@code epochMillis} to {@code out}. */
    StringBuilder append(StringBuilder out, long epochMillis) {
        Instant instant = Instant.ofEpochMilli(epochMillis);
        long local = epochMillis + rules.getOffset(instant).getTotalSeconds() * 1_000L;
        long days = Math.floorDiv(local, MILLIS_PER_DAY);
        int millisOfDay = (int) Math.floorMod(local, MILLIS_PER_DAY);
        // Days since 1970-01-01 to a proleptic Gregorian date (H. Hinnant's civil_from_days).
        long z = days + 719_468;
        long era = Math.floorDiv(z, 146_097);
        long dayOfEra = z - era * 146_097;
        long yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365;
        long dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
        long monthIndex = (5 * dayOfYear + 2) / 153;
        int day = (int) (dayOfYear - (153 * monthIndex + 2) / 5 + 1);
        int month = (int) (monthIndex < 10 ? monthIndex + 3 : monthIndex - 9);
        long year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
        if (year < 1 || year > 9999) {
            return out.append(DateTimeFormatter.ofPattern(PATTERN).withZone(zone).format(instant));
        }
        pad(out, (int) year, 4).append('-');
        pad(out, month, 2).append('-');
        pad(out, day, 2).append(' ');
        pad(out, millisOfDay / 3_600_000, 2).append(':');
        pad(out, millisOfDay / 60_000 % 60, 2).append(':');
        pad(out, millisOfDay / 1_000 % 60, 2).append('.');
        return pad(out, millisOfDay % 1_000, 3);
    }

    private static StringBuilder pad(StringBuilder out, int value, int width) {
        for (int limit = 10, digits = 1; digits < width; digits++, limit *= 10) {
            if (value < limit) {
                out.append('0');
            }
        }
        return out.append(value);
    }

}
