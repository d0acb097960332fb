package io.jfrp.certs;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECKey;
import java.security.interfaces.RSAKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * jfrps's self-signed server certificate made with the JDK alone: the same certificate
 * {@link CertificateBuilder}'s server profile makes with Bouncy Castle (subject {@code O=jfrp,
 * CN=name}, a random 127-bit serial, validity from five minutes ago, subject and authority key
 * identifiers, basicConstraints {@code CA:false} and keyUsage critical, extendedKeyUsage
 * {@code serverAuth}, the subjectAltNames), encoded with {@link Der} and signed with
 * {@link Signature}.
 *
 * <h3>Why not Bouncy Castle here</h3>
 * A jfrps without a certificate file makes this certificate on its first start in a directory,
 * and frp's e2e suite starts every spec's frps in a new directory. Bouncy Castle's jars are signed:
 * the JVM verifies them when their first class loads, and their classes cannot go into a
 * class-data-sharing archive. Measured, making the certificate with it cost 0.8 s of CPU on a start
 * of 2.3 s (2 cores); the JDK's EC key and signature classes are loaded anyway for TLS. Bouncy
 * Castle still makes CAs and client certificates ({@code jfrps certs}), which no start needs; this
 * class must not refer to {@link CertificateBuilder} or any Bouncy Castle type, or loading it loads
 * them.
 */
final class JdkServerCertificate {
    private static final String OID_COMMON_NAME = "2.5.4.3";
    private static final String OID_ORGANIZATION = "2.5.4.10";
    private static final String OID_SUBJECT_KEY_ID = "2.5.29.14";
    private static final String OID_KEY_USAGE = "2.5.29.15";
    private static final String OID_SUBJECT_ALT_NAME = "2.5.29.17";
    private static final String OID_BASIC_CONSTRAINTS = "2.5.29.19";
    private static final String OID_AUTHORITY_KEY_ID = "2.5.29.35";
    private static final String OID_EXTENDED_KEY_USAGE = "2.5.29.37";
    private static final String OID_SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
    private static final String OID_ECDSA_WITH_SHA256 = "1.2.840.10045.4.3.2";
    private static final String OID_SHA256_WITH_RSA = "1.2.840.113549.1.1.11";

    private JdkServerCertificate() {
    }

