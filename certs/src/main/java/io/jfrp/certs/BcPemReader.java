package io.jfrp.certs;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.List;

/**
 * The full PEM reader, on Bouncy Castle's {@link PEMParser}: every block kind OpenSSL writes,
 * traditional key formats, and precise errors. {@link PemFiles} comes here only for what
 * {@link JdkPem} declines, so that a start with jfrp's own files never loads Bouncy Castle; this
 * class is the only one of the readers that names Bouncy Castle's types. Stateless.
 */
final class BcPemReader {
    private BcPemReader() {
    }

    /** Every CERTIFICATE block of a PEM file, in file order; other blocks are skipped. */
    static List<X509Certificate> readCertificates(Path file) throws IOException {
        List<X509Certificate> certificates = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
        try (PEMParser parser = parser(file)) {
            Object object;
            while ((object = next(parser, file)) != null) {
                if (object instanceof X509CertificateHolder holder) {
                    try {
                        certificates.add(converter.getCertificate(holder));
                    } catch (CertificateException e) {
                        throw new IOException("invalid certificate in " + file + ": " + e.getMessage(), e);
                    }
                } else {
                    skipped.add(describe(object));
                }
            }
        }
        if (certificates.isEmpty()) {
            throw new IOException("no certificate (-----BEGIN CERTIFICATE-----) in " + file
                    + (skipped.isEmpty() ? "" : "; found " + String.join(", ", skipped)));
        }
        return certificates;
    }

    /**
     * Reads the first private key of a PEM file: PKCS#8 {@code PRIVATE KEY}, or traditional
     * {@code EC PRIVATE KEY} / {@code RSA PRIVATE KEY}. Logs a warning when the file is readable by
     * group or others.
     *
     * @throws IOException when the file is missing, malformed, encrypted, or holds no key
     */
    static PrivateKey readPrivateKey(Path file) throws IOException {
        List<String> skipped = new ArrayList<>();
        try (PEMParser parser = parser(file)) {
            Object object;
            while ((object = next(parser, file)) != null) {
                PrivateKeyInfo info = null;
                if (object instanceof PrivateKeyInfo pkcs8) {
                    info = pkcs8;
                } else if (object instanceof PEMKeyPair traditional) {
                    info = traditional.getPrivateKeyInfo();
                } else if (object instanceof PEMEncryptedKeyPair || object instanceof PKCS8EncryptedPrivateKeyInfo) {
                    throw new IOException("private key in " + file + " is encrypted; jfrp needs an unencrypted key"
                            + " (decrypt it with: openssl pkey -in " + file.getFileName() + " -out plain.key)");
                } else {
                    skipped.add(describe(object));
                }
                if (info != null) {
                    return toPrivateKey(info, file);
                }
            }
        }
        throw new IOException("no private key (-----BEGIN PRIVATE KEY-----) in " + file
                + (skipped.isEmpty() ? "" : "; found " + String.join(", ", skipped)));
    }

    private static PEMParser parser(Path file) throws IOException {
        try {
            Reader reader = Files.newBufferedReader(file, StandardCharsets.US_ASCII);
            return new PEMParser(reader);
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(file.toString(), null, "PEM file not found");
        }
    }

    private static Object next(PEMParser parser, Path file) throws IOException {
        try {
            return parser.readObject();
        } catch (IOException | RuntimeException e) {
            // PEMParser reports bad base64, truncated blocks and bad DER as exceptions of its own.
            throw new IOException("malformed PEM in " + file + ": " + e.getMessage(), e);
        }
    }

    private static String describe(Object pemObject) {
        if (pemObject instanceof ASN1ObjectIdentifier) {
            return "EC PARAMETERS";
        }
        return pemObject.getClass().getSimpleName();
    }

    private static PrivateKey toPrivateKey(PrivateKeyInfo info, Path file) throws IOException {
        ASN1ObjectIdentifier algorithm = info.getPrivateKeyAlgorithm().getAlgorithm();
        String jcaName;
        if (algorithm.equals(X9ObjectIdentifiers.id_ecPublicKey)) {
            jcaName = "EC";
        } else if (algorithm.equals(PKCSObjectIdentifiers.rsaEncryption)) {
            jcaName = "RSA";
        } else {
            throw new IOException("unsupported private key algorithm " + algorithm + " in " + file
                    + " (expected EC or RSA)");
        }
        try {
            // The JDK's own key factories, so the key works with every TLS provider.
            return KeyFactory.getInstance(jcaName).generatePrivate(new PKCS8EncodedKeySpec(info.getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IOException("invalid " + jcaName + " private key in " + file + ": " + e.getMessage(), e);
        }
    }

}
