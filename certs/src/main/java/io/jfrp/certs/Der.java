package io.jfrp.certs;

import org.bouncycastle.asn1.BERTags;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The few ASN.1 DER encodings an X.509 certificate is made of (X.690 section 10): definite
 * lengths, minimal integers, and the X.509 time rule (UTCTime before 2050, GeneralizedTime from
 * then on; RFC 5280 section 4.1.2.5). Each method returns one complete element.
 *
 * <p>Encoding only, from values this program made itself: nothing here parses input from a peer.
 * It exists so that {@link JdkServerCertificate} can make jfrps's self-signed certificate without
 * loading Bouncy Castle at start-up (see there).
 *
 * <p>The tags are X.690's, named by Bouncy Castle's {@link BERTags}: an interface of compile-time
 * constants, which the compiler copies into this class, so using it loads nothing of Bouncy Castle
 * (it runs without Bouncy Castle on the class path).
 */
final class Der {
    /** What {@link #time} writes, in {@code DateTimeFormatter}'s pattern syntax (its test compares them). */
    static final String UTC_TIME_PATTERN = "yyMMddHHmmss'Z'";
    static final String GENERALIZED_TIME_PATTERN = "yyyyMMddHHmmss'Z'";
    /** 2050-01-01T00:00:00Z. */
    private static final Instant UTC_TIME_END = Instant.ofEpochSecond(2_524_608_000L);

    private Der() {
    }

    /** Tag, definite length, content. */
    static byte[] element(int tag, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(content.length + 6);
        out.write(tag);
        int length = content.length;
        if (length < 0x80) {
            out.write(length);
        } else {
            int bytes = (Integer.SIZE - Integer.numberOfLeadingZeros(length) + 7) / 8;
            out.write(0x80 | bytes);
            for (int i = bytes - 1; i >= 0; i--) {
                out.write(length >>> (8 * i));
            }
        }
        out.writeBytes(content);
        return out.toByteArray();
    }

    /** The elements one after the other, as the content of a constructed element. */
    static byte[] concat(byte[]... elements) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] e : elements) {
            out.writeBytes(e);
        }
        return out.toByteArray();
    }

    static byte[] sequence(byte[]... elements) {
        return element(BERTags.CONSTRUCTED | BERTags.SEQUENCE, concat(elements));
    }

    static byte[] set(byte[]... elements) {
        return element(BERTags.CONSTRUCTED | BERTags.SET, concat(elements));
    }

    /** A context-specific tag ([n]); constructed for EXPLICIT tagging and SEQUENCE-like content. */
    static byte[] contextTag(int n, boolean constructed, byte[] content) {
        return element(BERTags.CONTEXT_SPECIFIC | (constructed ? BERTags.CONSTRUCTED : 0) | n, content);
    }

    static byte[] integer(BigInteger value) {
        return element(BERTags.INTEGER, value.toByteArray()); // two's complement, minimal: DER's rule
    }

    static byte[] integer(long value) {
        return integer(BigInteger.valueOf(value));
    }

    static byte[] bool(boolean value) {
        return element(0x01, new byte[] {(byte) (value ? 0xff : 0x00)});
    }

    static byte[] nul() {
        return element(BERTags.NULL, new byte[0]);
    }

    static byte[] octetString(byte[] value) {
        return element(BERTags.OCTET_STRING, value);
    }

    /** A BIT STRING of whole bytes (no unused bits). */
    static byte[] bitString(byte[] value) {
        return bitString(value, 0);
    }

    /** A BIT STRING whose last {@code unusedBits} bits are padding. */
    static byte[] bitString(byte[] value, int unusedBits) {
        byte[] content = new byte[value.length + 1];
        content[0] = (byte) unusedBits;
        System.arraycopy(value, 0, content, 1, value.length);
        return element(BERTags.BIT_STRING, content);
    }

    static byte[] utf8(String value) {
        return element(BERTags.UTF8_STRING, value.getBytes(StandardCharsets.UTF_8));
    }

    /** An OBJECT IDENTIFIER from its dotted form ({@code "2.5.4.3"}). */
    static byte[] oid(String dotted) {
        String[] arcs = dotted.split("\\.");
        if (arcs.length < 2) {
            throw new IllegalArgumentException("an object identifier has at least two arcs: " + dotted);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        base128(out, Long.parseLong(arcs[0]) * 40 + Long.parseLong(arcs[1]));
        for (int i = 2; i < arcs.length; i++) {
            base128(out, Long.parseLong(arcs[i]));
        }
        return element(BERTags.OBJECT_IDENTIFIER, out.toByteArray());
    }

    private static void base128(ByteArrayOutputStream out, long value) {
        int groups = Math.max(1, (Long.SIZE - Long.numberOfLeadingZeros(value) + 6) / 7);
        for (int i = groups - 1; i >= 0; i--) {
            int b = (int) ((value >>> (7 * i)) & 0x7f);
            out.write(i == 0 ? b : b | 0x80);
        }
    }

    /**
     * An X.509 Time: UTCTime before 2050, GeneralizedTime from 2050 (RFC 5280 4.1.2.5), whole seconds.
     * The digits are written from the instant's UTC fields rather than by a {@code DateTimeFormatter},
     * whose printer-parsers and chronology jfrps would otherwise load on every start for its
     * self-signed certificate (issue 16); a year outside 1-9999 (which the formatter writes as a
     * year of era, or with a sign) goes to the formatter.
     */
    static byte[] time(Instant instant) {
        boolean utcTime = instant.isBefore(UTC_TIME_END);
        LocalDateTime utc = LocalDateTime.ofEpochSecond(instant.getEpochSecond(), 0, ZoneOffset.UTC);
        String text;
        if (utc.getYear() < 1 || utc.getYear() > 9999) {
            text = DateTimeFormatter.ofPattern(utcTime ? UTC_TIME_PATTERN : GENERALIZED_TIME_PATTERN)
                    .withZone(ZoneOffset.UTC).format(instant);
        } else {
            StringBuilder digits = new StringBuilder(15);
            if (utcTime) {
                twoDigits(digits, utc.getYear() % 100);
            } else {
                twoDigits(digits, utc.getYear() / 100);
                twoDigits(digits, utc.getYear() % 100);
            }
            twoDigits(digits, utc.getMonthValue());
            twoDigits(digits, utc.getDayOfMonth());
            twoDigits(digits, utc.getHour());
            twoDigits(digits, utc.getMinute());
            twoDigits(digits, utc.getSecond());
            text = digits.append('Z').toString();
        }
        return element(utcTime ? BERTags.UTC_TIME : BERTags.GENERALIZED_TIME, text.getBytes(StandardCharsets.US_ASCII));
    }

    /** Appends {@code value} (0-99) as two digits; also {@link Certificates}'s. */
    static StringBuilder twoDigits(StringBuilder out, int value) {
        return out.append((char) ('0' + value / 10)).append((char) ('0' + value % 10));
    }
}
