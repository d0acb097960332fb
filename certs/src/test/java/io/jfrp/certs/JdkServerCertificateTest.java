package io.jfrp.certs;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The JDK-made self-signed server certificate is, to the byte, the certificate Bouncy Castle's
 * server profile makes from the same key, serial and clock (only the signature differs: ECDSA is
 * randomised), and the JDK verifies and reads it as such.
 */
class JdkServerCertificateTest {
    private static SecureRandom seeded() throws Exception {
        SecureRandom random = SecureRandom.getInstance("SHA1PRNG");
        random.setSeed(42L);
        return random;
    }

    @ParameterizedTest
    @EnumSource(KeyAlgorithm.class)
    void theCertificateIsTheOneBouncyCastleMakesToTheByte(KeyAlgorithm algorithm) throws Exception {
        KeyPair keys = algorithm.generateKeyPair(new SecureRandom());
        SubjectAltNames names = SubjectAltNames.of(List.of("localhost", "frps.example.com", "127.0.0.1", "::1"));
        Duration validity = Duration.ofDays(3650);
        Clock clock = Clock.fixed(Instant.parse("2026-12-03T13:14:15.678Z"), ZoneOffset.UTC);

        X509Certificate jdk = JdkServerCertificate.selfSigned(names, keys, validity, seeded(), clock);
        X509Certificate bc = new CertificateBuilder(CertificateBuilder.Profile.SERVER, seeded(), clock)
                .commonName(names.primaryName())
                .subjectAltNames(names)
                .publicKey(keys.getPublic())
                .validity(validity)
                .selfSigned(keys.getPrivate());

        assertThat(jdk.getTBSCertificate()).isEqualTo(bc.getTBSCertificate());
        assertThat(jdk.getSigAlgOID()).isEqualTo(bc.getSigAlgOID());
        assertThat(jdk.getSigAlgParams()).isEqualTo(bc.getSigAlgParams());
        jdk.verify(keys.getPublic());
        assertThat(jdk.getBasicConstraints()).isEqualTo(-1);
        assertThat(jdk.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.1");
        assertThat(jdk.getCriticalExtensionOIDs()).containsExactlyInAnyOrder("2.5.29.19", "2.5.29.15");
        assertThat(Certificates.subjectAltNames(jdk)).isEqualTo(Certificates.subjectAltNames(bc));
        assertThat(Certificates.covers(jdk, names)).isTrue();
    }

    @Test
    void validityFromFiveMinutesAgoUsesGeneralizedTimeFrom2050() throws Exception {
        KeyPair keys = KeyAlgorithm.EC_P256.generateKeyPair(new SecureRandom());
        Instant now = Instant.parse("2045-06-01T00:00:00Z");
        Clock clock = Clock.fixed(now, ZoneOffset.UTC);
        X509Certificate jdk = JdkServerCertificate.selfSigned(SubjectAltNames.LOCALHOST, keys,
                Duration.ofDays(3650), new SecureRandom(), clock);

        assertThat(jdk.getNotBefore().toInstant()).isEqualTo(now.minus(Duration.ofMinutes(5)));
        assertThat(jdk.getNotAfter().toInstant()).isEqualTo(now.plus(Duration.ofDays(3650)));
        assertThat(jdk.getSubjectX500Principal().getName()).isEqualTo("CN=localhost,O=jfrp");
        assertThat(jdk.getIssuerX500Principal()).isEqualTo(jdk.getSubjectX500Principal());
    }

    @Test
    void noNamesIsRefused() {
        KeyPair keys = KeyAlgorithm.EC_P256.generateKeyPair(new SecureRandom());
        assertThatThrownBy(() -> JdkServerCertificate.selfSigned(SubjectAltNames.of(List.of()), keys,
                Duration.ofDays(1), new SecureRandom(), Clock.systemUTC()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("DNS name or IP address");
    }
}
