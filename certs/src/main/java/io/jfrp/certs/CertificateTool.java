package io.jfrp.certs;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * File-level operations behind the {@code jfrps}/{@code jfrpc} certificate commands: each call
 * takes plain values, writes PEM files into a directory, and returns where they went.
 *
 * <p>Nothing here overwrites an existing file: replacing a CA or a key that peers already trust
 * must be a deliberate act (delete the files first), not a side effect of rerunning a command.
 */
public final class CertificateTool {
    private static final Logger log = LoggerFactory.getLogger(CertificateTool.class);

    /** File names of a mutual TLS set. */
    public static final String CA_CERTIFICATE = "ca.crt";
    public static final String CA_KEY = "ca.key";
    public static final String SERVER_CERTIFICATE = "server.crt";
    public static final String SERVER_KEY = "server.key";
    public static final String CLIENT_CERTIFICATE = "client.crt";
    public static final String CLIENT_KEY = "client.key";

    /** Common name of the client certificate in a generated set. */
    public static final String DEFAULT_CLIENT_NAME = "jfrpc";

    private CertificateTool() {
    }

    /**
     * The files of a generated mutual TLS set.
     *
     * @param caCertificate     give to both server and client as their trusted CA file
     * @param caKey             keep offline; needed only to issue more certificates
     * @param serverCertificate for the server, with {@code serverKey}
     * @param clientCertificate for the client, with {@code clientKey}
     */
    public record MutualTlsFiles(Path caCertificate, Path caKey, Path serverCertificate, Path serverKey,
                                 Path clientCertificate, Path clientKey) {
    }

    /**
     * Generates a CA, a server certificate and a client certificate, all EC P-256 and valid for
     * {@code validity}, and writes {@code ca.crt}, {@code ca.key}, {@code server.crt},
     * {@code server.key}, {@code client.crt} and {@code client.key} (keys mode 0600) into
     * {@code directory}. Server configured with its certificate, key and {@code ca.crt} as trusted
     * CA requires the client certificate; client configured with {@code ca.crt} and its
     * certificate verifies the server.
     *
     * @param serverNames DNS names of the server (for example {@code localhost}, {@code frp.example.com})
     * @param ipAddresses IP addresses of the server (for example {@code 127.0.0.1}); together with
     *                    the names at least one entry
     * @throws FileAlreadyExistsException when any of the six files exists; nothing is written then
     */
    public static MutualTlsFiles generateMutualTlsSet(Path directory, List<String> serverNames,
                                                      List<String> ipAddresses, Duration validity) throws IOException {
        return generateMutualTlsSet(directory, serverNames, ipAddresses, validity, KeyAlgorithm.defaultAlgorithm());
    }

    /** As {@link #generateMutualTlsSet(Path, List, List, Duration)} with a choice of key type. */
    public static MutualTlsFiles generateMutualTlsSet(Path directory, List<String> serverNames, List<String> ipAddresses,
                                                      Duration validity, KeyAlgorithm algorithm) throws IOException {
        SubjectAltNames names = SubjectAltNames.of(serverNames, ipAddresses);
        if (names.isEmpty()) {
            throw new IllegalArgumentException("give at least one server DNS name or IP address");
        }
        MutualTlsFiles files = new MutualTlsFiles(directory.resolve(CA_CERTIFICATE), directory.resolve(CA_KEY),
                directory.resolve(SERVER_CERTIFICATE), directory.resolve(SERVER_KEY),
                directory.resolve(CLIENT_CERTIFICATE), directory.resolve(CLIENT_KEY));
        requireAbsent(files.caCertificate(), files.caKey(), files.serverCertificate(), files.serverKey(),
                files.clientCertificate(), files.clientKey());

        CertificateAuthority ca = CertificateAuthority.create(null, algorithm, validity);
        CertifiedKey server = ca.issueServerCertificate(names, validity, algorithm);
        CertifiedKey client = ca.issueClientCertificate(DEFAULT_CLIENT_NAME, validity, algorithm);

        Files.createDirectories(directory);
        ca.write(files.caCertificate(), files.caKey());
        server.write(files.serverCertificate(), files.serverKey());
        client.write(files.clientCertificate(), files.clientKey());
        log.info("Wrote CA {} (SHA-256 {}), server certificate for [{}] and client certificate to {}",
                ca.certificate().getSubjectX500Principal().getName(),
                Certificates.sha256Fingerprint(ca.certificate()), names, directory);
        return files;
    }

    /**
     * Issues one more client certificate from the CA in {@code directory} ({@code ca.crt},
     * {@code ca.key}) and writes it as {@code <name>.crt} and {@code <name>.key}: one certificate
     * per client machine, so a single one can be replaced without touching the others.
     *
     * @param name common name of the client and base name of its files: letters, digits,
     *             {@code .}, {@code _} and {@code -}
     * @return the certificate file; the key is beside it
     * @throws FileAlreadyExistsException when either file exists
     */
    public static Path issueClientCertificate(Path directory, String name, Duration validity) throws IOException {
        Objects.requireNonNull(name, "name");
        if (!name.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,63}")) {
            throw new IllegalArgumentException("client name must be 1-64 letters, digits, '.', '_' or '-'"
                    + " starting with a letter or digit, was '" + name + "'");
        }
        Path certificateFile = directory.resolve(name + ".crt");
        Path keyFile = directory.resolve(name + ".key");
        requireAbsent(certificateFile, keyFile);
        CertificateAuthority ca = CertificateAuthority.load(directory.resolve(CA_CERTIFICATE), directory.resolve(CA_KEY));
        ca.issueClientCertificate(name, validity).write(certificateFile, keyFile);
        log.info("Wrote client certificate {} for '{}'", certificateFile, name);
        return certificateFile;
    }

    private static void requireAbsent(Path... files) throws FileAlreadyExistsException {
        List<String> existing = new ArrayList<>();
        for (Path file : files) {
            if (Files.exists(file)) {
                existing.add(file.toString());
            }
        }
        if (!existing.isEmpty()) {
            throw new FileAlreadyExistsException(String.join(", ", existing), null,
                    "refusing to overwrite; remove the file(s) first to generate new ones");
        }
    }
}
