package io.jfrp.certs;

import io.netty.handler.ssl.SslContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CertificateToolTest {
    static final Duration VALIDITY = Duration.ofDays(30);

    @TempDir
    Path dir;

    @Test
    void writesSixFilesThatChainToTheCa() throws Exception {
        CertificateTool.MutualTlsFiles files = CertificateTool.generateMutualTlsSet(dir.resolve("set"),
                List.of("localhost"), List.of("127.0.0.1"), VALIDITY);

        assertThat(files.caCertificate().getParent().toFile().list())
                .containsExactlyInAnyOrder("ca.crt", "ca.key", "server.crt", "server.key", "client.crt", "client.key");
        X509Certificate ca = PemFiles.readCertificates(files.caCertificate()).get(0);
        CertifiedKey server = CertifiedKey.load(files.serverCertificate(), files.serverKey());
        CertifiedKey client = CertifiedKey.load(files.clientCertificate(), files.clientKey());
        CertificateAuthorityTest.validateChain(server.certificate(), ca);
        CertificateAuthorityTest.validateChain(client.certificate(), ca);
        assertThat(Certificates.subjectAltNames(server.certificate()).toString())
                .isEqualTo("DNS:localhost, IP:127.0.0.1");
        assertThat(client.certificate().getSubjectX500Principal().getName()).isEqualTo("CN=jfrpc,O=jfrp");
        if (PemFiles.supportsPosixPermissions(dir)) {
            for (Path key : List.of(files.caKey(), files.serverKey(), files.clientKey())) {
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
            }
        }
    }

    @Test
    void refusesToOverwriteAndWritesNothing() throws Exception {
        Files.writeString(dir.resolve("server.key"), "keep me");

        assertThatThrownBy(() -> CertificateTool.generateMutualTlsSet(dir, List.of("localhost"), List.of(), VALIDITY))
                .isInstanceOf(FileAlreadyExistsException.class).hasMessageContaining("server.key");
        assertThat(dir.toFile().list()).containsExactly("server.key");
        assertThat(Files.readString(dir.resolve("server.key"))).isEqualTo("keep me");
    }

    @Test
    void rejectsBadInputBeforeWriting() {
        assertThatThrownBy(() -> CertificateTool.generateMutualTlsSet(dir, List.of(), List.of(), VALIDITY))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CertificateTool.generateMutualTlsSet(dir, List.of("bad_name"), List.of(), VALIDITY))
                .hasMessageContaining("bad_name");
        assertThatThrownBy(() -> CertificateTool.generateMutualTlsSet(dir, List.of(), List.of("999.1.1.1"), VALIDITY))
                .hasMessageContaining("999.1.1.1");
        assertThat(dir.toFile().list()).isEmpty();
    }

    @Test
    void issuesFurtherClientCertificatesFromTheSavedCa() throws Exception {
        CertificateTool.MutualTlsFiles files = CertificateTool.generateMutualTlsSet(dir, List.of("localhost"),
                List.of(), VALIDITY);

        Path bob = CertificateTool.issueClientCertificate(dir, "bob", Duration.ofDays(5));

        assertThat(bob).isEqualTo(dir.resolve("bob.crt"));
        CertifiedKey loaded = CertifiedKey.load(bob, dir.resolve("bob.key"));
        CertificateAuthorityTest.validateChain(loaded.certificate(),
                PemFiles.readCertificates(files.caCertificate()).get(0));
        assertThat(loaded.certificate().getSubjectX500Principal().getName()).isEqualTo("CN=bob,O=jfrp");
        assertThatThrownBy(() -> CertificateTool.issueClientCertificate(dir, "bob", Duration.ofDays(5)))
                .isInstanceOf(FileAlreadyExistsException.class);
        assertThatThrownBy(() -> CertificateTool.issueClientCertificate(dir, "../escape", Duration.ofDays(5)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void generatedFilesWorkForMutualTlsThroughTheFileApi() throws Exception {
        CertificateTool.MutualTlsFiles files = CertificateTool.generateMutualTlsSet(dir, List.of("localhost"),
                List.of("127.0.0.1"), VALIDITY);
        SslContext server = TlsContexts.server(files.serverCertificate(), files.serverKey(), files.caCertificate());
        TlsClientContext client = TlsContexts.client(files.caCertificate(), files.clientCertificate(),
                files.clientKey(), "localhost");
        byte[] payload = new byte[8192];
        new Random(1).nextBytes(payload);

        try (TlsEchoBed bed = new TlsEchoBed(server)) {
            TlsEchoBed.Exchange exchange = bed.exchange(ch -> client.newHandler(ch.alloc(), "127.0.0.1", bed.port()),
                    payload);

            assertThat(exchange.client().cause()).isNull();
            assertThat(exchange.server().cause()).isNull();
            assertThat(TlsHandshakeTest.sha256(exchange.received())).isEqualTo(TlsHandshakeTest.sha256(payload));
        }
    }
}
