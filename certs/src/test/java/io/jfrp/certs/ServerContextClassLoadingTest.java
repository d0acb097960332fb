package io.jfrp.certs;

import io.jfrp.testkit.RequiredTools;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslProvider;
import io.netty.util.ReferenceCountUtil;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What building jfrps's TLS server context loads, in a JVM of its own (the JDK's classes come
 * from the boot loader, which no test class loader sees, and other tests of this JVM load them
 * anyway): not the JDK's {@code SunX509KeyManagerImpl}, nor the key store Netty would put the key
 * in, nor the Unicode normaliser ({@code jdk.internal.icu}) that key manager loads to hash the
 * issuers' names; every class a start loads stays resident (docs/PERFORMANCE.md, "Memory and start-up").
 */
class ServerContextClassLoadingTest {
    @TempDir
    Path dir;

    @Test
    void theServerContextLoadsNoJdkKeyManagerNorTheUnicodeNormaliser() throws Exception {
        if (!OpenSsl.isAvailable()) { // the key manager is what jfrps gives BoringSSL
            RequiredTools.missing("OpenSSL (netty-tcnative) unavailable: " + OpenSsl.unavailabilityCause());
        }
        Path log = dir.resolve("classes.log");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process child = new ProcessBuilder(java.toString(), "-Xlog:class+load=info:file=" + log,
                "-Dio.netty.leakDetection.level=paranoid", "-cp", System.getProperty("java.class.path"),
                BuildServerContext.class.getName())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("out.txt").toFile())
                .start();
        try {
            assertThat(child.waitFor(120, TimeUnit.SECONDS)).as("the child JVM ended").isTrue();
        } finally {
            child.destroyForcibly();
        }
        String out = Files.readString(dir.resolve("out.txt"));
        assertThat(child.exitValue()).as(out).isZero();
        assertThat(out).contains("built an OPENSSL server context");

        List<String> loaded = Files.readAllLines(log).stream()
                .map(line -> line.replaceFirst("^.*\\[class,load\\] ", "").replaceFirst(" source: .*$", ""))
                .toList();
        // The path ran: the OpenSSL server context was loaded.
        assertThat(loaded).contains("io.netty.handler.ssl.ReferenceCountedOpenSslServerContext");
        assertThat(loaded).doesNotContain("sun.security.ssl.SunX509KeyManagerImpl",
                "io.netty.handler.ssl.OpenSslX509KeyManagerFactory$OpenSslKeyManagerFactorySpi",
                "sun.security.provider.JavaKeyStore", "java.text.Normalizer");
        assertThat(loaded).noneMatch(name -> name.startsWith("jdk.internal.icu."));
        assertThat(loaded).contains("io.jfrp.certs.CertifiedKeyManager");
    }

    /** The child: builds jfrps's server context (a self-signed key, no client CAs) with OpenSSL. */
    public static final class BuildServerContext {
        public static void main(String[] args) throws Exception {
            CertifiedKey key = SelfSignedServerCertificate.generate(SubjectAltNames.LOCALHOST, Duration.ofDays(1),
                    KeyAlgorithm.defaultAlgorithm());
            SslContext context = TlsContexts.server(key, List.of(), SslProvider.OPENSSL);
            System.out.println("built an " + SslProvider.OPENSSL + " server context: " + context.getClass().getName());
            ReferenceCountUtil.release(context);
        }
    }
}
