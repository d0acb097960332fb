package io.jfrp.certs;

import io.netty.handler.ssl.SslProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Cross-checks with the {@code openssl} tool: it verifies the chains and reads the extensions of
 * what jfrp generates, jfrp reads keys and certificates OpenSSL generates, and {@code s_client}
 * completes mutual TLS with a jfrp server. Skipped without {@code openssl}, failed under CI=true.
 */
class OpenSslInteropTest {
    static final Duration VALIDITY = Duration.ofDays(30);

    @TempDir
    Path dir;
    CertificateTool.MutualTlsFiles files;

    @BeforeEach
    void generate() throws Exception {
        OpenSslCli.require();
        files = CertificateTool.generateMutualTlsSet(dir, List.of("localhost", "frp.example.com"),
                List.of("127.0.0.1", "::1"), VALIDITY);
    }

    @Test
    void opensslVerifiesServerAndClientAgainstTheCa() throws Exception {
        assertVerifies(dir, "ca.crt", "server.crt");
        assertVerifies(dir, "ca.crt", "server.crt", "-purpose", "sslserver", "-verify_hostname", "frp.example.com");
        assertVerifies(dir, "ca.crt", "server.crt", "-purpose", "sslserver", "-verify_ip", "127.0.0.1");
        assertVerifies(dir, "ca.crt", "client.crt", "-purpose", "sslclient");
    }

    @Test
    void opensslRejectsWrongCaWrongNameAndWrongPurpose() throws Exception {
        CertificateAuthority.create(VALIDITY).write(dir.resolve("other-ca.crt"), dir.resolve("other-ca.key"));

        assertThat(verify(dir, "other-ca.crt", "server.crt").exitCode()).isNotZero();
        assertThat(verify(dir, "ca.crt", "server.crt", "-verify_hostname", "evil.example.com").exitCode()).isNotZero();
        assertThat(verify(dir, "ca.crt", "server.crt", "-purpose", "sslclient").exitCode()).isNotZero();
        assertThat(verify(dir, "ca.crt", "client.crt", "-purpose", "sslserver").exitCode()).isNotZero();
    }

    @Test
    void opensslShowsExtensions() throws Exception {
        OpenSslCli.Result server = OpenSslCli.run(dir, "x509", "-in", "server.crt", "-noout", "-text");
        assertThat(server.exitCode()).isZero();
        assertThat(server.output())
                .contains("DNS:localhost", "DNS:frp.example.com", "IP Address:127.0.0.1", "IP Address:0:0:0:0:0:0:0:1")
                .contains("TLS Web Server Authentication")
                .contains("CA:FALSE")
                .contains("Digital Signature")
                .contains("ASN1 OID: prime256v1")
                .contains("Signature Algorithm: ecdsa-with-SHA256");

        OpenSslCli.Result ca = OpenSslCli.run(dir, "x509", "-in", "ca.crt", "-noout", "-text");
        assertThat(ca.output()).contains("CA:TRUE, pathlen:0").contains("Certificate Sign, CRL Sign");

        OpenSslCli.Result client = OpenSslCli.run(dir, "x509", "-in", "client.crt", "-noout", "-text");
        assertThat(client.output()).contains("TLS Web Client Authentication").contains("CN = jfrpc")
                .doesNotContain("Subject Alternative Name");
    }

    @Test
    void opensslReadsKeysAndTheyMatchTheirCertificates() throws Exception {
        for (String name : List.of("ca", "server", "client")) {
            assertThat(OpenSslCli.run(dir, "pkey", "-in", name + ".key", "-noout", "-check").output())
                    .contains("Key is valid");
            String fromKey = OpenSslCli.run(dir, "pkey", "-in", name + ".key", "-pubout").output();
            String fromCertificate = OpenSslCli.run(dir, "x509", "-in", name + ".crt", "-noout", "-pubkey").output();
            assertThat(fromKey).as(name).isEqualTo(fromCertificate).contains("BEGIN PUBLIC KEY");
        }
    }

    @Test
    void opensslFingerprintMatches() throws Exception {
        String output = OpenSslCli.run(dir, "x509", "-in", "server.crt", "-noout", "-fingerprint", "-sha256").output();
        String ours = Certificates.sha256Fingerprint(PemFiles.readCertificates(files.serverCertificate()).get(0));
        assertThat(output.trim()).endsWith("=" + ours);
    }

    @Test
    void opensslVerifiesSelfSignedServerCertificateAsItsOwnAnchor() throws Exception {
        Path selfDir = dir.resolve("self");
        SelfSignedServerCertificate.loadOrCreate(selfDir);

        assertVerifies(selfDir, "server.crt", "server.crt", "-purpose", "sslserver", "-verify_hostname", "localhost");
        assertVerifies(selfDir, "server.crt", "server.crt", "-verify_ip", "::1");
    }

