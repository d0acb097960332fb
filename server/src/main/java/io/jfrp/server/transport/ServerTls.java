package io.jfrp.server.transport;

import io.jfrp.certs.CertifiedKey;
import io.jfrp.certs.KeyAlgorithm;
import io.jfrp.certs.PemFiles;
import io.jfrp.certs.SelfSignedServerCertificate;
import io.jfrp.certs.SubjectAltNames;
import io.jfrp.certs.TlsContexts;
import io.jfrp.config.model.ServerTlsConfig;
import io.netty.handler.codec.quic.QuicSslContext;
import io.netty.handler.codec.quic.QuicSslContextBuilder;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;

import java.io.IOException;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * The TLS contexts jfrps presents on bindPort (and kcpBindPort) and, for QUIC, on quicBindPort:
 * transport.tls.certFile/keyFile when set, else a self-signed certificate made on first start and
 * kept in {@link ServerTlsConfig#selfSignedDir()} (in memory only without one); with transport.tls.trustedCaFile, client
 * certificates from that CA are required.
 */
public final class ServerTls {
    private ServerTls() {
    }

    /** The application protocol of frp's QUIC. */
    static final String QUIC_ALPN = "frp";

    /** @throws IOException when a file cannot be read or the self-signed certificate cannot be written */
    public static SslContext context(ServerTlsConfig tls) throws IOException {
        if (tls.certFile() != null) {
            return TlsContexts.server(tls.certFile(), tls.keyFile(), tls.trustedCaFile());
        }
        return TlsContexts.server(key(tls), trustedCas(tls), TlsContexts.defaultProvider());
    }

    /**
     * The TLS 1.3 of QUIC (BoringSSL inside Netty's QUIC codec): the same certificate and client
     * authentication, ALPN "frp" as stock frps.
     */
    public static QuicSslContext quicContext(ServerTlsConfig tls) throws IOException {
        CertifiedKey key = key(tls);
        QuicSslContextBuilder b = QuicSslContextBuilder.forServer(key.privateKey(), null,
                key.chain().toArray(X509Certificate[]::new)).applicationProtocols(QUIC_ALPN);
        List<X509Certificate> cas = trustedCas(tls);
        if (cas.isEmpty()) {
            b.clientAuth(ClientAuth.NONE);
        } else {
            b.trustManager(cas.toArray(X509Certificate[]::new)).clientAuth(ClientAuth.REQUIRE);
        }
        return b.build();
    }

    /** The certificate and key presented (package-private for tests). */
    static CertifiedKey key(ServerTlsConfig tls) throws IOException {
        if (tls.certFile() != null) {
            return CertifiedKey.load(tls.certFile(), tls.keyFile());
        }
        return tls.selfSignedDir() == null ? InMemory.KEY
                : SelfSignedServerCertificate.loadOrCreate(tls.selfSignedDir()).certifiedKey();
    }

    /**
     * The self-signed certificate of a jfrps without a directory for it (run with flags and no file):
     * made once per process, on first use, for TLS and QUIC alike, and never written (as frps).
     */
    private static final class InMemory {
        static final CertifiedKey KEY = SelfSignedServerCertificate.generate(SubjectAltNames.LOCALHOST,
                SelfSignedServerCertificate.DEFAULT_VALIDITY, KeyAlgorithm.defaultAlgorithm());
    }

    private static List<X509Certificate> trustedCas(ServerTlsConfig tls) throws IOException {
        return tls.trustedCaFile() == null ? List.of() : PemFiles.readCertificates(tls.trustedCaFile());
    }
}
