package io.jfrp.certs;

import io.jfrp.classpath.OptionalJars;

import java.io.IOException;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A private certificate authority for one jfrp deployment: it signs the server certificate that
 * clients verify, and the client certificates the server accepts under mutual TLS.
 *
 * <p>The CA certificate is self-signed with basicConstraints {@code CA:true, pathlen:0} (it signs
 * end-entity certificates only) and keyUsage {@code keyCertSign, cRLSign}. Its key is EC P-256
 * unless {@link KeyAlgorithm#RSA_2048} is asked for. Issued certificates carry basicConstraints
 * {@code CA:false}, keyUsage {@code digitalSignature} (plus {@code keyEncipherment} for RSA
 * server keys) and extendedKeyUsage {@code serverAuth} or {@code clientAuth}, which is what Go's
 * crypto/tls, the JDK, BoringSSL and OpenSSL check.
 *
 * <p>Distribute {@code ca.crt} to whoever must verify; keep {@code ca.key} off the servers when
 * you can, since it can mint certificates every peer of this CA trusts.
 *
 * <p>Immutable and thread-safe.
 */
public final class CertificateAuthority {
    /** Validity of a CA made by {@link #create(Duration)} callers that have no opinion: ten years. */
    public static final Duration DEFAULT_VALIDITY = Duration.ofDays(3650);

    private final CertifiedKey certifiedKey;
    private final SecureRandom random;
    private final Clock clock;

    private CertificateAuthority(CertifiedKey certifiedKey, SecureRandom random, Clock clock) {
        this.certifiedKey = certifiedKey;
        this.random = random;
        this.clock = clock;
    }

    /** Creates a CA with an EC P-256 key and a unique name ({@code jfrp CA} and random hex). */
    public static CertificateAuthority create(Duration validity) {
        return create(null, KeyAlgorithm.defaultAlgorithm(), validity);
    }

    /**
     * Creates a CA with a fresh key.
     *
     * @param commonName the CA's common name, or null for {@code jfrp CA <random hex>}; a unique
     *                   name keeps CAs of different deployments apart in logs and trust stores
     * @param algorithm  the CA key's type, which also decides how it signs
     * @param validity   how long the CA certificate is valid; issued certificates never outlive it
     */
    public static CertificateAuthority create(String commonName, KeyAlgorithm algorithm, Duration validity) {
        return create(commonName, algorithm, validity, new SecureRandom(), Clock.systemUTC());
    }

    static CertificateAuthority create(String commonName, KeyAlgorithm algorithm, Duration validity,
                                       SecureRandom random, Clock clock) {
        Objects.requireNonNull(algorithm, "algorithm");
        OptionalJars.require(); // Bouncy Castle, for CertificateBuilder
        String name = commonName != null ? commonName : "jfrp CA " + HexFormat.of().formatHex(randomBytes(random, 4));
        KeyPair keys = algorithm.generateKeyPair(random);
        X509Certificate certificate = new CertificateBuilder(CertificateBuilder.Profile.CERTIFICATE_AUTHORITY, random, clock)
                .commonName(name)
                .publicKey(keys.getPublic())
                .validity(validity)
                .selfSigned(keys.getPrivate());
        return new CertificateAuthority(new CertifiedKey(certificate, keys.getPrivate()), random, clock);
    }

    /**
     * Loads a CA from PEM files, for issuing more certificates later (another client, a renewed
     * server certificate).
     *
     * @throws IOException when the files do not hold a matching key and CA certificate
     */
    public static CertificateAuthority load(Path certificateFile, Path keyFile) throws IOException {
        CertifiedKey loaded = CertifiedKey.load(certificateFile, keyFile);
        X509Certificate certificate = loaded.certificate();
        boolean[] keyUsage = certificate.getKeyUsage();
        if (certificate.getBasicConstraints() < 0 || (keyUsage != null && !keyUsage[5])) {
            throw new IOException(certificateFile + " is not a CA certificate (needs basicConstraints CA:true"
                    + " and keyUsage keyCertSign): " + certificate.getSubjectX500Principal().getName());
        }
        return new CertificateAuthority(loaded, new SecureRandom(), Clock.systemUTC());
    }

    /** The CA certificate: what clients and servers put in their trust store. */
    public X509Certificate certificate() {
        return certifiedKey.certificate();
    }

    /** The CA certificate with its private key. */
    public CertifiedKey certifiedKey() {
        return certifiedKey;
    }

    /**
     * Issues a TLS server certificate with a fresh key of the CA's key type.
     *
     * @see #issueServerCertificate(SubjectAltNames, Duration, KeyAlgorithm)
     */
    public CertifiedKey issueServerCertificate(SubjectAltNames names, Duration validity) {
        return issueServerCertificate(names, validity, algorithmOfThisCa());
    }

    /**
     * Issues a TLS server certificate: extendedKeyUsage serverAuth, the given subjectAltNames, and
     * the first name as common name. The result holds the server certificate alone: the CA is
     * the trust anchor peers already have, so sending it in every handshake would only add bytes.
     *
     * @param names    DNS names and IP addresses clients will dial; at least one
     * @param validity how long it is valid, cut to the CA's own end of validity
     * @throws IllegalArgumentException for no names or a too short validity
     * @throws IllegalStateException    when this CA has expired
     */
    public CertifiedKey issueServerCertificate(SubjectAltNames names, Duration validity, KeyAlgorithm algorithm) {
        Objects.requireNonNull(names, "names");
        if (names.isEmpty()) {
            throw new IllegalArgumentException("a server certificate needs at least one DNS name or IP address");
        }
        return issue(CertificateBuilder.Profile.SERVER, names.primaryName(), names, validity, algorithm);
    }

    /**
     * Issues a client certificate for mutual TLS with a fresh key of the CA's key type.
     *
     * @see #issueClientCertificate(String, Duration, KeyAlgorithm)
     */
    public CertifiedKey issueClientCertificate(String commonName, Duration validity) {
        return issueClientCertificate(commonName, validity, algorithmOfThisCa());
    }

    /**
     * Issues a client certificate for mutual TLS: extendedKeyUsage clientAuth, no subjectAltNames.
     *
     * @param commonName names the client in the server's logs, for example its frp {@code user}
     * @param validity   how long it is valid, cut to the CA's own end of validity
     */
    public CertifiedKey issueClientCertificate(String commonName, Duration validity, KeyAlgorithm algorithm) {
        return issue(CertificateBuilder.Profile.CLIENT, commonName, null, validity, algorithm);
    }

    /** Writes the CA certificate and its key (mode 0600) as PEM. */
    public void write(Path certificateFile, Path keyFile) throws IOException {
        certifiedKey.write(certificateFile, keyFile);
    }

    private CertifiedKey issue(CertificateBuilder.Profile profile, String commonName, SubjectAltNames names,
                               Duration validity, KeyAlgorithm algorithm) {
        Objects.requireNonNull(algorithm, "algorithm");
        OptionalJars.require(); // Bouncy Castle, for CertificateBuilder
        Certificates.requirePositive(validity);
        if (!certificate().getNotAfter().toInstant().isAfter(clock.instant())) {
            throw new IllegalStateException("CA " + certificate().getSubjectX500Principal().getName()
                    + " expired on " + certificate().getNotAfter().toInstant());
        }
        KeyPair keys = algorithm.generateKeyPair(random);
        CertificateBuilder builder = new CertificateBuilder(profile, random, clock)
                .commonName(commonName)
                .publicKey(keys.getPublic())
                .validity(validity);
        if (names != null) {
            builder.subjectAltNames(names);
        }
        X509Certificate issued = builder.signedBy(certifiedKey);
        return new CertifiedKey(issued, keys.getPrivate());
    }

    private KeyAlgorithm algorithmOfThisCa() {
        return "RSA".equals(certifiedKey.privateKey().getAlgorithm()) ? KeyAlgorithm.RSA_2048 : KeyAlgorithm.EC_P256;
    }

    private static byte[] randomBytes(SecureRandom random, int count) {
        byte[] bytes = new byte[count];
        random.nextBytes(bytes);
        return bytes;
    }

    @Override
    public String toString() {
        return "CertificateAuthority[" + certificate().getSubjectX500Principal().getName() + "]";
    }
}