    /**
     * A self-signed server certificate for {@code names} on {@code keys}, valid for
     * {@code validity} from now (backdated by {@link Certificates#BACKDATE}).
     *
     * @param names at least one DNS name or IP address
     */
    static X509Certificate selfSigned(SubjectAltNames names, KeyPair keys, Duration validity, SecureRandom random,
                                      Clock clock) {
        if (names.isEmpty()) {
            throw new IllegalArgumentException("a server certificate needs at least one DNS name or IP address");
        }
        PublicKey publicKey = keys.getPublic();
        byte[] algorithm = signatureAlgorithm(publicKey);
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        byte[] name = Der.sequence(
                Der.set(Der.sequence(Der.oid(OID_ORGANIZATION), Der.utf8("jfrp"))),
                Der.set(Der.sequence(Der.oid(OID_COMMON_NAME), Der.utf8(names.primaryName()))));
        byte[] keyId = keyIdentifier(publicKey);
        byte[] tbs = Der.sequence(
                Der.contextTag(0, true, Der.integer(2)), // version v3
                Der.integer(new BigInteger(127, random).add(BigInteger.ONE)),
                algorithm,
                name,
                Der.sequence(Der.time(now.minus(Certificates.BACKDATE)), Der.time(now.plus(validity))),
                name,
                publicKey.getEncoded(),
                Der.contextTag(3, true, Der.sequence(
                        extension(OID_SUBJECT_KEY_ID, false, Der.octetString(keyId)),
                        extension(OID_AUTHORITY_KEY_ID, false, Der.sequence(Der.contextTag(0, false, keyId))),
                        extension(OID_BASIC_CONSTRAINTS, true, Der.sequence()),
                        extension(OID_KEY_USAGE, true, keyUsage(publicKey)),
                        extension(OID_EXTENDED_KEY_USAGE, false, Der.sequence(Der.oid(OID_SERVER_AUTH))),
                        extension(OID_SUBJECT_ALT_NAME, false, subjectAltNames(names)))));
        try {
            Signature signer = Signature.getInstance(KeyAlgorithm.signatureAlgorithmFor(keys.getPrivate()));
            signer.initSign(keys.getPrivate(), random);
            signer.update(tbs);
            byte[] certificate = Der.sequence(tbs, algorithm, Der.bitString(signer.sign()));
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(certificate));
        } catch (GeneralSecurityException e) {
            // Only standard JDK algorithms are involved; this is a broken runtime, not bad input.
            throw new IllegalStateException("cannot create certificate for " + names.primaryName() + ": "
                    + e.getMessage(), e);
        }
    }

    private static byte[] signatureAlgorithm(PublicKey key) {
        if (key instanceof ECKey) {
            return Der.sequence(Der.oid(OID_ECDSA_WITH_SHA256)); // parameters absent (RFC 5758)
        }
        if (key instanceof RSAKey) {
            return Der.sequence(Der.oid(OID_SHA256_WITH_RSA), Der.nul());
        }
        throw new IllegalArgumentException("unsupported key algorithm " + key.getAlgorithm());
    }

    /** digitalSignature, and keyEncipherment for RSA (TLS 1.2's RSA key exchange), as the BC profile. */
    private static byte[] keyUsage(PublicKey key) {
        return key instanceof RSAKey
                ? Der.bitString(new byte[] {(byte) 0xa0}, 5)
                : Der.bitString(new byte[] {(byte) 0x80}, 7);
    }

    /** RFC 5280 4.2.1.2 method 1: SHA-1 of the subjectPublicKey BIT STRING's bits. */
    private static byte[] keyIdentifier(PublicKey key) {
        byte[] info = key.getEncoded();
        // SubjectPublicKeyInfo ::= SEQUENCE { AlgorithmIdentifier, BIT STRING }: the BIT STRING ends it.
        int offset = lengthEnd(info, 0); // into the SEQUENCE's content
        offset = lengthEnd(info, offset) + length(info, offset); // past the AlgorithmIdentifier
        int bitsStart = lengthEnd(info, offset) + 1; // past the unused-bits byte
        int bitsEnd = lengthEnd(info, offset) + length(info, offset);
        try {
            return MessageDigest.getInstance("SHA-1").digest(Arrays.copyOfRange(info, bitsStart, bitsEnd));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-1 is missing from this Java runtime", e);
        }
    }

    /** Where the content of the element at {@code at} starts. */
    private static int lengthEnd(byte[] der, int at) {
        int first = der[at + 1] & 0xff;
        return at + 2 + (first < 0x80 ? 0 : first & 0x7f);
    }

    /** The content length of the element at {@code at}. */
    private static int length(byte[] der, int at) {
        int first = der[at + 1] & 0xff;
        if (first < 0x80) {
            return first;
        }
        int length = 0;
        for (int i = 0; i < (first & 0x7f); i++) {
            length = (length << 8) | (der[at + 2 + i] & 0xff);
        }
        return length;
    }

    private static byte[] extension(String oid, boolean critical, byte[] value) {
        return critical
                ? Der.sequence(Der.oid(oid), Der.bool(true), Der.octetString(value))
                : Der.sequence(Der.oid(oid), Der.octetString(value));
    }

    /** GeneralNames: dNSName [2] IA5String and iPAddress [7] OCTET STRING, names first. */
    private static byte[] subjectAltNames(SubjectAltNames names) {
        List<byte[]> general = new ArrayList<>();
        for (String dns : names.dnsNames()) {
            general.add(Der.contextTag(2, false, dns.getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
        }
        for (byte[] address : names.rawIpAddresses()) {
            general.add(Der.contextTag(7, false, address));
        }
        return Der.sequence(general.toArray(new byte[0][]));
    }
}
