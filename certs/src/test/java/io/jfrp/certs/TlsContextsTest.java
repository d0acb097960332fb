package io.jfrp.certs;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import io.netty.util.ReferenceCountUtil;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class TlsContextsTest {
    @TempDir
    Path dir;

    @Test
    void defaultProviderIsOpenSslWhenItsNativeLibraryLoads() {
        assertThat(TlsContexts.defaultProvider()).isEqualTo(OpenSsl.isAvailable() ? SslProvider.OPENSSL : SslProvider.JDK);
        System.out.println("TLS provider in use: " + TlsContexts.describe(TlsContexts.defaultProvider())
                + (OpenSsl.isAvailable() ? "" : "; OpenSSL unavailable: " + OpenSsl.unavailabilityCause()));
    }

    @Test
    void openSslLoadsOnLinuxX8664WithGlibc() {
        // The module bundles netty-tcnative-boringssl-static for exactly this platform.
        boolean linuxX64 = System.getProperty("os.name").toLowerCase(Locale.ROOT).contains("linux")
                && List.of("amd64", "x86_64").contains(System.getProperty("os.arch"));
        boolean musl = Files.exists(Path.of("/lib/ld-musl-x86_64.so.1"));
        assumeTrue(linuxX64 && !musl, "linux-x86_64 with glibc");

        assertThat(OpenSsl.isAvailable()).as(String.valueOf(OpenSsl.unavailabilityCause())).isTrue();
        assertThat(TlsContexts.describe(SslProvider.OPENSSL)).startsWith("OpenSSL (BoringSSL");
    }

    @ParameterizedTest
    @EnumSource(value = SslProvider.class, names = {"JDK", "OPENSSL"})
    void enablesOnlyTls13AndTls12(SslProvider provider) throws Exception {
        assumeTrue(provider == SslProvider.JDK || OpenSsl.isAvailable(), "OpenSSL available");
        CertificateAuthority ca = CertificateAuthority.create(Duration.ofDays(1));
        CertifiedKey server = ca.issueServerCertificate(SubjectAltNames.LOCALHOST, Duration.ofDays(1));

        SslContext serverContext = TlsContexts.server(server, List.of(ca.certificate()), provider);
        TlsClientContext client = TlsContexts.client(List.of(ca.certificate()), null, null, provider);

        assertThat(TlsContexts.protocols(provider)).containsExactly("TLSv1.3", "TLSv1.2");
        SSLEngine serverEngine = serverContext.newEngine(ByteBufAllocator.DEFAULT);
        try {
            assertThat(realProtocols(serverEngine)).containsExactlyInAnyOrder("TLSv1.3", "TLSv1.2");
            assertThat(serverEngine.getNeedClientAuth()).isTrue();
        } finally {
            ReferenceCountUtil.release(serverEngine);
        }
        SslHandler handler = client.newHandler(ByteBufAllocator.DEFAULT, "localhost", 7000);
        try {
            assertThat(realProtocols(handler.engine())).containsExactlyInAnyOrder("TLSv1.3", "TLSv1.2");
            assertThat(handler.engine().getUseClientMode()).isTrue();
        } finally {
            ReferenceCountUtil.release(handler.engine());
        }
    }

    @ParameterizedTest
    @EnumSource(value = SslProvider.class, names = {"JDK", "OPENSSL"})
    void clientHandlerSetsSniAndEndpointIdentification(SslProvider provider) throws Exception {
        assumeTrue(provider == SslProvider.JDK || OpenSsl.isAvailable(), "OpenSSL available");
        CertificateAuthority ca = CertificateAuthority.create(Duration.ofDays(1));

        TlsClientContext named = TlsContexts.client(List.of(ca.certificate()), null, "frp.example.com", provider);
        SSLParameters parameters = parameters(named, "192.0.2.1");
        assertThat(parameters.getEndpointIdentificationAlgorithm()).isEqualTo("HTTPS");
        assertThat(parameters.getServerNames()).containsExactly(new SNIHostName("frp.example.com"));

        TlsClientContext byDialedHost = TlsContexts.client(List.of(ca.certificate()), null, null, provider);
        assertThat(parameters(byDialedHost, "tunnel.example.org").getServerNames())
                .containsExactly(new SNIHostName("tunnel.example.org"));
        // No SNI for an address (RFC 6066), but still verified against IP subjectAltNames.
        SSLParameters ip = parameters(byDialedHost, "127.0.0.1");
        assertThat(ip.getServerNames()).isNullOrEmpty();
        assertThat(ip.getEndpointIdentificationAlgorithm()).isEqualTo("HTTPS");

        TlsClientContext unverified = TlsContexts.client(List.of(), null, "frp.example.com", provider);
        assertThat(unverified.verifiesServer()).isFalse();
        assertThat(parameters(unverified, "192.0.2.1").getEndpointIdentificationAlgorithm()).isNull();
    }

    @Test
    void expectedServerNameStripsBracketsAndRequiresAName() throws Exception {
        TlsClientContext client = TlsContexts.client(List.of(), null, "  ", SslProvider.JDK);

        assertThat(client.serverName()).isNull();
        assertThat(client.expectedServerName("[::1]")).isEqualTo("::1");
        assertThatThrownBy(() -> client.expectedServerName(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void fileApiReportsTheBadFile() throws Exception {
        CertificateTool.MutualTlsFiles files = CertificateTool.generateMutualTlsSet(dir, List.of("localhost"),
                List.of(), Duration.ofDays(1));

        assertThatThrownBy(() -> TlsContexts.server(files.serverCertificate(), files.clientKey(), null))
                .hasMessageContaining("does not belong");
        assertThatThrownBy(() -> TlsContexts.server(files.serverCertificate(), files.serverKey(),
                dir.resolve("nope.crt"))).hasMessageContaining("nope.crt");
        assertThatThrownBy(() -> TlsContexts.client(files.caKey(), null, null, null))
                .hasMessageContaining("no certificate").hasMessageContaining("ca.key");
        assertThatThrownBy(() -> TlsContexts.client(files.caCertificate(), files.clientCertificate(), null, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("both");
    }

    @Test
    void describesTheClientContext() throws Exception {
        TlsClientContext client = TlsContexts.client(List.of(), null, "frp.example.com", SslProvider.JDK);

        assertThat(client.toString()).contains("JDK (Java").contains("does not verify server")
                .contains("frp.example.com");
        assertThat(client.provider()).isEqualTo(SslProvider.JDK);
    }

    /**
     * Enabled protocols without "SSLv2Hello", which Netty's OpenSSL engine always lists because
     * OpenSSL has no switch for it; it names a ClientHello format, not a protocol version, and
     * BoringSSL does not accept it anyway.
     */
    private static List<String> realProtocols(SSLEngine engine) {
        return Arrays.stream(engine.getEnabledProtocols()).filter(p -> !p.equals("SSLv2Hello")).toList();
    }

    private static SSLParameters parameters(TlsClientContext context, String dialedHost) {
        SslHandler handler = context.newHandler(ByteBufAllocator.DEFAULT, dialedHost, 7000);
        try {
            return handler.engine().getSSLParameters();
        } finally {
            ReferenceCountUtil.release(handler.engine());
        }
    }
}
