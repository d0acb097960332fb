package io.jfrp.certs;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class SelfSignedServerCertificateTest {
    @TempDir
    Path dir;

    @Test
    void createsOnceThenLoadsTheSameCertificate() throws Exception {
        Path certs = dir.resolve("nested/certs");

        SelfSignedServerCertificate first = SelfSignedServerCertificate.loadOrCreate(certs);
        SelfSignedServerCertificate second = SelfSignedServerCertificate.loadOrCreate(certs);

        assertThat(first.created()).isTrue();
        assertThat(second.created()).isFalse();
        assertThat(second.certifiedKey().certificate()).isEqualTo(first.certifiedKey().certificate());
        assertThat(second.certifiedKey().privateKey()).isEqualTo(first.certifiedKey().privateKey());
        assertThat(second.sha256Fingerprint()).isEqualTo(first.sha256Fingerprint()).matches("([0-9A-F]{2}:){31}[0-9A-F]{2}");
        assertThat(first.certificateFile()).isEqualTo(certs.resolve("server.crt")).exists();
        assertThat(first.keyFile()).isEqualTo(certs.resolve("server.key")).exists();
    }

    @Test
    void isSelfSignedServerCertificateWithoutCa() throws Exception {
        var certificate = SelfSignedServerCertificate.loadOrCreate(dir).certifiedKey().certificate();

        certificate.verify(certificate.getPublicKey());
        assertThat(certificate.getIssuerX500Principal()).isEqualTo(certificate.getSubjectX500Principal());
        assertThat(certificate.getBasicConstraints()).isEqualTo(-1);
        assertThat(certificate.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.1");
        assertThat(Certificates.subjectAltNames(certificate)).isEqualTo(SubjectAltNames.LOCALHOST);
        assertThat(certificate.getNotAfter().toInstant())
                .isAfter(java.time.Instant.now().plus(Duration.ofDays(3649)));
        // Trusting the certificate itself is enough to validate it, as a pinning client does.
        CertificateAuthorityTest.validateChain(certificate, certificate);
    }

    @Test
    void keyFileIsOwnerOnly() throws Exception {
        assumeTrue(PemFiles.supportsPosixPermissions(dir), "POSIX file permissions");

        SelfSignedServerCertificate created = SelfSignedServerCertificate.loadOrCreate(dir);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(created.keyFile())))
                .isEqualTo("rw-------");
    }

    @Test
    void usesGivenNamesValidityAndAlgorithm() throws Exception {
        SubjectAltNames names = SubjectAltNames.of(List.of("frp.example.com", "203.0.113.7"));

        SelfSignedServerCertificate created = SelfSignedServerCertificate.loadOrCreate(dir, names,
                Duration.ofDays(2), KeyAlgorithm.RSA_2048);

        var certificate = created.certifiedKey().certificate();
        assertThat(Certificates.subjectAltNames(certificate)).isEqualTo(names);
        assertThat(certificate.getSubjectX500Principal().getName()).isEqualTo("CN=frp.example.com,O=jfrp");
        assertThat(certificate.getPublicKey().getAlgorithm()).isEqualTo("RSA");
        assertThat(certificate.getNotAfter().toInstant()).isBefore(java.time.Instant.now().plus(Duration.ofDays(3)));
    }

    @Test
    void existingCertificateIsKeptEvenWhenParametersDiffer() throws Exception {
        SelfSignedServerCertificate first = SelfSignedServerCertificate.loadOrCreate(dir);

        SelfSignedServerCertificate again = SelfSignedServerCertificate.loadOrCreate(dir,
                SubjectAltNames.of(List.of("other.example.com")), Duration.ofDays(1), KeyAlgorithm.RSA_2048);

        assertThat(again.created()).isFalse();
        assertThat(again.sha256Fingerprint()).isEqualTo(first.sha256Fingerprint());
        assertThat(Certificates.covers(again.certifiedKey().certificate(),
                SubjectAltNames.of(List.of("other.example.com")))).isFalse();
    }

    @Test
    void refusesToOverwriteWhenOnlyOneFileIsLeft() throws Exception {
        SelfSignedServerCertificate first = SelfSignedServerCertificate.loadOrCreate(dir);
        Files.delete(first.keyFile());
        String before = Files.readString(first.certificateFile());

        assertThatThrownBy(() -> SelfSignedServerCertificate.loadOrCreate(dir))
                .hasMessageContaining("found " + first.certificateFile())
                .hasMessageContaining("but not " + first.keyFile());
        assertThat(Files.readString(first.certificateFile())).isEqualTo(before);
    }

    @Test
    void refusesMismatchedFiles() throws Exception {
        SelfSignedServerCertificate first = SelfSignedServerCertificate.loadOrCreate(dir);
        PemFiles.writePrivateKey(first.keyFile(),
                KeyAlgorithm.EC_P256.generateKeyPair(new java.security.SecureRandom()).getPrivate());

        assertThatThrownBy(() -> SelfSignedServerCertificate.loadOrCreate(dir))
                .hasMessageContaining("does not belong");
    }

    @Test
    void concurrentStartsAgreeOnOneCertificate() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<String>> starts = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                starts.add(() -> SelfSignedServerCertificate.loadOrCreate(dir).sha256Fingerprint());
            }
            Set<String> fingerprints = ConcurrentHashMap.newKeySet();
            for (Future<String> f : pool.invokeAll(starts)) {
                fingerprints.add(f.get());
            }
            assertThat(fingerprints).hasSize(1);
            assertThat(Certificates.sha256Fingerprint(
                    PemFiles.readCertificates(dir.resolve("server.crt")).get(0))).isIn(fingerprints);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void rejectsEmptyNames() {
        assertThatThrownBy(() -> SelfSignedServerCertificate.loadOrCreate(dir, SubjectAltNames.of(List.of()),
                Duration.ofDays(1), KeyAlgorithm.EC_P256)).isInstanceOf(IllegalArgumentException.class);
        assertThat(dir.resolve("server.crt")).doesNotExist();
    }
}
