package io.jfrp.server.transport;

import io.jfrp.certs.CertifiedKey;
import io.jfrp.certs.PemFiles;
import io.jfrp.certs.SelfSignedServerCertificate;
import io.jfrp.certs.TlsContexts;
import io.jfrp.config.model.ServerTlsConfig;
import io.netty.handler.ssl.SslContext;

import java.io.IOException;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * The TLS context jfrps presents on bindPort: transport.tls.certFile/keyFile when set, else a
 * self-signed certificate made on first start and kept in {@link ServerTlsConfig#selfSignedDir()};
 * with transport.tls.trustedCaFile, client certificates from that CA are required.
 */
public final class ServerTls {
    private ServerTls() {
    }

    /** @throws IOException when a file cannot be read or the self-signed certificate cannot be written */
    public static SslContext context(ServerTlsConfig tls) throws IOException {
        if (tls.certFile() != null) {
            return TlsContexts.server(tls.certFile(), tls.keyFile(), tls.trustedCaFile());
        }
        CertifiedKey key = SelfSignedServerCertificate.loadOrCreate(tls.selfSignedDir()).certifiedKey();
        List<X509Certificate> cas = tls.trustedCaFile() == null ? List.of() : PemFiles.readCertificates(tls.trustedCaFile());
        return TlsContexts.server(key, cas, TlsContexts.defaultProvider());
    }
}