    @Test
    void readsKeysAndCertificatesMadeByOpenssl() throws Exception {
        // PKCS#8 EC, traditional "EC PRIVATE KEY" preceded by "EC PARAMETERS", PKCS#8 and PKCS#1 RSA.
        assertOk(OpenSslCli.run(dir, "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256",
                "-out", "ec8.key"), "");
        assertOk(OpenSslCli.run(dir, "ecparam", "-name", "prime256v1", "-genkey", "-out", "ectrad.key"), "");
        assertOk(OpenSslCli.run(dir, "genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048",
                "-out", "rsa8.key"), "");
        assertOk(OpenSslCli.run(dir, "rsa", "-in", "rsa8.key", "-traditional", "-out", "rsa1.key"), "");
        assertThat(Files.readString(dir.resolve("ectrad.key"))).contains("EC PARAMETERS", "EC PRIVATE KEY");
        assertThat(Files.readString(dir.resolve("rsa1.key"))).contains("RSA PRIVATE KEY");

        for (String key : List.of("ec8.key", "ectrad.key", "rsa8.key", "rsa1.key")) {
            String certificate = key.replace(".key", ".crt");
            assertOk(OpenSslCli.run(dir, "req", "-new", "-x509", "-key", key, "-out", certificate, "-days", "2",
                    "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1"), "");
            CertifiedKey loaded = CertifiedKey.load(dir.resolve(certificate), dir.resolve(key));
            assertThat(loaded.certificate().getSubjectX500Principal().getName()).isEqualTo("CN=localhost");

            // And it serves TLS that a verifying jfrp client accepts.
            TlsClientContext client = TlsContexts.client(List.of(loaded.certificate()), null, null, SslProvider.JDK);
            try (TlsEchoBed bed = new TlsEchoBed(TlsContexts.server(loaded, List.of(), TlsContexts.defaultProvider()))) {
                byte[] payload = new byte[4096];
                new Random(7).nextBytes(payload);
                TlsEchoBed.Exchange exchange = bed.exchange(ch -> client.newHandler(ch.alloc(), "127.0.0.1", bed.port()),
                        payload);
                assertThat(exchange.client().cause()).as(key).isNull();
                assertThat(exchange.received()).as(key).isEqualTo(payload);
            }
        }
    }

    @Test
    void opensslClientCompletesMutualTlsWithJfrpServer() throws Exception {
        try (TlsEchoBed bed = new TlsEchoBed(TlsContexts.server(files.serverCertificate(), files.serverKey(),
                files.caCertificate()))) {
            OpenSslCli.Result result = OpenSslCli.run(dir, "s_client", "-connect", "127.0.0.1:" + bed.port(),
                    "-CAfile", "ca.crt", "-cert", "client.crt", "-key", "client.key",
                    "-verify_hostname", "localhost", "-verify_return_error", "-brief");
            TlsEchoBed.Handshake server = bed.awaitServerHandshake();

            assertThat(result.output()).contains("CONNECTION ESTABLISHED", "Protocol version: TLSv1.3",
                    "Verification: OK");
            assertThat(server.cause()).isNull();
            assertThat(server.protocol()).isEqualTo("TLSv1.3");
        }
    }

    @Test
    void jfrpServerRejectsOpensslClientWithoutCertificate() throws Exception {
        try (TlsEchoBed bed = new TlsEchoBed(TlsContexts.server(files.serverCertificate(), files.serverKey(),
                files.caCertificate()))) {
            OpenSslCli.run(dir, "s_client", "-connect", "127.0.0.1:" + bed.port(), "-CAfile", "ca.crt",
                    "-verify_hostname", "localhost", "-brief");

            assertThat(bed.awaitServerHandshake().success()).isFalse();
        }
    }

    @Test
    void jfrpServerSpeaksTls12ButNotTls11WithOpensslClients() throws Exception {
        List<SslProvider> providers = TlsContexts.defaultProvider() == SslProvider.JDK
                ? List.of(SslProvider.JDK) : List.of(SslProvider.JDK, SslProvider.OPENSSL);
        CertifiedKey server = CertifiedKey.load(files.serverCertificate(), files.serverKey());
        for (SslProvider provider : providers) {
            try (TlsEchoBed bed = new TlsEchoBed(TlsContexts.server(server, List.of(), provider))) {
                OpenSslCli.Result tls12 = OpenSslCli.run(dir, "s_client", "-connect", "127.0.0.1:" + bed.port(),
                        "-tls1_2", "-CAfile", "ca.crt", "-verify_hostname", "localhost", "-verify_return_error",
                        "-brief");
                assertThat(tls12.output()).as(provider.name()).contains("Protocol version: TLSv1.2", "Verification: OK");
                assertThat(bed.awaitServerHandshake().protocol()).isEqualTo("TLSv1.2");
            }
            try (TlsEchoBed bed = new TlsEchoBed(TlsContexts.server(server, List.of(), provider))) {
                // SECLEVEL=0 lets OpenSSL 3 offer TLS 1.1 at all; the server must still refuse it.
                OpenSslCli.Result tls11 = OpenSslCli.run(dir, "s_client", "-connect", "127.0.0.1:" + bed.port(),
                        "-tls1_1", "-cipher", "DEFAULT@SECLEVEL=0", "-brief");
                assertThat(tls11.output()).as(provider.name()).doesNotContain("CONNECTION ESTABLISHED")
                        .containsIgnoringCase("alert protocol version");
                assertThat(bed.awaitServerHandshake().success()).as(provider.name()).isFalse();
            }
        }
    }

    /** {@code openssl verify -CAfile caFile options... certificate}, run in {@code in}. */
    private static OpenSslCli.Result verify(Path in, String caFile, String certificate, String... options)
            throws Exception {
        List<String> args = new ArrayList<>(List.of("verify", "-CAfile", caFile));
        args.addAll(List.of(options));
        args.add(certificate);
        return OpenSslCli.run(in, args.toArray(String[]::new));
    }

    /** {@link #verify} succeeds and prints "certificate: OK". */
    private static void assertVerifies(Path in, String caFile, String certificate, String... options)
            throws Exception {
        assertOk(verify(in, caFile, certificate, options), certificate + ": OK");
    }

    private static void assertOk(OpenSslCli.Result result, String expected) {
        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains(expected);
    }
}
