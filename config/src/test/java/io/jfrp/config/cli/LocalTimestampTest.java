package io.jfrp.config.cli;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** The log line's timestamp: the same text as {@code DateTimeFormatter} writes for its pattern and zone. */
class LocalTimestampTest {
    @ParameterizedTest
    @ValueSource(strings = {"UTC", "Europe/Berlin", "America/New_York", "America/St_Johns", "Asia/Kolkata",
            "Asia/Kathmandu", "Australia/Lord_Howe", "Pacific/Chatham", "Pacific/Kiritimati", "America/Sao_Paulo",
            "Africa/Casablanca", "GMT+05:30", "Etc/GMT+12", "+14:00", "-00:00:01"})
    void writesWhatTheFormatterWrites(String zoneName) {
        ZoneId zone = ZoneId.of(zoneName);
        LocalTimestamp timestamp = new LocalTimestamp(zone);
        DateTimeFormatter formatter = DateTimeFormatter.ofPattern(LocalTimestamp.PATTERN).withZone(zone);
        SplittableRandom random = new SplittableRandom(zoneName.hashCode());
        long[] fixed = {0, -1, 1, 999, -86_400_000L, 951_782_400_000L /* 2000-02-29 */, 4_107_542_400_000L,
                253_402_300_799_999L /* 9999-12-31T23:59:59.999Z */, 253_402_300_800_000L, -62_167_219_200_000L,
                -62_167_219_200_001L, Long.MAX_VALUE / 1_000, -Long.MAX_VALUE / 1_000};
        for (long millis : fixed) {
            assertSame(timestamp, formatter, millis);
        }
        for (int i = 0; i < 20_000; i++) {
            // Mostly around now and the DST switches of the coming decades, then any date.
            long millis = i % 4 == 3 ? random.nextLong(-300_000_000_000_000L, 300_000_000_000_000L)
                    : random.nextLong(0, 4_102_444_800_000L);
            assertSame(timestamp, formatter, millis);
        }
    }

    private static void assertSame(LocalTimestamp timestamp, DateTimeFormatter formatter, long millis) {
        assertThat(timestamp.append(new StringBuilder("x"), millis).toString())
                .as("%d ms", millis)
                .isEqualTo("x" + formatter.format(Instant.ofEpochMilli(millis)));
    }
}
