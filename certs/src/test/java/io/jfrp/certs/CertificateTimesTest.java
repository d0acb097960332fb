package io.jfrp.certs;

import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1UTCTime;
import org.bouncycastle.asn1.ASN1GeneralizedTime;
import org.bouncycastle.asn1.BERTags;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Times written digit by digit: X.509's the bytes {@code DateTimeFormatter} gave for the same
 * patterns, and the certificate's description the text of {@code Instant.toString}.
 */
class CertificateTimesTest {
    private static final DateTimeFormatter UTC_TIME =
            DateTimeFormatter.ofPattern(Der.UTC_TIME_PATTERN).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter GENERALIZED_TIME =
            DateTimeFormatter.ofPattern(Der.GENERALIZED_TIME_PATTERN).withZone(ZoneOffset.UTC);
    private static final Instant END = Instant.parse("2050-01-01T00:00:00Z");

    @Test
    void theSameBytesAsTheFormatter() {
        SplittableRandom random = new SplittableRandom(16);
        long[] fixed = {0, 1, -1, END.getEpochSecond() - 1, END.getEpochSecond(), END.getEpochSecond() + 1,
                951_782_400L /* 2000-02-29 */, -631_152_000L /* 1950 */, 253_402_300_799L /* 9999-12-31T23:59:59 */,
                -62_167_219_200L /* 0000-01-01 */};
        for (long second : fixed) {
            assertSameAsFormatter(Instant.ofEpochSecond(second, 999_999_999));
        }
        for (int i = 0; i < 50_000; i++) {
            assertSameAsFormatter(Instant.ofEpochSecond(random.nextLong(-62_167_219_200L, 253_402_300_800L),
                    random.nextInt(1_000_000_000)));
        }
    }

    @Test
    void theDescriptionsInstantIsInstantToString() {
        SplittableRandom random = new SplittableRandom(17);
        long[] fixed = {0, -1, 951_782_400L, 253_402_300_799L, 253_402_300_800L, -62_135_596_800L, -62_135_596_801L};
        for (long second : fixed) {
            assertThat(Certificates.instantText(Instant.ofEpochSecond(second)))
                    .isEqualTo(Instant.ofEpochSecond(second).toString());
        }
        for (int i = 0; i < 50_000; i++) {
            Instant instant = Instant.ofEpochSecond(random.nextLong(-70_000_000_000L, 260_000_000_000L),
                    i % 10 == 9 ? random.nextInt(1_000_000_000) : 0);
            assertThat(Certificates.instantText(instant)).isEqualTo(instant.toString());
        }
    }

    @Test
    void bouncyCastleReadsTheTimeBack() throws IOException, ParseException {
        Instant now = Instant.ofEpochSecond(1_796_000_000L);
        assertThat(((ASN1UTCTime) ASN1Primitive.fromByteArray(Der.time(now))).getAdjustedDate().toInstant())
                .isEqualTo(now);
        Instant later = Instant.ofEpochSecond(4_000_000_000L);
        assertThat(((ASN1GeneralizedTime) ASN1Primitive.fromByteArray(Der.time(later))).getDate().toInstant())
                .isEqualTo(later);
    }

    private static void assertSameAsFormatter(Instant instant) {
        boolean utcTime = instant.isBefore(END);
        byte[] expected = Der.element(utcTime ? BERTags.UTC_TIME : BERTags.GENERALIZED_TIME,
                (utcTime ? UTC_TIME : GENERALIZED_TIME).format(instant).getBytes(StandardCharsets.US_ASCII));
        byte[] actual = Der.time(instant);
        assertThat(Arrays.equals(actual, expected))
                .as("%s: %s against %s", instant, new String(actual, StandardCharsets.ISO_8859_1),
                        new String(expected, StandardCharsets.ISO_8859_1))
                .isTrue();
    }
}
