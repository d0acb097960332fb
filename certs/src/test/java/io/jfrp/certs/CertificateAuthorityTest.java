package io.jfrp.certs;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CertificateAuthorityTest {
    static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
    static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";
    static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    @TempDir
    Path dir;

    @Test
    void caIsSelfSignedWithCaConstraintsAndEcKey() throws Exception {
        CertificateAuthority ca = CertificateAuthority.create(Duration.ofDays(365));
        X509Certificate certificate = ca.certificate();

        certificate.verify(certificate.getPublicKey());
        assertThat(certificate.getSubjectX500Principal()).isEqualTo(certificate.getIssuerX500Principal());
        assertThat(certificate.getSubjectX500Principal().getName()).matches("CN=jfrp CA [0-9a-f]{8},O=jfrp");
        assertThat(certificate.getBasicConstraints()).isEqualTo(0);
        assertThat(keyUsage(certificate)).containsExactly("keyCertSign", "cRLSign");
        assertThat(certificate.getCriticalExtensionOIDs()).contains("2.5.29.19", "2.5.29.15");
        assertThat(certificate.getPublicKey()).isInstanceOf(ECPublicKey.class);
        assertThat(certificate.getSigAlgName()).isEqualTo("SHA256withECDSA");
        assertThat(certificate.getVersion()).isEqualTo(3);
    }

    @Test
    void eachCaHasItsOwnName() {
        assertThat(CertificateAuthority.create(Duration.ofDays(1)).certificate().getSubjectX500Principal())
                .isNotEqualTo(CertificateAuthority.create(Duration.ofDays(1)).certificate().getSubjectX500Principal());
    }

    @Test
    void validityIsBackdatedAndConfigurable() {
        CertificateAuthority ca = CertificateAuthority.create("test", KeyAlgorithm.EC_P256, Duration.ofDays(100),
                new SecureRandom(), CLOCK);

        assertThat(ca.certificate().getNotBefore().toInstant()).isEqualTo(NOW.minus(CertificateBuilder.BACKDATE));
        assertThat(ca.certificate().getNotAfter().toInstant()).isEqualTo(NOW.plus(Duration.ofDays(100)));

        CertifiedKey server = ca.issueServerCertificate(SubjectAltNames.LOCALHOST, Duration.ofDays(7));
        assertThat(server.certificate().getNotAfter().toInstant()).isEqualTo(NOW.plus(Duration.ofDays(7)));
    }

    @Test
    void issuedCertificatesNeverOutliveTheCa() {
        CertificateAuthority ca = CertificateAuthority.create("test", KeyAlgorithm.EC_P256, Duration.ofDays(10),
                new SecureRandom(), CLOCK);

        CertifiedKey client = ca.issueClientCertificate("c", Duration.ofDays(1000));

        assertThat(client.certificate().getNotAfter()).isEqualTo(ca.certificate().getNotAfter());
    }

    @Test
    void serverCertificateHasNamesServerAuthAndChainsToCa() throws Exception {
        CertificateAuthority ca = CertificateAuthority.create(Duration.ofDays(30));
        CertifiedKey server = ca.issueServerCertificate(
                SubjectAltNames.of(List.of("localhost", "frp.example.com"), List.of("127.0.0.1", "::1")),
                Duration.ofDays(30));
        X509Certificate certificate = server.certificate();

        assertThat(server.chain()).hasSize(1);
        certificate.verify(ca.certificate().getPublicKey());
        assertThat(certificate.getIssuerX500Principal()).isEqualTo(ca.certificate().getSubjectX500Principal());
        assertThat(certificate.getSubjectX500Principal().getName()).isEqualTo("CN=localhost,O=jfrp");
        assertThat(certificate.getBasicConstraints()).isEqualTo(-1);
        assertThat(certificate.getExtendedKeyUsage()).containsExactly(SERVER_AUTH);
        assertThat(keyUsage(certificate)).containsExactly("digitalSignature");
        assertThat(Certificates.subjectAltNames(certificate).dnsNames()).containsExactly("localhost", "frp.example.com");
        assertThat(Certificates.subjectAltNames(certificate).ipAddresses()).containsExactly("127.0.0.1", "::1");
        assertThat(CertifiedKey.matches(server.privateKey(), certificate.getPublicKey())).isTrue();
        assertThat(certificate.getSerialNumber()).isNotEqualTo(ca.certificate().getSerialNumber());
        validateChain(certificate, ca.certificate());
    }

    @Test
    void clientCertificateHasClientAuthAndNoNames() throws Exception {
        CertificateAuthority ca = CertificateAuthority.create(Duration.ofDays(30));
        X509Certificate certificate = ca.issueClientCertificate("alice", Duration.ofDays(30)).certificate();

        certificate.verify(ca.certificate().getPublicKey());
        assertThat(certificate.getSubjectX500Principal().getName()).isEqualTo("CN=alice,O=jfrp");
        assertThat(certificate.getExtendedKeyUsage()).containsExactly(CLIENT_AUTH);
        assertThat(certificate.getSubjectAlternativeNames()).isNull();
        assertThat(certificate.getBasicConstraints()).isEqualTo(-1);
        validateChain(certificate, ca.certificate());
    }

    @Test
    void rsaOnRequestIncludingKeyEnciphermentForServers() throws Exception {
        CertificateAuthority ca = CertificateAuthority.create("rsa", KeyAlgorithm.RSA_2048, Duration.ofDays(1));
        CertifiedKey server = ca.issueServerCertificate(SubjectAltNames.LOCALHOST, Duration.ofDays(1));

        assertThat(ca.certificate().getPublicKey()).isInstanceOf(RSAPublicKey.class);
        assertThat(((RSAPublicKey) server.certificate().getPublicKey()).getModulus().bitLength()).isEqualTo(2048);
        assertThat(server.certificate().getSigAlgName()).isEqualTo("SHA256withRSA");
        assertThat(keyUsage(server.certificate())).containsExactly("digitalSignature", "keyEncipherment");
        // An RSA CA may still issue EC keys; it signs them with RSA.
        CertifiedKey ecClient = ca.issueClientCertificate("c", Duration.ofDays(1), KeyAlgorithm.EC_P256);
        assertThat(ecClient.certificate().getPublicKey()).isInstanceOf(ECPublicKey.class);
        ecClient.certificate().verify(ca.certificate().getPublicKey());
    }

    @Test
    void rejectsServerCertificateWithoutNamesAndTooShortValidity() {
        CertificateAuthority ca = CertificateAuthority.create(Duration.ofDays(1));

        assertThatThrownBy(() -> ca.issueServerCertificate(SubjectAltNames.of(List.of()), Duration.ofDays(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least one");
        assertThatThrownBy(() -> ca.issueClientCertificate("c", Duration.ofSeconds(5)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PT5S");
        assertThatThrownBy(() -> CertificateAuthority.create(Duration.ofDays(-1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ca.issueClientCertificate(" ", Duration.ofDays(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("common name");
    }

    @Test
    void expiredCaRefusesToIssue() {
        Clock past = Clock.fixed(Instant.now().minus(Duration.ofDays(20)), ZoneOffset.UTC);
        CertificateAuthority ca = CertificateAuthority.create("old", KeyAlgorithm.EC_P256, Duration.ofDays(10),
                new SecureRandom(), past);
        CertificateAuthority loadedLater = reload(ca);

        assertThatThrownBy(() -> loadedLater.issueClientCertificate("c", Duration.ofDays(1)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("expired");
    }

    @Test
    void writesAndLoadsCaThatKeepsIssuing() throws Exception {
        CertificateAuthority ca = CertificateAuthority.create(Duration.ofDays(30));
        ca.write(dir.resolve("ca.crt"), dir.resolve("ca.key"));

        CertificateAuthority loaded = CertificateAuthority.load(dir.resolve("ca.crt"), dir.resolve("ca.key"));
        X509Certificate client = loaded.issueClientCertificate("later", Duration.ofDays(1)).certificate();

        assertThat(loaded.certificate()).isEqualTo(ca.certificate());
        validateChain(client, ca.certificate());
    }

    @Test
    void loadRefusesNonCaCertificate() throws Exception {
        CertificateAuthority ca = CertificateAuthority.create(Duration.ofDays(30));
        ca.issueServerCertificate(SubjectAltNames.LOCALHOST, Duration.ofDays(1))
                .write(dir.resolve("server.crt"), dir.resolve("server.key"));

        assertThatThrownBy(() -> CertificateAuthority.load(dir.resolve("server.crt"), dir.resolve("server.key")))
                .hasMessageContaining("not a CA certificate");
    }

    private CertificateAuthority reload(CertificateAuthority ca) {
        try {
            ca.write(dir.resolve("old.crt"), dir.resolve("old.key"));
            return CertificateAuthority.load(dir.resolve("old.crt"), dir.resolve("old.key"));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** PKIX validation by the JDK, as a TLS peer would do it (without revocation). */
    static void validateChain(X509Certificate leaf, X509Certificate anchor) throws Exception {
        PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(anchor, null)));
        parameters.setRevocationEnabled(false);
        CertPathValidator.getInstance("PKIX").validate(
                CertificateFactory.getInstance("X.509").generateCertPath(List.of(leaf)), parameters);
    }

    @Test
    void chainFromAnotherCaFailsValidation() {
        CertificateAuthority ca = CertificateAuthority.create(Duration.ofDays(1));
        CertificateAuthority other = CertificateAuthority.create(Duration.ofDays(1));
        X509Certificate leaf = ca.issueClientCertificate("c", Duration.ofDays(1)).certificate();

        assertThatThrownBy(() -> validateChain(leaf, other.certificate()))
                .isInstanceOf(CertPathValidatorException.class);
    }

    static List<String> keyUsage(X509Certificate certificate) {
        String[] names = {"digitalSignature", "nonRepudiation", "keyEncipherment", "dataEncipherment",
                "keyAgreement", "keyCertSign", "cRLSign", "encipherOnly", "decipherOnly"};
        boolean[] bits = certificate.getKeyUsage();
        List<String> set = new ArrayList<>();
        for (int i = 0; i < bits.length && i < names.length; i++) {
            if (bits[i]) {
                set.add(names[i]);
            }
        }
        return set;
    }
}
