package io.jfrp.certs;

import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.net.ssl.SSLException;
import java.io.IOException;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Builds Netty {@link SslContext}s for the frp transport, the optional TLS layer between TCP and
 * yamux (PROTOCOL.md section 2), with jfrp's policy in one place.
 *
 * <h3>Policy</h3>
 * <ul>
 *   <li>TLS 1.3 and TLS 1.2 only. Both ends pick the highest version they share, so 1.3 is used
 *       whenever the peer has it; 1.2 stays for older frp builds and JDKs.</li>
 *   <li>Cipher suites are Netty's defaults: AEAD suites with forward secrecy.</li>
 *   <li>Server: presents its certificate; with a trusted CA it <em>requires</em> a client
 *       certificate signed by that CA (mutual TLS, {@link ClientAuth#REQUIRE}).</li>
 *   <li>Client: with a trusted CA it verifies the server's chain and its name (endpoint
 *       identification {@code HTTPS}, see {@link TlsClientContext}); without one it verifies
 *       nothing, which is stock frp's default, and says so once in the log.</li>
 * </ul>
 *
 * <h3>Provider</h3>
 * OpenSSL (the BoringSSL build of netty-tcnative) when {@link OpenSsl#isAvailable()}, which is
 * faster and allocates less; the JDK's JSSE otherwise (other platforms, or a missing native
 * library). {@link #defaultProvider()} tells which; the methods taking an {@link SslProvider}
 * pick one explicitly. Both behave the same under this policy.
 *
 * <p>Files are read with {@link PemFiles}, so errors name the file; a key that does not belong to
 * its certificate is rejected here, not at the first handshake.
 */
public final class TlsContexts {
    /**
     * The type of the key store Netty hands a client's key over in: the default type, PKCS#12,
     * protects it with 10,000 rounds of PBKDF2 both ways; a JKS store does not, and nothing
     * outside this process ever sees it.
     */
    private static final String IN_MEMORY_KEY_STORE = "JKS";
    private static final Logger log = LoggerFactory.getLogger(TlsContexts.class);

    static final String TLS_V13 = "TLSv1.3";
    static final String TLS_V12 = "TLSv1.2";

    private static final AtomicBoolean INSECURE_CLIENT_WARNED = new AtomicBoolean();

    private TlsContexts() {
    }

    /** OpenSSL when its native library loaded on this platform, the JDK provider otherwise. */
    public static SslProvider defaultProvider() {
        return OpenSsl.isAvailable() ? SslProvider.OPENSSL : SslProvider.JDK;
    }

    /**
     * A line for the startup log: the provider and its version, for example
     * {@code "OpenSSL (BoringSSL)"} or {@code "JDK (Java 17.0.15)"}.
     */
    public static String describe(SslProvider provider) {
        return switch (provider) {
            case OPENSSL, OPENSSL_REFCNT -> "OpenSSL (" + OpenSsl.versionString() + ")";
            case JDK -> "JDK (Java " + Runtime.version() + ")";
        };
    }

    /** The protocol versions enabled with {@code provider}, newest first. */
    public static List<String> protocols(SslProvider provider) {
        return SslProvider.isTlsv13Supported(provider) ? List.of(TLS_V13, TLS_V12) : List.of(TLS_V12);
    }

    /**
     * A server context from PEM files, with the {@link #defaultProvider()}.
     *
     * @param certificateFile the server certificate, optionally followed by intermediates
     * @param keyFile         its private key
     * @param trustedCaFile   CA certificates for client certificates, or null for no client
     *                        authentication; when set, clients without a certificate from one of
     *                        these CAs fail the handshake
     * @throws IOException naming the file that is missing, malformed or mismatched
     */
    public static SslContext server(Path certificateFile, Path keyFile, Path trustedCaFile) throws IOException {
        CertifiedKey key = CertifiedKey.load(certificateFile, keyFile);
        List<X509Certificate> trusted = trustedCaFile == null ? List.of() : PemFiles.readCertificates(trustedCaFile);
        return server(key, trusted, defaultProvider());
    }

    /**
     * A server context.
     *
     * @param key               what the server presents
     * @param trustedClientCas  CAs for client certificates; empty for no client authentication,
     *                          otherwise a client certificate is required
     * @param provider          {@link SslProvider#JDK} or {@link SslProvider#OPENSSL}
     */
    public static SslContext server(CertifiedKey key, List<X509Certificate> trustedClientCas, SslProvider provider)
            throws SSLException {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(trustedClientCas, "trustedClientCas");
        // A key manager of the one key, not the key and chain: Netty would put them in a key store
        // and wrap the JDK's SunX509 key manager around it, which loads the JDK's Unicode
        // normaliser to hash the issuers' names (CertifiedKeyManager).
        SslContextBuilder builder = SslContextBuilder.forServer(new CertifiedKeyManager(key))
                .sslProvider(provider)
                .protocols(protocols(provider));
        if (trustedClientCas.isEmpty()) {
            // An explicit trust manager: without one, the TLS provider loads the JDK's CA store.
            builder.trustManager(NoClientCertificates.INSTANCE).clientAuth(ClientAuth.NONE);
        } else {
            builder.trustManager(trustedClientCas).clientAuth(ClientAuth.REQUIRE);
        }
        return builder.build();
    }

    /**
     * A client context from PEM files, with the {@link #defaultProvider()}.
     *
     * @param trustedCaFile   CA certificates (or a pinned self-signed server certificate) to verify
     *                        the server with, or null to verify nothing (frp's default)
     * @param certificateFile the client certificate for mutual TLS, or null for none
     * @param keyFile         its private key; null exactly when {@code certificateFile} is
     * @param serverName      the name sent as SNI and checked against the server certificate, or
     *                        null to use the host each connection dials
     * @throws IOException naming the file that is missing, malformed or mismatched
     */
    public static TlsClientContext client(Path trustedCaFile, Path certificateFile, Path keyFile, String serverName)
            throws IOException {
        if ((certificateFile == null) != (keyFile == null)) {
            throw new IllegalArgumentException("a client certificate needs both a certificate file and a key file"
                    + " (certificate " + certificateFile + ", key " + keyFile + ")");
        }
        List<X509Certificate> trusted = trustedCaFile == null ? List.of() : PemFiles.readCertificates(trustedCaFile);
        CertifiedKey key = certificateFile == null ? null : CertifiedKey.load(certificateFile, keyFile);
        return client(trusted, key, serverName, defaultProvider());
    }

    /**
     * A client context.
     *
     * @param trustedCas the trust anchors for the server; empty to verify nothing
     * @param clientKey  the client's certificate for mutual TLS, or null
     * @param serverName SNI and verification name, or null for the dialed host
     * @param provider   {@link SslProvider#JDK} or {@link SslProvider#OPENSSL}
     */
    public static TlsClientContext client(List<X509Certificate> trustedCas, CertifiedKey clientKey,
                                          String serverName, SslProvider provider) throws SSLException {
        Objects.requireNonNull(trustedCas, "trustedCas");
        boolean verify = !trustedCas.isEmpty();
        SslContextBuilder builder = SslContextBuilder.forClient()
                .sslProvider(provider)
                .protocols(protocols(provider));
        if (verify) {
            builder.trustManager(trustedCas).endpointIdentificationAlgorithm(TlsClientContext.ENDPOINT_IDENTIFICATION);
        } else {
            // Netty 4.2 turns on hostname checks by default; they mean nothing without a trust anchor.
            builder.trustManager(InsecureTrustManagerFactory.INSTANCE).endpointIdentificationAlgorithm(null);
            if (INSECURE_CLIENT_WARNED.compareAndSet(false, true)) {
                log.warn("TLS client does not verify the server certificate (no trusted CA file configured):"
                        + " traffic is encrypted but a man in the middle can read it. Configure the server's CA"
                        + " (or its self-signed server.crt) as the trusted CA file to verify the server.");
            }
        }
        if (clientKey != null) {
            builder.keyManager(clientKey.privateKey(), clientKey.chain()).keyStoreType(IN_MEMORY_KEY_STORE);
        }
        return new TlsClientContext(builder.build(), provider, verify, serverName);
    }
}
