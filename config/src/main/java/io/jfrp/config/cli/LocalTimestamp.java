package io.jfrp.config.cli;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.zone.ZoneRules;

/**
 * The log line's timestamp, {@code yyyy-MM-dd HH:mm:ss.SSS} in the zone the program started in,
 * written from {@link LocalDateTime}'s fields: the same text as {@code DateTimeFormatter.ofPattern(PATTERN)
 * .withZone(zone)} gives, without loading the formatter, its printer-parsers, chronology and
 * temporal queries on every start (issue 16). The offset is the zone's {@link ZoneRules}' (the
 * formatter's own source; {@code java.util.TimeZone} differs from it before 1900 and after 2037).
 * Years outside 1-9999 (which the formatter writes differently: year of era, a sign) are handed to
 * the formatter itself.
 */
final class LocalTimestamp {
    /** What this writes, in {@code DateTimeFormatter}'s pattern syntax. */
    static final String PATTERN = "yyyy-MM-dd HH:mm:ss.SSS";

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
        LocalDateTime local = LocalDateTime.ofEpochSecond(Math.floorDiv(epochMillis, 1_000L),
                (int) Math.floorMod(epochMillis, 1_000L) * 1_000_000, rules.getOffset(instant));
        int year = local.getYear();
        if (year < 1 || year > 9999) {
            return out.append(DateTimeFormatter.ofPattern(PATTERN).withZone(zone).format(instant));
        }
        pad(out, year, 4).append('-');
        pad(out, local.getMonthValue(), 2).append('-');
        pad(out, local.getDayOfMonth(), 2).append(' ');
        pad(out, local.getHour(), 2).append(':');
        pad(out, local.getMinute(), 2).append(':');
        pad(out, local.getSecond(), 2).append('.');
        return pad(out, local.getNano() / 1_000_000, 3);
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
