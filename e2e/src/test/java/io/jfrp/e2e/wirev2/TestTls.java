package io.jfrp.e2e.wirev2;

import io.jfrp.certs.CertifiedKey;
import io.jfrp.certs.KeyAlgorithm;
import io.jfrp.certs.SelfSignedServerCertificate;
import io.jfrp.certs.SubjectAltNames;
import io.jfrp.certs.TlsClientContext;
import io.jfrp.certs.TlsContexts;
import io.netty.handler.ssl.SslContext;

import javax.net.ssl.SSLException;
import java.time.Duration;
import java.util.List;

/** TLS for the interop tests, from io.jfrp.certs: a self-signed server, a client that verifies nothing (frp's default). */
final class TestTls {
    private TestTls() {
    }

    static SslContext server() throws SSLException {
        CertifiedKey key = SelfSignedServerCertificate.generate(SubjectAltNames.LOCALHOST, Duration.ofDays(1),
                KeyAlgorithm.defaultAlgorithm());
        return TlsContexts.server(key, List.of(), TlsContexts.defaultProvider());
    }

    static TlsClientContext client() throws SSLException {
        return TlsContexts.client(List.of(), null, null, TlsContexts.defaultProvider());
    }
}
