package io.jfrp.certs;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The certificate jfrps serves when TLS is on and no certificate is configured: a self-signed
 * server certificate generated once into a directory and reused on every later start.
 *
 * <h3>Why persist it</h3>
 * Stock frps generates a fresh random certificate in memory on each start, so no client can ever
 * verify it. Keeping it on disk lets a client pin it: copy {@code server.crt} to the client and
 * configure it as the trusted CA file, and from then on the client verifies the server (chain and
 * hostname) exactly as it would with a real CA. Clients that verify nothing, frp's default, keep
 * working either way.
 *
 * <h3>What it is</h3>
 * One self-signed end-entity certificate, no CA: basicConstraints {@code CA:false}, keyUsage
 * {@code digitalSignature}, extendedKeyUsage {@code serverAuth}, and subjectAltNames for the
 * names clients dial ({@code localhost}, {@code 127.0.0.1}, {@code ::1} by default). The JDK,
 * BoringSSL, OpenSSL and Go accept such a certificate as its own trust anchor. Without a CA there
 * is no CA key on the server that could sign certificates for other names.
 *
 * <h3>Files and concurrency</h3>
 * {@code server.crt} and {@code server.key} (mode 0600) in the given directory. If both exist
 * they are loaded and checked to match; if only one exists that is an error rather than a silent
 * overwrite, since the other may be pinned by clients. Creation holds a lock on the file
 * {@code .jfrp-certs.lock} in the directory (left in place; deleting lock files races), so two
 * servers starting together on the same directory end up with one certificate.
 * An expired or soon expiring certificate is kept (replacing it would break every client that
 * pinned it) and reported with a warning.
 *
 * @param certificateFile the PEM certificate file, the one to copy to clients that should verify the server
 * @param keyFile         the PEM private key file (PKCS#8, mode 0600 where supported)
 * @param certifiedKey    the certificate with its key, ready for
 *                        {@link TlsContexts#server(CertifiedKey, java.util.List, io.netty.handler.ssl.SslProvider)}
 * @param created         true when this call generated the certificate, false when it was loaded
 */
public record SelfSignedServerCertificate(Path certificateFile, Path keyFile, CertifiedKey certifiedKey,
                                          boolean created) {
    private static final Logger log = LoggerFactory.getLogger(SelfSignedServerCertificate.class);

    /** File name of the certificate in the directory. */
    public static final String CERTIFICATE_FILE = "server.crt";
    /** File name of the private key in the directory. */
    public static final String KEY_FILE = "server.key";
    /** Ten years: clients pin this certificate, and a renewal would make each of them re-pin. */
    public static final Duration DEFAULT_VALIDITY = Duration.ofDays(3650);
    /** How long before the end of validity a loaded certificate draws a warning. */
    static final Duration EXPIRY_WARNING = Duration.ofDays(30);

    private static final String LOCK_FILE = ".jfrp-certs.lock";
    /** File locks are per process; this keeps two threads of one JVM apart as well. */
    private static final Object JVM_LOCK = new Object();

    /**
     * Loads the certificate from {@code directory}, or creates one for localhost (EC P-256, ten
     * years) if there is none.
     */
    public static SelfSignedServerCertificate loadOrCreate(Path directory) throws IOException {
        return loadOrCreate(directory, SubjectAltNames.LOCALHOST, DEFAULT_VALIDITY, KeyAlgorithm.defaultAlgorithm());
    }

    /**
     * Loads the certificate from {@code directory}, or creates one with these parameters if there
     * is none. The parameters do not apply to an existing certificate; when it lacks some of
     * {@code names} a warning says which.
     *
     * @param directory created if missing
     * @param names     names and addresses clients will dial; at least one
     * @throws IOException when the directory cannot be written or holds only one of the two files,
     *                     or files that do not match
     */
    public static SelfSignedServerCertificate loadOrCreate(Path directory, SubjectAltNames names, Duration validity,
                                                           KeyAlgorithm algorithm) throws IOException {
        return loadOrCreate(directory, names, validity, algorithm, Clock.systemUTC());
    }

    static SelfSignedServerCertificate loadOrCreate(Path directory, SubjectAltNames names, Duration validity,
                                                    KeyAlgorithm algorithm, Clock clock) throws IOException {
        Objects.requireNonNull(names, "names");
        Certificates.requirePositive(validity);
        Objects.requireNonNull(algorithm, "algorithm");
        Files.createDirectories(directory);
        Path certificateFile = directory.resolve(CERTIFICATE_FILE);
        Path keyFile = directory.resolve(KEY_FILE);
        synchronized (JVM_LOCK) {
            try (FileChannel lockChannel = FileChannel.open(directory.resolve(LOCK_FILE),
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
                // Blocks while another process creates the files; closing the channel releases it.
                lockChannel.lock();
                boolean hasCertificate = Files.exists(certificateFile);
                boolean hasKey = Files.exists(keyFile);
                if (hasCertificate && hasKey) {
                    CertifiedKey loaded = CertifiedKey.load(certificateFile, keyFile);
                    checkLoaded(certificateFile, loaded.certificate(), names, clock);
                    log.info("Using TLS certificate {}: {}, SHA-256 {}", certificateFile,
                            Certificates.describe(loaded.certificate()),
                            Certificates.sha256Fingerprint(loaded.certificate()));
                    return new SelfSignedServerCertificate(certificateFile, keyFile, loaded, false);
                }
                if (hasCertificate || hasKey) {
                    throw new IOException("found " + (hasCertificate ? certificateFile : keyFile) + " but not "
                            + (hasCertificate ? keyFile : certificateFile) + "; restore it, or remove both files"
                            + " to generate a new certificate (clients that pinned the old one must then be updated)");
                }
                CertifiedKey generated = generate(names, validity, algorithm, new SecureRandom(), clock);
                generated.write(certificateFile, keyFile);
                log.info("Generated self-signed TLS certificate {} ({}), SHA-256 {}. Give this file to clients"
                                + " as their trusted CA file so that they verify this server.",
                        certificateFile, Certificates.describe(generated.certificate()),
                        Certificates.sha256Fingerprint(generated.certificate()));
                return new SelfSignedServerCertificate(certificateFile, keyFile, generated, true);
            }
        }
    }

    /**
     * Generates a self-signed server certificate in memory, without touching any file.
     *
     * @param names at least one DNS name or IP address
     */
    public static CertifiedKey generate(SubjectAltNames names, Duration validity, KeyAlgorithm algorithm) {
        return generate(names, validity, algorithm, new SecureRandom(), Clock.systemUTC());
    }

    static CertifiedKey generate(SubjectAltNames names, Duration validity, KeyAlgorithm algorithm,
                                 SecureRandom random, Clock clock) {
        Objects.requireNonNull(names, "names");
        if (names.isEmpty()) {
            throw new IllegalArgumentException("a server certificate needs at least one DNS name or IP address");
        }
        KeyPair keys = algorithm.generateKeyPair(random);
        // The JDK alone, not Bouncy Castle: this runs on a first start, where loading BC is most of the cost.
        X509Certificate certificate = JdkServerCertificate.selfSigned(names, keys, validity, random, clock);
        return new CertifiedKey(certificate, keys.getPrivate());
    }

    private static void checkLoaded(Path file, X509Certificate certificate, SubjectAltNames names, Clock clock) {
        Instant now = clock.instant();
        Instant notAfter = certificate.getNotAfter().toInstant();
        if (!notAfter.isAfter(now)) {
            log.warn("TLS certificate {} expired on {}; clients that verify it will refuse to connect."
                    + " Remove {} and {} to generate a new one.", file, notAfter, file, file.resolveSibling(KEY_FILE));
        } else if (notAfter.isBefore(now.plus(EXPIRY_WARNING))) {
            log.warn("TLS certificate {} expires on {}", file, notAfter);
        }
        if (!Certificates.covers(certificate, names)) {
            log.warn("TLS certificate {} is valid for [{}], not for all of [{}]; clients verifying other names"
                    + " will fail. Remove it and its key to generate a new one.",
                    file, Certificates.subjectAltNames(certificate), names);
        }
    }

    /** The certificate's SHA-256 fingerprint, for logs and for users comparing with a pinned copy. */
    public String sha256Fingerprint() {
        return Certificates.sha256Fingerprint(certifiedKey.certificate());
    }
}
