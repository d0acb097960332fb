package io.jfrp.e2e;

import io.jfrp.e2e.netns.NetnsPrograms;
import org.bouncycastle.asn1.cmp.PKIBody;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.util.Pack;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bouncy Castle's jars among the programs' optional jars ({@code server/target/lib/optional},
 * {@code client/target/lib/optional}, which the launchers add to the class path when a feature needs
 * them, and the release ships) are the Maven artifacts without their signatures: the signature files
 * and the manifest's per-entry digest sections are gone (a signed jar's entries are checked against
 * them when its classes load; on the class path, every jar's manifest was also copied into the
 * class-data-sharing archives, 1 MiB resident for the three; docs/PERFORMANCE.md, "Memory and start-up"), while
 * every class and resource and the manifest's main section are the artifact's own bytes; and the
 * library still works from them through the launcher ({@code bin/jfrps certs} builds certificates
 * with it).
 */
class UnsignedBouncyCastleJarsTest {
    private static final Pattern SIGNATURE_FILE = Pattern.compile("META-INF/[^/]+\\.(SF|RSA|DSA|EC)");
    private static final Path ROOT = NetnsPrograms.projectRoot();

    @BeforeAll
    static void programsBuilt() throws Exception {
        // The launchers build the jars when missing or stale (the reactor has built them before e2e).
        assertThat(run(List.of(ROOT.resolve("bin/jfrps").toString(), "--version"))).contains("jfrps");
        assertThat(run(List.of(ROOT.resolve("bin/jfrpc").toString(), "--version"))).contains("jfrpc");
    }

    @Test
    void theClassPathsHoldTheArtifactsBytesWithoutSignatures() throws Exception {
        for (Class<?> inJar : List.of(Pack.class, X509CertificateHolder.class, PKIBody.class)) {
            Path artifact = jarOf(inJar);
            assertThat(signatureFiles(artifact)).as("the Maven artifact %s is signed", artifact).isNotEmpty();
            byte[] serverCopy = null;
            for (String program : List.of("server", "client")) {
                Path copy = ROOT.resolve(program + "/target/lib/optional").resolve(artifact.getFileName().toString());
                assertUnsignedCopy(artifact, copy);
                byte[] bytes = Files.readAllBytes(copy);
                if (serverCopy == null) {
                    serverCopy = bytes;
                } else {
                    // packaging/build-release.sh ships one copy of a jar both programs have.
                    assertThat(bytes).as("server's and client's %s", copy.getFileName()).isEqualTo(serverCopy);
                }
            }
        }
    }

    @Test
    void certificatesAreBuiltWithTheUnsignedJars(@TempDir Path dir) throws Exception {
        String out = run(List.of(ROOT.resolve("bin/jfrps").toString(), "certs", "--dir", dir.toString(),
                "--name", "example.test"));
        CertificateFactory factory = CertificateFactory.getInstance("X.509");
        X509Certificate server;
        try (InputStream in = Files.newInputStream(dir.resolve("server.crt"))) {
            server = (X509Certificate) factory.generateCertificate(in);
        }
        X509Certificate ca;
        try (InputStream in = Files.newInputStream(dir.resolve("ca.crt"))) {
            ca = (X509Certificate) factory.generateCertificate(in);
        }
        server.verify(ca.getPublicKey());
        assertThat(server.getSubjectAlternativeNames()).as(out)
                .anySatisfy(n -> assertThat(n.get(1)).isEqualTo("example.test"));
        assertThat(dir.resolve("client.crt")).exists();
    }

    private static void assertUnsignedCopy(Path artifact, Path copy) throws IOException {
        assertThat(copy).exists();
        try (JarFile original = new JarFile(artifact.toFile()); JarFile unsigned = new JarFile(copy.toFile(), true)) {
            Manifest originalManifest = original.getManifest();
            Manifest manifest = unsigned.getManifest();
            assertThat(manifest.getEntries()).as("per-entry sections of %s", copy).isEmpty();
            Map<Object, Object> originalMain = new TreeMap<>();
            originalManifest.getMainAttributes().forEach((k, v) -> originalMain.put(k.toString(), v));
            Map<Object, Object> main = new TreeMap<>();
            manifest.getMainAttributes().forEach((k, v) -> main.put(k.toString(), v));
            // Ant's jar task may add its own Created-By / Ant-Version; every original attribute stays.
            assertThat(main).as("main section of %s", copy).containsAllEntriesOf(originalMain);
            assertThat(signatureFiles(copy)).as("signature files in %s", copy).isEmpty();

            Map<String, JarEntry> copied = new TreeMap<>();
            for (Enumeration<JarEntry> e = unsigned.entries(); e.hasMoreElements(); ) {
                JarEntry entry = e.nextElement();
                copied.put(entry.getName(), entry);
            }
            int compared = 0;
            for (Enumeration<JarEntry> e = original.entries(); e.hasMoreElements(); ) {
                JarEntry entry = e.nextElement();
                String name = entry.getName();
                if (SIGNATURE_FILE.matcher(name).matches() || name.equals(JarFile.MANIFEST_NAME) || entry.isDirectory()) {
                    continue;
                }
                JarEntry mine = copied.get(name);
                assertThat(mine).as("%s in %s", name, copy).isNotNull();
                try (InputStream a = original.getInputStream(entry); InputStream b = unsigned.getInputStream(mine)) {
                    assertThat(b.readAllBytes()).as("%s in %s", name, copy).isEqualTo(a.readAllBytes());
                }
                assertThat(mine.getCodeSigners()).as("signers of %s in %s", name, copy).isNull();
                compared++;
            }
            assertThat(compared).isGreaterThan(100);
        }
    }

    private static List<String> signatureFiles(Path jar) throws IOException {
        List<String> found = new ArrayList<>();
        try (JarFile file = new JarFile(jar.toFile(), false)) {
            file.stream().map(JarEntry::getName).filter(n -> SIGNATURE_FILE.matcher(n).matches()).forEach(found::add);
        }
        return found;
    }

    private static Path jarOf(Class<?> type) throws URISyntaxException {
        Path jar = Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        assertThat(jar.getFileName().toString()).endsWith(".jar");
        return jar;
    }

    /** Runs a launcher command, returns its output; fails with the output unless it exits 0 within 10 minutes. */
    private static String run(List<String> command) throws Exception {
        Path log = Files.createTempFile("unsigned-bc", ".log");
        try {
            Process p = new ProcessBuilder(command).directory(ROOT.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            boolean done = p.waitFor(10, TimeUnit.MINUTES);
            if (!done) {
                p.destroyForcibly().waitFor();
            }
            String output = Files.readString(log, StandardCharsets.UTF_8);
            assertThat(done && p.exitValue() == 0).as("%s:%n%s", command, output).isTrue();
            return output;
        } finally {
            Files.deleteIfExists(log);
        }
    }
}
