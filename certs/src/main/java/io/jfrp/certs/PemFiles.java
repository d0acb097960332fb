package io.jfrp.certs;

import io.jfrp.classpath.OptionalJars;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PrivateKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Reads and writes certificates and private keys as PEM files, the format frp and OpenSSL use.
 *
 * <h3>Formats</h3>
 * Certificates are written as {@code CERTIFICATE} blocks, private keys as unencrypted PKCS#8
 * ({@code PRIVATE KEY}). Reading also accepts the traditional OpenSSL key formats
 * ({@code EC PRIVATE KEY}, {@code RSA PRIVATE KEY}) that older tools and frp guides produce, and
 * skips blocks of other kinds, so a combined file with a key and its chain works for both.
 * Encrypted keys are refused with a message saying how to decrypt them: jfrp, like frp, has no
 * key passphrase setting. Certificates and PKCS#8 keys are read with the JDK alone ({@link JdkPem});
 * Bouncy Castle is loaded only for the other formats and for the error messages.
 *
 * <h3>Files</h3>
 * Every write goes to a temporary file in the target directory that is then renamed over the
 * target, so a crash or a concurrent reader never sees half a file. Private key files are created
 * with permissions {@code 0600} (owner read/write) from the start when the file system supports
 * POSIX permissions; there is no moment at which the key is readable by others. On other file
 * systems (Windows) the directory's default access control applies.
 */
public final class PemFiles {
    private static final Logger log = LoggerFactory.getLogger(PemFiles.class);

    private static final Set<PosixFilePermission> OWNER_ONLY =
            EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);

    private PemFiles() {
    }

    /**
     * Writes certificates as consecutive {@code CERTIFICATE} blocks, replacing the file.
     */
    public static void writeCertificates(Path file, List<X509Certificate> certificates) throws IOException {
        if (certificates.isEmpty()) {
            throw new IllegalArgumentException("no certificates to write to " + file);
        }
        List<JdkPem.Block> blocks = new ArrayList<>();
        for (X509Certificate certificate : certificates) {
            try {
                blocks.add(new JdkPem.Block("CERTIFICATE", certificate.getEncoded()));
            } catch (CertificateEncodingException e) {
                throw new IOException("cannot encode certificate "
                        + certificate.getSubjectX500Principal().getName(), e);
            }
        }
        writeAtomically(file, JdkPem.encode(blocks), false);
    }

    /** Writes one certificate, replacing the file. */
    public static void writeCertificate(Path file, X509Certificate certificate) throws IOException {
        writeCertificates(file, List.of(certificate));
    }

    /**
     * Writes a private key as an unencrypted PKCS#8 {@code PRIVATE KEY} block, replacing the file,
     * with permissions {@code 0600} where the file system supports POSIX permissions.
     */
    public static void writePrivateKey(Path file, PrivateKey key) throws IOException {
        if (!"PKCS#8".equals(key.getFormat())) {
            throw new IllegalArgumentException("private key format is " + key.getFormat() + ", not PKCS#8");
        }
        writeAtomically(file, JdkPem.encode(List.of(new JdkPem.Block("PRIVATE KEY", key.getEncoded()))), true);
    }

    /**
     * Reads every {@code CERTIFICATE} block of a PEM file, in file order; other blocks are skipped.
     *
     * @throws IOException when the file is missing, malformed, or holds no certificate
     */
    public static List<X509Certificate> readCertificates(Path file) throws IOException {
        List<X509Certificate> plain = JdkPem.certificates(file);
        if (plain != null) {
            return plain;
        }
        OptionalJars.require(); // Bouncy Castle, for BcPemReader
        return BcPemReader.readCertificates(file);
    }

    /**
     * Reads the first private key of a PEM file: PKCS#8 {@code PRIVATE KEY}, or traditional
     * {@code EC PRIVATE KEY} / {@code RSA PRIVATE KEY}. Logs a warning when the file is readable by
     * group or others.
     *
     * @throws IOException when the file is missing, malformed, encrypted, or holds no key
     */
    public static PrivateKey readPrivateKey(Path file) throws IOException {
        PrivateKey plain = JdkPem.privateKey(file);
        PrivateKey key = plain;
        if (key == null) {
            OptionalJars.require(); // Bouncy Castle, for BcPemReader
            key = BcPemReader.readPrivateKey(file);
        }
        warnIfReadableByOthers(file);
        return key;
    }

    /** True when files under {@code directory} can be given POSIX permissions. */
    static boolean supportsPosixPermissions(Path directory) {
        return directory.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    private static void warnIfReadableByOthers(Path file) {
        try {
            PosixFileAttributeView view = Files.getFileAttributeView(file, PosixFileAttributeView.class);
            if (view == null) {
                return;
            }
            Set<PosixFilePermission> permissions = view.readAttributes().permissions();
            boolean shared = permissions.stream().anyMatch(p -> !p.name().startsWith("OWNER_"));
            if (shared) {
                log.warn("Private key {} is accessible by group or others (permissions {}); restrict it with: chmod 600 {}",
                        file, PosixFilePermissions.toString(permissions), file);
            }
        } catch (IOException e) {
            log.debug("Cannot read the permissions of {}", file, e);
        }
    }

    /**
     * Writes {@code content} to a temporary sibling of {@code target} and renames it over the
     * target. A secret file is created with owner-only permissions, never widened afterwards.
     */
    private static void writeAtomically(Path target, byte[] content, boolean secret) throws IOException {
        Path absolute = target.toAbsolutePath();
        Path directory = absolute.getParent();
        Files.createDirectories(directory);
        Path temporary = directory.resolve("." + absolute.getFileName() + ".tmp"
                + Long.toHexString(ThreadLocalRandom.current().nextLong()));
        FileAttribute<?>[] attributes = new FileAttribute<?>[0];
        if (secret) {
            if (supportsPosixPermissions(directory)) {
                attributes = new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY)};
            } else {
                log.debug("File system of {} has no POSIX permissions; {} keeps the default access rights",
                        directory, absolute.getFileName());
            }
        }
        try {
            try (FileChannel channel = FileChannel.open(temporary,
                    Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), attributes)) {
                ByteBuffer buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            try {
                Files.move(temporary, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, absolute, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException | RuntimeException e) {
            try {
                Files.deleteIfExists(temporary);
            } catch (IOException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
    }
}
