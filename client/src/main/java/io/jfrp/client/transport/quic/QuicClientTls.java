package io.jfrp.client.transport.quic;

import io.jfrp.certs.CertifiedKey;
import io.jfrp.certs.PemFiles;
import io.jfrp.config.model.ClientTlsConfig;
import io.netty.handler.codec.quic.QuicSslContext;
import io.netty.handler.codec.quic.QuicSslContextBuilder;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * The TLS 1.3 of jfrpc's QUIC connections, as frp's: ALPN {@code "frp"}; with transport.tls.enable,
 * the client certificate (certFile, keyFile) and the server verified against trustedCaFile with the
 * name transport.tls.serverName (else serverAddr); without trustedCaFile, or with tls.enable = false,
 * the server is not verified (frp's default).
 */
final class QuicClientTls {
    private static final Logger log = LoggerFactory.getLogger(QuicClientTls.class);
    /** The application protocol frp's QUIC speaks. */
    static final String ALPN = "frp";

    private QuicClientTls() {
    }

    static QuicSslContext context(ClientTlsConfig tls) throws IOException {
        QuicSslContextBuilder b = QuicSslContextBuilder.forClient().applicationProtocols(ALPN);
        if (tls.enable() && tls.trustedCaFile() != null) {
            List<X509Certificate> cas = PemFiles.readCertificates(tls.trustedCaFile());
            b.trustManager(cas.toArray(X509Certificate[]::new)).endpointIdentificationAlgorithm("HTTPS");
        } else {
            b.trustManager(InsecureTrustManagerFactory.INSTANCE).endpointIdentificationAlgorithm(null);
            log.warn("QUIC does not verify the server certificate (no trusted CA file configured): traffic is"
                    + " encrypted but a man in the middle can read it");
        }
        if (tls.enable() && tls.certFile() != null) {
            CertifiedKey key = CertifiedKey.load(tls.certFile(), tls.keyFile());
            b.keyManager(key.privateKey(), null, key.chain().toArray(X509Certificate[]::new));
        }
        return b.build();
    }
}
