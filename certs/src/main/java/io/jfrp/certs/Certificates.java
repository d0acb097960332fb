package io.jfrp.certs;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Small read-only views of a certificate for logs and checks: its fingerprint and the names it is
 * valid for.
 */
public final class Certificates {
    private static final int SAN_DNS = 2;
    private static final int SAN_IP = 7;

    /**
     * How far before "now" the validity of every certificate jfrp makes starts, to tolerate clock
     * differences between hosts. Here rather than in {@link CertificateBuilder} so that the
     * JDK-only {@link JdkServerCertificate} does not load that class (and Bouncy Castle with it).
     */
    static final Duration BACKDATE = Duration.ofMinutes(5);

    private Certificates() {
    }

    /**
     * {@code validity} when it is at least one minute, the shortest a certificate is made for. Here
     * rather than in the builder, so that checking it does not load Bouncy Castle.
     */
    static Duration requirePositive(Duration validity) {
        Objects.requireNonNull(validity, "validity");
        if (validity.isNegative() || validity.compareTo(Duration.ofMinutes(1)) < 0) {
            throw new IllegalArgumentException("validity must be at least one minute, was " + validity);
        }
        return validity;
    }

    /**
     * The SHA-256 fingerprint of the DER encoding as colon-separated upper-case hex, the form
     * {@code openssl x509 -noout -fingerprint -sha256} prints, so users can compare the two.
     */
    public static String sha256Fingerprint(X509Certificate certificate) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
            return HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new IllegalStateException("cannot fingerprint certificate", e);
        }
    }

    /**
     * The DNS names and IP addresses of the subjectAltName extension, as a {@link SubjectAltNames};
     * empty when there is none.
     */
    public static SubjectAltNames subjectAltNames(X509Certificate certificate) {
        List<String> dns = new ArrayList<>();
        List<String> ips = new ArrayList<>();
        try {
            Collection<List<?>> entries = certificate.getSubjectAlternativeNames();
            if (entries != null) {
                for (List<?> entry : entries) {
                    int type = (Integer) entry.get(0);
                    if (type == SAN_DNS) {
                        dns.add(((String) entry.get(1)).toLowerCase(Locale.ROOT));
                    } else if (type == SAN_IP) {
                        ips.add((String) entry.get(1));
                    }
                }
            }
        } catch (CertificateParsingException e) {
            throw new IllegalArgumentException("unreadable subjectAltName extension in "
                    + certificate.getSubjectX500Principal().getName(), e);
        }
        return SubjectAltNames.of(dns, ips);
    }

    /** True when the certificate's subjectAltNames include every name and address of {@code names}. */
    static boolean covers(X509Certificate certificate, SubjectAltNames names) {
        SubjectAltNames present = subjectAltNames(certificate);
        return present.dnsNames().containsAll(names.dnsNames())
                && present.ipAddresses().containsAll(names.ipAddresses());
    }

    /** A readable one-liner: subject, names, end of validity. */
    static String describe(X509Certificate certificate) {
        return certificate.getSubjectX500Principal().getName() + " [" + subjectAltNames(certificate)
                + "] valid until " + instantText(certificate.getNotAfter().toInstant());
    }

    /**
     * {@link Instant#toString()}'s text ({@code 2027-01-31T12:00:00Z}) for an instant of whole seconds
     * in years 1-9999, written from its UTC fields: {@code Instant.toString} formats with
     * {@code DateTimeFormatter.ISO_INSTANT}, whose printer-parsers and chronology jfrps would otherwise
     * load on every start only to log its certificate's end (issue 16). Any other instant is left to
     * {@code toString}.
     */
    static String instantText(Instant instant) {
        LocalDateTime utc = LocalDateTime.ofEpochSecond(instant.getEpochSecond(), 0, ZoneOffset.UTC);
        if (instant.getNano() != 0 || utc.getYear() < 1 || utc.getYear() > 9999) {
            return instant.toString();
        }
        StringBuilder text = new StringBuilder(20);
        Der.twoDigits(Der.twoDigits(text, utc.getYear() / 100), utc.getYear() % 100).append('-');
        Der.twoDigits(text, utc.getMonthValue()).append('-');
        Der.twoDigits(text, utc.getDayOfMonth()).append('T');
        Der.twoDigits(text, utc.getHour()).append(':');
        Der.twoDigits(text, utc.getMinute()).append(':');
        return Der.twoDigits(text, utc.getSecond()).append('Z').toString();
    }
}
