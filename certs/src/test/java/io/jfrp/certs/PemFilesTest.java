package io.jfrp.certs;

import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.jcajce.JcaMiscPEMGenerator;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.openssl.jcajce.JcePEMEncryptorBuilder;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.interfaces.ECPrivateKey;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class PemFilesTest {
    @TempDir
    Path dir;

    @Test
    void certificateChainRoundTrip() throws Exception {
        CertificateAuthority ca = CertificateAuthority.create(Duration.ofDays(1));
        CertifiedKey server = ca.issueServerCertificate(SubjectAltNames.LOCALHOST, Duration.ofDays(1));
        Path file = dir.resolve("chain.crt");

        PemFiles.writeCertificates(file, List.of(server.certificate(), ca.certificate()));

        assertThat(PemFiles.readCertificates(file)).containsExactly(server.certificate(), ca.certificate());
        String text = Files.readString(file);
        assertThat(text).startsWith("-----BEGIN CERTIFICATE-----");
        assertThat(text.split("-----BEGIN CERTIFICATE-----")).hasSize(3);
    }

    @Test
    void privateKeyRoundTripAsPkcs8ForEcAndRsa() throws Exception {
        for (KeyAlgorithm algorithm : KeyAlgorithm.values()) {
            KeyPair keys = algorithm.generateKeyPair(new SecureRandom());
            Path file = dir.resolve(algorithm + ".key");

            PemFiles.writePrivateKey(file, keys.getPrivate());

            assertThat(Files.readString(file)).startsWith("-----BEGIN PRIVATE KEY-----\n")
                    .endsWith("-----END PRIVATE KEY-----\n");
            assertThat(PemFiles.readPrivateKey(file)).isEqualTo(keys.getPrivate());
        }
    }

    @Test
    void privateKeyFileIsOwnerOnly() throws Exception {
        assumeTrue(PemFiles.supportsPosixPermissions(dir), "POSIX file permissions");
        Path file = dir.resolve("k.key");

        PemFiles.writePrivateKey(file, KeyAlgorithm.EC_P256.generateKeyPair(new SecureRandom()).getPrivate());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");

        // Replacing an existing, looser file gives the new content 0600 as well.
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        PemFiles.writePrivateKey(file, KeyAlgorithm.EC_P256.generateKeyPair(new SecureRandom()).getPrivate());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(dir.toFile().list()).containsExactly("k.key");
    }

    @Test
    void readsTraditionalOpenSslKeyFormats() throws Exception {
        for (KeyAlgorithm algorithm : KeyAlgorithm.values()) {
            KeyPair keys = algorithm.generateKeyPair(new SecureRandom());
            Path file = dir.resolve("trad-" + algorithm + ".key");
            Files.writeString(file, traditionalPem(keys));
            assertThat(Files.readString(file))
                    .contains(algorithm == KeyAlgorithm.EC_P256 ? "EC PRIVATE KEY" : "RSA PRIVATE KEY");

            assertThat(CertifiedKey.matches(PemFiles.readPrivateKey(file), keys.getPublic())).isTrue();
        }
    }

    /** "EC PRIVATE KEY" (SEC 1, with the curve) or "RSA PRIVATE KEY" (PKCS#1), as OpenSSL writes them. */
    private static String traditionalPem(KeyPair keys) throws Exception {
        PrivateKeyInfo info = PrivateKeyInfo.getInstance(keys.getPrivate().getEncoded());
        PemObject block;
        if (keys.getPrivate() instanceof ECPrivateKey) {
            org.bouncycastle.asn1.sec.ECPrivateKey inner =
                    org.bouncycastle.asn1.sec.ECPrivateKey.getInstance(info.parsePrivateKey());
            block = new PemObject("EC PRIVATE KEY", new org.bouncycastle.asn1.sec.ECPrivateKey(256,
                    inner.getKey(), info.getPrivateKeyAlgorithm().getParameters()).getEncoded());
        } else {
            block = new PemObject("RSA PRIVATE KEY", info.parsePrivateKey().toASN1Primitive().getEncoded());
        }
        StringWriter text = new StringWriter();
        try (PemWriter writer = new PemWriter(text)) {
            writer.writeObject(block);
        }
        return text.toString();
    }

    @Test
    void combinedFileServesBothReaders() throws Exception {
        CertifiedKey key = SelfSignedServerCertificate.generate(SubjectAltNames.LOCALHOST, Duration.ofDays(1),
                KeyAlgorithm.EC_P256);
        PemFiles.writePrivateKey(dir.resolve("k"), key.privateKey());
        PemFiles.writeCertificate(dir.resolve("c"), key.certificate());
        Path combined = dir.resolve("combined.pem");
        Files.writeString(combined, Files.readString(dir.resolve("k")) + Files.readString(dir.resolve("c")));

        CertifiedKey loaded = CertifiedKey.load(combined, combined);

        assertThat(loaded.certificate()).isEqualTo(key.certificate());
        assertThat(loaded.privateKey()).isEqualTo(key.privateKey());
    }

    @Test
    void encryptedKeyIsRefusedWithAHint() throws Exception {
        KeyPair keys = KeyAlgorithm.EC_P256.generateKeyPair(new SecureRandom());
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(new JcaPKCS8Generator(keys.getPrivate(),
                    new JceOpenSSLPKCS8EncryptorBuilder(NISTObjectIdentifiers.id_aes256_CBC)
                            .setProvider(new BouncyCastleProvider())
                            .setPassword("secret".toCharArray()).build()));
        }
        Path pkcs8 = dir.resolve("enc8.key");
        Files.writeString(pkcs8, text.toString());
        assertThat(text.toString()).contains("ENCRYPTED PRIVATE KEY");
        StringWriter traditionalText = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(traditionalText)) {
            writer.writeObject(new JcaMiscPEMGenerator(keys.getPrivate(), new JcePEMEncryptorBuilder("AES-128-CBC")
                    .setProvider(new BouncyCastleProvider()).build("secret".toCharArray())));
        }
        Path traditional = dir.resolve("enc.key");
        Files.writeString(traditional, traditionalText.toString());
        assertThat(traditionalText.toString()).contains("Proc-Type: 4,ENCRYPTED");

        for (Path file : List.of(pkcs8, traditional)) {
            assertThatThrownBy(() -> PemFiles.readPrivateKey(file))
                    .hasMessageContaining("encrypted").hasMessageContaining("openssl pkey");
        }
    }

    @Test
    void errorsNameTheFileAndWhatWasFound() throws Exception {
        Path certificateOnly = dir.resolve("only.crt");
        PemFiles.writeCertificate(certificateOnly, CertificateAuthority.create(Duration.ofDays(1)).certificate());
        Path keyOnly = dir.resolve("only.key");
        PemFiles.writePrivateKey(keyOnly, KeyAlgorithm.EC_P256.generateKeyPair(new SecureRandom()).getPrivate());
        Path garbage = dir.resolve("garbage.pem");
        Files.writeString(garbage, "-----BEGIN CERTIFICATE-----\n!!!not base64!!!\n-----END CERTIFICATE-----\n");
        Path empty = dir.resolve("empty.pem");
        Files.writeString(empty, "hello\n");

        assertThatThrownBy(() -> PemFiles.readPrivateKey(certificateOnly))
                .hasMessageContaining("no private key").hasMessageContaining(certificateOnly.toString())
                .hasMessageContaining("X509CertificateHolder");
        assertThatThrownBy(() -> PemFiles.readCertificates(keyOnly))
                .hasMessageContaining("no certificate").hasMessageContaining("PrivateKeyInfo");
        assertThatThrownBy(() -> PemFiles.readCertificates(garbage))
                .hasMessageContaining("malformed PEM").hasMessageContaining(garbage.toString());
        assertThatThrownBy(() -> PemFiles.readCertificates(empty)).hasMessageContaining("no certificate");
        assertThatThrownBy(() -> PemFiles.readCertificates(dir.resolve("missing.crt")))
                .isInstanceOf(NoSuchFileException.class).hasMessageContaining("missing.crt");
    }

    @Test
    void mismatchedKeyAndCertificateAreRejectedOnLoad() throws Exception {
        CertificateAuthority ca = CertificateAuthority.create(Duration.ofDays(1));
        CertifiedKey a = ca.issueClientCertificate("a", Duration.ofDays(1));
        CertifiedKey b = ca.issueClientCertificate("b", Duration.ofDays(1));
        PemFiles.writeCertificate(dir.resolve("a.crt"), a.certificate());
        PemFiles.writePrivateKey(dir.resolve("b.key"), b.privateKey());
        CertifiedKey rsa = CertificateAuthority.create("r", KeyAlgorithm.RSA_2048, Duration.ofDays(1)).certifiedKey();
        PemFiles.writePrivateKey(dir.resolve("rsa.key"), rsa.privateKey());

        assertThatThrownBy(() -> CertifiedKey.load(dir.resolve("a.crt"), dir.resolve("b.key")))
                .hasMessageContaining("does not belong to certificate").hasMessageContaining("CN=a");
        assertThatThrownBy(() -> CertifiedKey.load(dir.resolve("a.crt"), dir.resolve("rsa.key")))
                .hasMessageContaining("does not belong to certificate");
    }

    @Test
    void certifiedKeyNeverPrintsKeyMaterial() {
        CertifiedKey key = CertificateAuthority.create(Duration.ofDays(1)).certifiedKey();

        assertThat(key.toString()).startsWith("CertifiedKey[CN=jfrp CA").endsWith("EC key]");
    }
}
